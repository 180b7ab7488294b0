"""The Zensical recipe's site, browsed: Zensical's own Mermaid integration draws the
diagrams with the pinned Mermaid the recipe loads (nothing from a CDN), and links work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.harness import SCREENSHOTS, Served, build_with_zensical, incident_ids, open_page, serve


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(build_with_zensical(tmp_path_factory.mktemp("zensical")))


@pytest.fixture
def zpage(browser: Browser, zensical_site: Served) -> Iterator[Page]:
    for found in (zensical_site.blocked, zensical_site.console_errors, zensical_site.page_errors):
        found.clear()
    opened = open_page(browser, zensical_site)
    yield opened
    opened.context.close()


def drawn_diagrams(page: Page) -> list[float]:
    """Heights of the drawn diagrams, once no `pre.mermaid` is left to draw. Zensical puts
    each drawing in a closed shadow root: its size is what the page can see of it."""
    page.wait_for_function(
        "() => document.querySelectorAll('pre.mermaid').length === 0", timeout=20_000
    )
    heights: list[float] = page.evaluate(
        "[...document.querySelectorAll('div.mermaid')].map(d => d.getBoundingClientRect().height)"
    )
    return heights


@pytest.mark.parametrize("incident_id", incident_ids()[:3])
def test_diagrams_render_offline(zpage: Page, zensical_site: Served, incident_id: str) -> None:
    zpage.goto(zensical_site.url(f"postmortems/incidents/{incident_id}/"))
    heights = drawn_diagrams(zpage)
    assert heights and all(height > 60 for height in heights)
    assert zensical_site.blocked == [], "requests to third-party hosts"
    assert zensical_site.page_errors == [] and zensical_site.console_errors == []


def test_from_the_archive_to_an_incident_and_its_root_cause(
    zpage: Page, zensical_site: Served
) -> None:
    zpage.goto(zensical_site.url("postmortems/incidents/"))
    zpage.locator(".pm-archive tbody tr td a").first.click()
    zpage.wait_for_load_state()
    assert "/postmortems/incidents/" in zpage.url
    drawn_diagrams(zpage)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    zpage.screenshot(path=str(SCREENSHOTS / "zensical-incident-1280.png"))
    title = zpage.locator("h1").first.inner_text().rstrip("¶").strip()  # Zensical: a permalink
    zpage.locator(".pm-card a.pm-tag[href*='root-causes']").first.click()
    zpage.wait_for_load_state()
    assert "/postmortems/root-causes/" in zpage.url
    assert zpage.get_by_role("link", name=title, exact=True).count() >= 1
    assert zensical_site.blocked == []
