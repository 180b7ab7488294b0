"""What only a browser shows: diagrams render, search answers, links and filters work,
nothing is fetched from a third party, and hostile incident text stays text."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.harness import (
    ROOT,
    SCREENSHOTS,
    Served,
    assert_clean,
    copy_project,
    diagrams_rendered,
    incident_ids,
    mkdocs_build,
    open_page,
    search,
    serve,
    wait_for_diagrams,
)

SEED = "2024-08-12-payment-gateway-memory-leak"
HOSTILE = ROOT / "tests" / "corpus" / "hostile-text"


@pytest.mark.parametrize("incident_id", incident_ids())
def test_incident_page_diagrams_render(page: Page, site: Served, incident_id: str) -> None:
    page.goto(site.url(f"incidents/{incident_id}/"))
    assert wait_for_diagrams(page) >= 1
    diagrams_rendered(page)
    assert_clean(page, site)


@pytest.mark.parametrize("url", ["", "incidents/", "root-causes/", "services/"])
def test_index_pages_load_cleanly(page: Page, site: Served, url: str) -> None:
    page.goto(site.url(url))
    diagrams_rendered(page)
    assert_clean(page, site)


def test_timeline_shows_clock_times_not_split_at_the_colon(page: Page, site: Served) -> None:
    page.goto(site.url(f"incidents/{SEED}/"))
    wait_for_diagrams(page)
    timeline = page.locator("div.mermaid").first.inner_text()
    assert "11:35" in timeline and "15:15" in timeline


def test_search_memory_leak_lists_the_seed_in_the_first_three(page: Page, site: Served) -> None:
    results = search(page, site, "memory leak")
    assert any(SEED in href for href in results[:3]), results[:5]
    assert_clean(page, site)


def test_search_a_hyphenated_tag_and_a_service(page: Page, site: Served) -> None:
    assert any(SEED in href for href in search(page, site, "memory-leak")[:5])
    ledger = search(page, site, "ledger")
    assert any("2023-03-15-ledger-duplicate-refund-postings" in h for h in ledger[:5]), ledger


def test_root_cause_chip_opens_its_page_which_links_back(page: Page, site: Served) -> None:
    page.goto(site.url(f"incidents/{SEED}/"))
    page.click(".pm-card a.pm-tag:has-text('Memory leak')")
    page.wait_for_url("**/root-causes/memory-leak/")
    assert page.locator("h1").inner_text().startswith("Root cause: Memory leak")
    back = page.locator(f"table a[href*='{SEED}']")
    assert back.count() == 1
    back.click()
    page.wait_for_url(f"**/incidents/{SEED}/")
    assert_clean(page, site)


def visible_rows(page: Page) -> int:
    return page.locator(".pm-archive tbody tr:visible").count()


def test_archive_filter_narrows_by_severity_and_root_cause(page: Page, site: Served) -> None:
    page.goto(site.url("incidents/"))
    total = visible_rows(page)
    assert total == len(incident_ids())
    page.select_option("select[data-filter=severity]", "SEV1")
    sev1 = visible_rows(page)
    assert 0 < sev1 < total
    assert page.locator(".pm-archive tbody tr:visible .pm-sev").all_inner_texts() == ["SEV1"] * sev1
    page.select_option("select[data-filter=severity]", "")
    page.select_option("select[data-filter=cause]", "memory-leak")
    assert visible_rows(page) == 3
    page.fill("input[data-filter=text]", "payment")
    assert 0 < visible_rows(page) < 3
    assert "of 16 incidents" in page.inner_text(".pm-filter-count")


def test_archive_without_javascript_shows_every_row(browser: Browser, site: Served) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("incidents/"))
    assert page.locator(".pm-archive tbody tr").count() == len(incident_ids())
    assert not page.locator("form.pm-filter").is_visible()
    context.close()


def test_offline_nothing_is_requested_from_third_parties(page: Page, site: Served) -> None:
    for url in ("", "incidents/", f"incidents/{SEED}/", "root-causes/memory-leak/"):
        page.goto(site.url(url))
        page.wait_for_load_state("networkidle")
        diagrams_rendered(page)
    assert_clean(page, site)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for case in HOSTILE.glob("*.yaml"):
        shutil.copy(case, project / "incidents" / case.name)
    # Not strict: validation rightly warns about the hostile links (the pages do not link
    # them); this site is built to show that nothing in them runs.
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr
    assert all("will not be a link" in w for w in result.warnings), result.warnings
    yield from serve(project / "site")


@pytest.mark.parametrize("case", sorted(p.stem for p in HOSTILE.glob("*.yaml")))
def test_hostile_text_runs_nothing_and_shows_as_text(
    browser: Browser, hostile_site: Served, case: str
) -> None:
    page = open_page(browser, hostile_site)
    page.goto(hostile_site.url(f"incidents/{case}/"))
    diagrams_rendered(page)
    for link in page.locator("a[href^='javascript']").all():
        pytest.fail(f"a javascript: link survived: {link.get_attribute('href')}")
    page.locator(".pm-prose a").first.click() if page.locator(".pm-prose a").count() else None
    assert page.evaluate("() => window.__pwned") is None
    assert hostile_site.dialogs == []
    body = page.inner_text("article")
    assert "<script>" in body  # shown, not run
    assert page.locator("article script").count() == 0
    assert page.locator("img[onerror], [onclick], [onmouseover]").count() == 0
    assert_clean(page, hostile_site)
    page.context.close()


def test_screenshots(page: Page, site: Served) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in [
        ("home", ""), ("archive", "incidents/"), ("seed-incident", f"incidents/{SEED}/"),
        ("root-cause", "root-causes/memory-leak/"),
    ]:  # fmt: skip
        page.goto(site.url(url))
        wait_for_diagrams(page)
        target = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
