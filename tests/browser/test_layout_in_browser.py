"""Every page type, on a 1280 px screen and a 390 px phone, in the light and the dark
palette, over the sample archive and a real-shaped one: diagram labels of a readable size
that never overlap, axis and title text in contrast with the page, no sideways page scroll,
no Mermaid error. Each view is saved to test-output/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.layout import (
    MIN_CONTRAST,
    VIEWS,
    check_view,
    contrast,
    mark_drawings,
    measure,
    on_page_background,
    open_view,
    wait_until_redrawn,
)
from tests.harness import Served, copy_project, mkdocs_build, serve
from tests.realistic_archive import write_archive

SAMPLE_PAGES = [
    "", "incidents/", "incidents/2024-08-12-payment-gateway-memory-leak/",
    "incidents/2025-10-16-orders-db-replica-network-partition/", "insights/", "root-causes/",
    "root-causes/memory-leak/", "services/checkout/", "action-items/",
]  # fmt: skip
REAL_PAGES = [
    "incidents/", "incidents/2019-01-10-six-hundred-days/",
    "incidents/2021-03-02-seven-hundred-events/", "incidents/2022-07-19-arabic-timeline/",
    "incidents/2023-05-08-fourteen-services/", "incidents/1995-02-01-only-a-start/",
    "incidents/2001-06-12-date-only/", "incidents/2004-03-09-end-unknown/",
    "incidents/1968-11-04-before-1970-unrated/", "incidents/no-date-dated-timeline/",
    "insights/", "services/ledger-db/",
    "root-causes/config-change/", "action-items/",
]  # fmt: skip


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The real-shaped archive, built once for the session."""
    project = tmp_path_factory.mktemp("real")
    archive = write_archive(tmp_path_factory.mktemp("real-incidents") / "incidents")
    copy_project(project, incidents=archive)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert result.warnings == [], result.warnings
    yield from serve(result.site)


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v[0]}-{v[1]}")
@pytest.mark.parametrize("url", SAMPLE_PAGES)
def test_sample_pages_read_well(
    browser: Browser, site: Served, url: str, view: tuple[int, str]
) -> None:
    check_view(browser, site, "sample", url, view)


@pytest.mark.build
@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v[0]}-{v[1]}")
@pytest.mark.parametrize("url", REAL_PAGES)
def test_real_shaped_pages_read_well(
    browser: Browser, real_site: Served, url: str, view: tuple[int, str]
) -> None:
    check_view(browser, real_site, "real", url, view)


def test_toggling_the_palette_redraws_the_diagrams_without_a_reload(
    browser: Browser, site: Served
) -> None:
    page = open_view(
        browser, site, "incidents/2024-08-12-payment-gateway-memory-leak/", 1280, "default"
    )
    try:
        page.evaluate("window.pmNotReloaded = true")
        before = measure(page)
        mark_drawings(page)
        page.locator("label.md-header__button[for='__palette_1']").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        wait_until_redrawn(page)
        after = measure(page)
        assert page.evaluate("window.pmNotReloaded") is True
        assert after.background != before.background
        on_page = [label for label in after.labels if label.fill and on_page_background(label)]
        assert on_page
        assert min(contrast(label.fill, after.background) for label in on_page) >= MIN_CONTRAST  # type: ignore[arg-type]
    finally:
        page.context.close()


@pytest.mark.build
def test_the_year_filter_finds_the_reviews_with_no_date(
    browser: Browser, real_site: Served
) -> None:
    page = open_view(browser, real_site, "incidents/?year=unknown", 390, "default")
    try:
        assert page.input_value("select[data-filter=year]") == "unknown"
        assert [t.rstrip("¶") for t in page.locator("h2:visible").all_inner_texts()] == [
            "Date unknown"
        ]
        titles = page.locator(".pm-archive tbody tr:visible td:nth-child(2) > a").all_inner_texts()
        assert len(titles) == 2
        assert page.locator(".pm-archive tbody tr:visible td:first-child").all_inner_texts() == [
            "date unknown",
            "date unknown",
        ]
    finally:
        page.context.close()


@pytest.mark.parametrize(
    "url", ["action-items/", "incidents/2024-08-12-payment-gateway-memory-leak/"]
)
def test_action_items_on_a_phone_are_cards_that_fit(
    browser: Browser, site: Served, url: str
) -> None:
    """On a phone each action item is a card with every value in view: the six-column
    table squeezed its titles to a word per line and hid the rest behind a sideways scroll."""
    page = open_view(browser, site, url, 390, "default")
    try:
        page.evaluate("document.querySelectorAll('details.pm-fold').forEach(d => d.open = true)")
        cells = page.locator(".pm-actions tbody td")
        assert cells.count() > 0
        overflow = page.evaluate(
            "[...document.querySelectorAll('.pm-actions tbody td')].filter(td => {"
            " const box = td.getBoundingClientRect();"
            " return box.right > innerWidth || td.scrollWidth > td.clientWidth + 1; }).length"
        )
        assert overflow == 0
        header = page.locator(".pm-actions thead").first.bounding_box()
        assert header is not None and header["height"] <= 1  # the names are labels instead
        first = page.locator(".pm-actions tbody tr").first.bounding_box()
        assert first is not None and first["width"] >= 300  # a card, not a squeezed row
    finally:
        page.context.close()


def test_the_header_card_uses_its_width_on_a_phone(browser: Browser, site: Served) -> None:
    """The card's rows start at its padding, not after a list indent (50 px of 390)."""
    url = "incidents/2024-08-12-payment-gateway-memory-leak/"
    page = open_view(browser, site, url, 390, "default")
    try:
        card = page.locator(".pm-card").first.bounding_box()
        row = page.locator(".pm-card li").first.bounding_box()
        assert card is not None and row is not None
        assert row["x"] - card["x"] <= 24
    finally:
        page.context.close()
