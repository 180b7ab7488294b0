"""The charts (bars drawn as tables, render/charts.py) show their data in Chromium: every
bar column fitted to its largest value, no bar for a zero, no number clipped, in the light
and the dark palette, on a 1280 px screen and a 390 px phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.harness import Served, assert_clean

# Runs in the page: per bar column (a table's column of `.pm-barline` cells) its widest bar
# against the room a bar has (the cell less its number), the bars drawn for zeros, and the
# numbers that overflow their cell.
_BARS = """() => {
  const columns = new Map();
  for (const line of document.querySelectorAll('.pm-bars .pm-barline')) {
    const cell = line.closest('td');
    const table = cell.closest('table');
    table.dataset.pmId ||= String(Math.random());
    const id = table.dataset.pmId + ':' + cell.cellIndex;
    const bar = line.querySelector('.pm-bar');
    const number = line.textContent.trim();
    const style = getComputedStyle(cell);
    const box = cell.getBoundingClientRect();
    const content = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const range = document.createRange();
    range.selectNodeContents(line.lastChild);
    const text = range.getBoundingClientRect();
    const found = columns.get(id) || {widest: 0, content, text: 0, zeros: 0, clipped: [], bars: 0};
    if (bar) {
      found.widest = Math.max(found.widest, bar.getBoundingClientRect().width);
      found.bars += 1;
      if (/^(0|—)$/.test(number)) found.zeros += 1;
    }
    found.text = Math.max(found.text, text.width);
    found.room = found.content - found.text;
    if (text.right > box.right - parseFloat(style.paddingRight) + 1) found.clipped.push(number);
    columns.set(id, found);
  }
  return [...columns.values()];
}"""


def bar_columns(page: Page) -> list[dict[str, Any]]:
    columns: list[dict[str, Any]] = page.evaluate(_BARS)
    return [c for c in columns if c["bars"]]


@pytest.mark.parametrize("url", ["insights/", "root-causes/memory-leak/", "services/checkout/"])
def test_bars_fill_their_column_without_a_zero_or_a_clipped_number(
    page: Page, site: Served, url: str
) -> None:
    page.goto(site.url(url))
    assert page.locator("div.mermaid").count() == 0, "charts are tables of bars"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        columns = bar_columns(page)
        assert columns
        for column in columns:
            assert column["zeros"] == 0, "a zero draws no bar"
            assert column["clipped"] == [], column
            # The widest bar spans the room its column has: no axis mostly empty.
            assert column["widest"] >= 0.5 * column["room"], (width, column)
    assert_clean(page, site)


def test_insights_charts_show_their_data(page: Page, site: Served) -> None:
    page.goto(site.url("insights/"))
    years = page.locator("#incidents-per-year ~ .pm-bars").first
    assert years.locator("tbody tr").count() == 5
    assert "2022" in years.inner_text() and "2026" in years.inner_text()
    # Medians to the minute: 1 h 39 min and 2 h 28 min draw apart.
    medians = years.locator("td:nth-child(3) .pm-bar")
    widths = [medians.nth(n).bounding_box()["width"] for n in range(medians.count())]  # type: ignore[index]
    assert len(set(round(w) for w in widths)) == len(widths)
    severities = page.locator("#incidents-per-severity ~ .pm-bars").first
    fills = severities.locator(".pm-bar").evaluate_all(
        "bars => bars.map(b => getComputedStyle(b).backgroundColor)"
    )
    assert len(fills) == 4 and len(set(fills)) == 4, "each severity its own colour"
    assert "SEV2" in severities.inner_text()
