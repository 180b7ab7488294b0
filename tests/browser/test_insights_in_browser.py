"""The insights charts and the root-cause trend render in Chromium without a Mermaid error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.harness import Served, assert_clean, diagrams_rendered


@pytest.mark.parametrize(
    ("url", "charts"),
    [("insights/", 9), ("root-causes/memory-leak/", 1), ("services/checkout/", 1),
     ("action-items/", 0)],
)  # fmt: skip
def test_charts_render_without_mermaid_errors(
    page: Page, site: Served, url: str, charts: int
) -> None:
    page.goto(site.url(url))
    assert page.locator("div.mermaid").count() == charts
    diagrams_rendered(page)
    assert_clean(page, site)


def test_insights_charts_show_their_data(page: Page, site: Served) -> None:
    page.goto(site.url("insights/"))
    diagrams_rendered(page)
    year_chart = page.locator("div.mermaid").first
    assert "2022" in year_chart.inner_text() and "2026" in year_chart.inner_text()
    assert year_chart.locator("rect.bar, g.bar-plot-0 rect").count() == 5
    pie = page.locator("div.mermaid").nth(1)
    assert "SEV2" in pie.inner_text()
    assert pie.locator("path").count() >= 4
