"""The archive's filters: by year too, kept in the address (shareable, the back button
restores the previous view), and an empty result says so with a button that clears them."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.harness import Served, assert_clean, incident_ids


def visible_rows(page: Page) -> int:
    return page.locator(".pm-archive tbody tr:visible").count()


def test_a_shared_address_opens_the_filtered_view(page: Page, site: Served) -> None:
    page.goto(site.url("incidents/?year=2024"))
    expected = sum(1 for i in incident_ids() if i.startswith("2024-"))
    assert 0 < visible_rows(page) == expected
    assert page.input_value("select[data-filter=year]") == "2024"
    assert [t.rstrip("¶") for t in page.locator("h2:visible").all_inner_texts()] == ["2024"]
    assert_clean(page, site)


def test_the_back_button_restores_the_previous_filters(page: Page, site: Served) -> None:
    page.goto(site.url("incidents/"))
    everything = visible_rows(page)
    page.select_option("select[data-filter=year]", "2024")
    assert page.url.endswith("incidents/?year=2024")
    in_2024 = visible_rows(page)
    page.select_option("select[data-filter=severity]", "SEV1")
    assert "severity=SEV1" in page.url and "year=2024" in page.url
    assert visible_rows(page) < in_2024
    page.go_back()
    page.wait_for_function("() => !location.search.includes('severity')")
    assert page.input_value("select[data-filter=severity]") == ""
    assert visible_rows(page) == in_2024
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert visible_rows(page) == everything


def test_no_match_says_so_and_clears_in_one_click(page: Page, site: Served) -> None:
    page.goto(site.url("incidents/"))
    everything = visible_rows(page)
    page.fill("input[data-filter=text]", "no incident has this word")
    assert visible_rows(page) == 0
    empty = page.locator(".pm-filter-empty")
    assert empty.is_visible() and "No incident matches" in empty.inner_text()
    assert "q=no+incident" in page.url
    page.locator(".pm-filter-clear").click()
    assert visible_rows(page) == everything
    assert not empty.is_visible()
    assert page.url.endswith("/incidents/")


def test_the_words_box_knows_what_search_knows(page: Page, site: Served) -> None:
    """Plurals and the taxonomy's other names: "leaks" and "OOM" find the memory leaks."""
    page.goto(site.url("incidents/"))
    leaks = {i for i in incident_ids() if "leak" in i}
    for words in ("leaks", "OOM", "leaking memory"):
        page.fill("input[data-filter=text]", words)
        shown = page.locator(".pm-archive tbody tr:visible td:nth-child(2) > a:first-child")
        found = {str(href).strip("/").split("/")[-1] for href in
                 shown.evaluate_all("links => links.map(a => a.getAttribute('href'))")}  # fmt: skip
        assert leaks <= found, (words, found)
    assert_clean(page, site)
