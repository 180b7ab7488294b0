"""The example host site with the `postmortems` plugin, browsed: diagrams render with the
shipped Mermaid, links between the host's pages and the archive work, nothing is fetched
from a third party, and the host's own pages look like its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.harness import (
    SCREENSHOTS,
    Served,
    assert_clean,
    diagrams_rendered,
    incident_ids,
    open_page,
    wait_for_diagrams,
)


@pytest.fixture
def host_page(browser: Browser, host: Served) -> Iterator[Page]:
    for found in (host.blocked, host.console_errors, host.page_errors, host.dialogs):
        found.clear()
    opened = open_page(browser, host)
    yield opened
    opened.context.close()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(SCREENSHOTS) / f"plugin-{name}.png"), full_page=False)


@pytest.mark.parametrize("incident_id", incident_ids()[:3])
def test_incident_diagrams_render_in_the_host(
    host_page: Page, host: Served, incident_id: str
) -> None:
    host_page.goto(host.url(f"postmortems/incidents/{incident_id}/"))
    assert wait_for_diagrams(host_page) >= 1
    diagrams_rendered(host_page)
    assert_clean(host_page, host)


def test_from_the_host_home_to_an_incident_and_its_root_cause(
    host_page: Page, host: Served
) -> None:
    host_page.goto(host.url())
    assert host_page.locator("h1").first.inner_text() == "Platform handbook"
    host_page.locator("article li a").first.click()
    host_page.wait_for_load_state()
    assert "/postmortems/incidents/" in host_page.url
    title = host_page.locator("h1").first.inner_text()
    diagrams_rendered(host_page)
    assert host_page.locator(".pm-card").count() == 1
    shot(host_page, "incident-1280")
    host_page.locator(".pm-card a.pm-tag[href*='root-causes']").first.click()
    host_page.wait_for_load_state()
    assert "/postmortems/root-causes/" in host_page.url
    assert host_page.get_by_role("link", name=title, exact=True).count() >= 1
    assert_clean(host_page, host)


def test_the_archive_filter_works_under_the_prefix(host_page: Page, host: Served) -> None:
    host_page.goto(host.url("postmortems/incidents/"))
    form = host_page.locator("form.pm-filter")
    assert form.is_visible()
    rows = host_page.locator(".pm-archive tbody tr")
    total = rows.count()
    cause = form.locator("[data-filter=cause] option").nth(1).get_attribute("value")
    form.locator("[data-filter=cause]").select_option(cause)
    shown = host_page.locator(".pm-archive tbody tr:not([hidden])").count()
    assert 0 < shown < total
    assert_clean(host_page, host)


def test_the_hosts_pages_keep_their_own_look(host_page: Page, host: Served) -> None:
    host_page.set_viewport_size({"width": 390, "height": 844})
    host_page.goto(host.url("services/"))
    assert host_page.locator("h1").first.inner_text() == "Services we own"
    # The archive's stylesheets and two small scripts, never Mermaid (instant navigation may
    # lead from here to an archive page, whose scripts would not run then).
    assert host_page.locator("script[src*='mermaid']").count() == 0
    assert "mermaid" not in host_page.content()
    shot(host_page, "host-services-390")
    host_page.goto(host.url("team/on-call/"))
    assert "incidents ·" in host_page.locator("article").inner_text()
    shot(host_page, "host-on-call-390")
    assert_clean(host_page, host)
