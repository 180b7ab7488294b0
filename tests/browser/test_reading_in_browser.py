"""What a reader gets first, measured in Chromium on the sample site: the incident page's
answer on the first screen, overdue action items in view and readable, every table inside
its column, and axe-core's accessibility rules (the npm package pinned in package.json)
without a serious or critical violation, on every page type, in both palettes, at 1280 and
390 px. Each page is loaded once; the palette and the width change in place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.harness import ROOT, SCREENSHOTS, Served, open_page, wait_for_diagrams

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SEED = "incidents/2024-08-12-payment-gateway-memory-leak/"
PAGE_TYPES = [
    "", "incidents/", SEED, "incidents/2026-10-27-reporting-export-memory-leak/",
    "root-causes/", "root-causes/memory-leak/", "services/", "services/checkout/",
    "insights/", "action-items/", "guide/",
]  # fmt: skip
WIDTHS = {1280: 800, 390: 844}

# Every table of the article, with the width it takes and the width of its column (folds
# opened, so that what a click shows is measured too).
_WIDE_TABLES = """() => {
  document.querySelectorAll('article details').forEach(d => d.open = true);
  const column = document.querySelector('article').getBoundingClientRect().width;
  return [...document.querySelectorAll('article table')]
    .filter(t => t.scrollWidth > column + 1)
    .map(t => [t.scrollWidth, Math.round(column), t.rows[0].textContent.trim().slice(0, 60)]);
}"""
_AXE = """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => [v.id, v.nodes.length, v.nodes.slice(0, 3).map(n => n.target.join(' '))]))"""


@pytest.fixture
def reader(browser: Browser, site: Served) -> Iterator[Page]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test-setup` (npm ci installs axe-core)")
    for record in (site.blocked, site.console_errors, site.page_errors, site.dialogs):
        record.clear()
    page = open_page(browser, site)
    yield page
    page.context.close()


def palette(page: Page, scheme: str) -> None:
    """The palette a reader's toggle gives, set in place (Material keeps it on <body>)."""
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)


def shot(page: Page, url: str, width: int, scheme: str) -> None:
    name = url.strip("/").replace("/", "_") or "home"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"reading-{name}-{width}-{scheme}.png"))


@pytest.mark.parametrize("url", PAGE_TYPES, ids=lambda u: u.strip("/") or "home")
def test_every_page_type_is_accessible_and_its_tables_fit(
    reader: Page, site: Served, url: str
) -> None:
    reader.goto(site.url(url))
    wait_for_diagrams(reader)
    reader.add_script_tag(path=str(AXE))
    # Material fades colours over 125 ms+: measured mid-fade, a palette change reads wrong.
    reader.add_style_tag(content="*, *::before { transition: none !important; }")
    found: dict[str, Any] = {}
    for width, height in WIDTHS.items():
        reader.set_viewport_size({"width": width, "height": height})
        for scheme in ("default", "slate"):
            palette(reader, scheme)
            reader.evaluate("window.scrollTo(0, 0)")
            shot(reader, url, width, scheme)
            found[f"{width} {scheme} axe"] = reader.evaluate(_AXE)
        found[f"{width} wide tables"] = reader.evaluate(_WIDE_TABLES)
        reader.evaluate("document.querySelectorAll('article details').forEach(d => d.open = false)")
    assert {view: problems for view, problems in found.items() if problems} == {}
    assert site.console_errors == [] and site.page_errors == []


def _bottom(page: Page, label: str) -> float:
    """Where the header card's row `label` ends, in px from the top of the page."""
    row = page.locator(".pm-card > ul > li", has=page.locator(f"strong:text-is('{label}:')"))
    box = row.bounding_box()
    assert box is not None, label
    return box["y"] + box["height"]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_seed_incident_answers_on_the_first_screen(
    reader: Page, site: Served, width: int
) -> None:
    height = WIDTHS[width]
    reader.set_viewport_size({"width": width, "height": height})
    reader.goto(site.url(SEED))
    for label in ("What happened", "Why", "Fixed by"):
        assert _bottom(reader, label) <= height, label
    root_cause = reader.locator("h2#root-cause").bounding_box()
    assert root_cause is not None
    if width == 1280:
        assert root_cause["y"] < 2 * height, "the root cause starts on the second screen"
    # Reachable from the first screen in one click, whatever the width.
    assert reader.locator(".pm-card a[href='#root-cause']").is_visible()


def test_the_timeline_is_drawn_to_scale(reader: Page, site: Served) -> None:
    """12:00 → 12:15 is 15 min, 13:15 → 14:30 is 75 min: the second gap draws far longer."""
    reader.goto(site.url(SEED))
    wait_for_diagrams(reader)
    tops = reader.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('div.mermaid svg g.node')]
          .map(n => [n.textContent.slice(0, 5), n.getBoundingClientRect()]).map(
          ([t, r]) => [t, [r.top, r.bottom]]))"""
    )
    short = tops["12:15"][0] - tops["12:00"][1]
    long = tops["14:30"][0] - tops["13:15"][1]
    assert long >= 3 * short, (short, long)
    assert reader.locator("details.pm-fold:has(table)").count() == 1, "the table is folded"


def test_overdue_action_items_show_most_late_first_and_readable(reader: Page, site: Served) -> None:
    reader.set_viewport_size({"width": 1280, "height": 800})
    reader.goto(site.url("action-items/"))
    first = reader.locator("h2#overdue ~ .pm-actions").first
    rows = first.locator("tbody tr")
    assert rows.count() >= 10 and rows.first.is_visible(), "overdue items show without a click"
    dues = first.locator("td:nth-child(3)").all_inner_texts()
    assert all("overdue" in due for due in dues)
    assert dues == sorted(dues), "the longest overdue first"
    text_width = first.locator("td:first-child").first.evaluate(
        "td => { const s = getComputedStyle(td); return td.getBoundingClientRect().width"
        " - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"
    )
    assert text_width >= 200
    more = reader.locator("h2#overdue ~ details.pm-fold").first
    assert re.match(r"Show all \d+ overdue action items \(\d+ more\)", more.inner_text())
