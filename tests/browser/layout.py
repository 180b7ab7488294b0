"""What a reader sees of the diagrams, measured in the browser: label sizes, overlaps,
contrast against the page, whether the page scrolls sideways and whether a table is wider
than its column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, Page, Response

from tests.harness import SCREENSHOTS, Served, open_page, wait_for_diagrams

VIEWS = [(1280, "default"), (1280, "slate"), (390, "default"), (390, "slate")]
MIN_LABEL_PX = 11
MIN_CONTRAST = 4.5

# Runs in the page: every text of every drawn diagram with its rendered font size, box and
# colours; the page's background; how wide the page scrolls.
_MEASURE = """() => {
  const rgb = (value) => {
    const m = (value || '').match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(',').map(Number);
    return a === 0 ? null : [r, g, b];
  };
  const labels = [];
  document.querySelectorAll('div.mermaid').forEach((block, diagram) => {
    const svg = block.querySelector('svg');
    if (!svg) return;
    const view = svg.viewBox && svg.viewBox.baseVal;
    const shown = svg.getBoundingClientRect();
    const scale = view && view.width ? shown.width / view.width : 1;
    const texts = [...svg.querySelectorAll('text')].filter(t => !t.closest('foreignObject'));
    const html = [...svg.querySelectorAll('foreignObject *')].filter(e =>
      [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
    for (const el of [...texts, ...html]) {
      const text = el.textContent.trim();
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!text || !box.width || style.visibility === 'hidden') continue;
      const cls = (el.getAttribute('class') || '') + ' ' +
        (el.parentElement && el.parentElement.getAttribute('class') || '');
      labels.push({
        diagram, text: text.slice(0, 40), cls, svg: el.tagName === 'text',
        size: parseFloat(style.fontSize) * scale,
        box: [box.left + scrollX, box.top + scrollY, box.width, box.height],
        fill: rgb(el.tagName === 'text' ? style.fill : style.color),
      });
    }
  });
  return {
    labels,
    background: rgb(getComputedStyle(document.body).backgroundColor) || [255, 255, 255],
    pageWidth: document.documentElement.scrollWidth,
    // Tables (shown ones) wider than the article's column: they would scroll in their box.
    wideTables: (() => {
      const article = document.querySelector('article');
      if (!article) return [];
      const column = article.getBoundingClientRect().width;
      return [...article.querySelectorAll('table')].filter(t => t.offsetParent)
        .filter(t => t.scrollWidth > column + 1)
        .map(t => `${t.scrollWidth} > ${Math.round(column)}: ` +
          t.rows[0].textContent.trim().slice(0, 40));
    })(),
    viewport: document.documentElement.clientWidth,
    diagrams: document.querySelectorAll('div.mermaid').length,
    drawn: document.querySelectorAll('div.mermaid svg').length,
    errors: [...document.querySelectorAll('div.mermaid[data-error]')].map(d => d.textContent),
  };
}"""


@dataclass
class Label:
    diagram: int
    text: str
    cls: str
    svg: bool
    size: float
    box: tuple[float, float, float, float]
    fill: tuple[int, int, int] | None


@dataclass
class Measured:
    labels: list[Label]
    background: tuple[int, int, int]
    page_width: int
    viewport: int
    wide_tables: list[str]
    diagrams: int
    drawn: int
    errors: list[str]


def measure(page: Page) -> Measured:
    found: dict[str, Any] = page.evaluate(_MEASURE)
    labels = [
        Label(
            d["diagram"], d["text"], d["cls"], d["svg"], d["size"], tuple(d["box"]),
            tuple(d["fill"]) if d["fill"] else None,
        )
        for d in found["labels"]
    ]  # fmt: skip
    return Measured(
        labels, tuple(found["background"]), found["pageWidth"], found["viewport"],
        found["wideTables"], found["diagrams"], found["drawn"], found["errors"],
    )  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def _luminance(colour: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def overlapping(labels: list[Label], tolerance: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of labels of one diagram whose boxes overlap by more than `tolerance` px."""
    pairs = []
    for n, a in enumerate(labels):
        for b in labels[n + 1 :]:
            if a.diagram != b.diagram:
                continue
            ax, ay, aw, ah = a.box
            bx, by, bw, bh = b.box
            wide = min(ax + aw, bx + bw) - max(ax, bx)
            high = min(ay + ah, by + bh) - max(ay, by)
            if wide > tolerance and high > tolerance:
                pairs.append((a.text, b.text))
    return pairs


def on_page_background(label: Label) -> bool:
    """Titles, axes, legends and arrow labels sit on the page; texts inside boxes, bars and
    slices sit on their own fill (checked by the palette's own contrast)."""
    inside = ("slice", "nodeLabel", "taskText ", "taskText0", "taskText1", "taskText2")
    if any(word in label.cls for word in inside) and "taskTextOutside" not in label.cls:
        return False
    return label.svg or "edgeLabel" in label.cls


def mark_drawings(page: Page) -> None:
    """Mark every drawn diagram, so `wait_until_redrawn` can tell a new drawing."""
    page.evaluate("document.querySelectorAll('div.mermaid > svg').forEach(s => s.pmOld = 1)")


def wait_until_redrawn(page: Page) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.mermaid')].every("
        "d => d.getAttribute('data-error') || (d.querySelector(':scope > svg') "
        "&& !d.querySelector(':scope > svg').pmOld))",
        timeout=20_000,
    )


def open_view(browser: Browser, served: Served, url: str, width: int, scheme: str) -> Page:
    for record in (served.blocked, served.console_errors, served.page_errors, served.dialogs):
        record.clear()
    page = open_page(browser, served)

    def on_response(response: Response) -> None:
        if response.status >= 400:
            served.console_errors.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    page.set_viewport_size({"width": width, "height": 900})
    index = 0 if scheme == "default" else 1
    palette = f'{{"index": {index}, "color": {{"scheme": "{scheme}", "primary": "indigo"}}}}'
    page.add_init_script(f"localStorage.setItem('/.__palette', '{palette}')")
    page.goto(served.url(url))
    wait_for_diagrams(page)
    return page


def check_view(
    browser: Browser, served: Served, name: str, url: str, view: tuple[int, str]
) -> None:
    width, scheme = view
    page = open_view(browser, served, url, width, scheme)
    try:
        shot = f"{name}-{url.strip('/').replace('/', '_') or 'home'}-{width}-{scheme}.png"
        assert_reads_well(page, served, shot)
    finally:
        page.context.close()


def assert_reads_well(page: Page, served: Served, shot: str) -> Measured:
    """Every diagram drawn, without error, labels readable, not overlapping and in contrast
    with the page; the page does not scroll sideways. Saves a screenshot named `shot`."""
    found = measure(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / shot), full_page=True)
    assert found.errors == [], found.errors
    assert found.drawn == found.diagrams
    assert found.page_width <= found.viewport, "the page scrolls sideways"
    assert found.wide_tables == [], "every table fits its column"
    if found.labels:
        sizes = [label.size for label in found.labels]
        assert percentile(sizes, 0.1) >= MIN_LABEL_PX, sorted(sizes)[:10]
    assert overlapping(found.labels) == []
    dim = [
        (label.text, round(contrast(label.fill, found.background), 2))
        for label in found.labels
        if label.fill and on_page_background(label)
        and contrast(label.fill, found.background) < MIN_CONTRAST
    ]  # fmt: skip
    assert dim == []
    assert served.console_errors == [] and served.page_errors == []
    return found
