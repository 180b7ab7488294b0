"""The archive in a host site set up the way Material teaches: `navigation.instant`, tabs,
search, Material's own Mermaid integration (`fence_code_format`), a diagram of the host's
own, minify, and `postmortems` first or last in `plugins:`. A reader clicks from a host
page to an incident (a link, a tab, a search result) and back: every diagram is drawn and
the archive's filter shows, in both palettes, without a reload. One configuration has no
Mermaid set-up of its own: diagrams.js draws with the pinned Mermaid, which only pages
with a diagram load. Screenshots: test-output/screenshots/instant-*.png."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, Request

from tests.harness import SCREENSHOTS, Served, build_host, host_project, open_page

HOST_DIAGRAM = "\n## Request path\n\n``` mermaid\ngraph LR\n  edge --> api --> db\n```\n"
MATERIAL_MERMAID = {
    "pymdownx.superfences": {
        "custom_fences": [
            {"name": "mermaid", "class": "mermaid",
             "format": "!!python/name:pymdownx.superfences.fence_code_format"},
        ]
    }
}  # fmt: skip
CONFIGS = {
    # name: (Material's Mermaid set-up, minify, postmortems first)
    "material": (True, False, False),
    "material-minify-first": (True, True, True),
    "material-minify-last": (True, True, False),
    "pinned-minify": (False, True, False),
}
LIBRARY = "mermaid.esm.min.mjs"
LIBRARY_LOADS: list[str] = []
"""The requests for the pinned Mermaid during the current test."""
SEED = "2024-08-12-payment-gateway-memory-leak"
# A host page showing a diagram of the archive's kind in a content tab that starts hidden.
TABS = """# Deploy flow

=== "As a table"

    | from | to |
    |---|---|
    | build | canary |

=== "As a diagram"

    ``` pm-diagram
    graph LR
      build --> canary --> fleet
    ```
"""
HOST_LINK = (
    f"\nThe [payment outage of August 2024](postmortems/incidents/{SEED}.md) is our model.\n"
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def _serve_on(site: Path, port: int) -> Iterator[Served]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Served(site, f"http://127.0.0.1:{port}/")
    finally:
        server.shutdown()
        server.server_close()


def _configure(project: Path, name: str, port: int) -> None:
    material, minify, first = CONFIGS[name]
    text = (project / "mkdocs.yml").read_text()
    config = yaml.safe_load(text)
    # Instant navigation follows only the sitemap's links, rewritten without the port.
    config["site_url"] = f"http://127.0.0.1:{port}/"
    config["theme"]["features"] += ["navigation.instant", "navigation.tabs"]
    plugins = [p for p in config["plugins"] if p != "search" and "postmortems" not in p]
    ours = next(p for p in config["plugins"] if isinstance(p, dict) and "postmortems" in p)
    ours["postmortems"]["self_contained"] = True  # nothing from a CDN, Material's Mermaid too
    if minify:
        plugins.append({"minify": {"minify_html": True}})
    config["plugins"] = [ours, "search", *plugins] if first else ["search", *plugins, ours]
    tabs = {"pymdownx.tabbed": {"alternate_style": True}}
    config["markdown_extensions"] = [MATERIAL_MERMAID, tabs] if material else [tabs]
    body = yaml.safe_dump(config, sort_keys=False).replace(
        "'!!python/name:pymdownx.superfences.fence_code_format'",
        "!!python/name:pymdownx.superfences.fence_code_format",
    )
    (project / "mkdocs.yml").write_text(body)
    (project / "docs" / "team" / "deploy-flow.md").write_text(TABS)
    on_call = project / "docs" / "team" / "on-call.md"
    on_call.write_text(on_call.read_text() + HOST_DIAGRAM)
    home = project / "docs" / "index.md"
    home.write_text(home.read_text() + HOST_LINK)


@pytest.fixture(scope="module", params=list(CONFIGS))
def instant_host(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Served]]:
    project = host_project(tmp_path_factory.mktemp(f"instant-{request.param}"))
    port = _free_port()
    _configure(project, request.param, port)
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    with _serve_on(project / "site", port) as served:
        yield request.param, served


@pytest.fixture
def reader(browser: Browser, instant_host: tuple[str, Served]) -> Iterator[Page]:
    _, served = instant_host
    for found in (served.blocked, served.console_errors, served.page_errors, served.dialogs):
        found.clear()
    page = open_page(browser, served)
    LIBRARY_LOADS.clear()

    def on_request(request: Request) -> None:
        if LIBRARY in request.url:
            LIBRARY_LOADS.append(request.url)

    page.on("request", on_request)
    yield page
    page.context.close()


def incident_drawn(page: Page) -> None:
    """The seed incident is shown (instant navigation changes the address before the
    content) with its two diagrams drawn."""
    page.wait_for_url(f"**/{SEED}/**")
    page.wait_for_selector("article .pm-card")
    assert all_drawn(page, at_least=2) >= 2


# Every diagram of the page drawn: Material's (each `pre.mermaid` replaced by a drawing in
# a closed shadow root, seen by its size) or diagrams.js's (an `svg` in each box, drawn as
# it nears the viewport: the first box not drawn yet is scrolled to).
ALL_DRAWN = """(least) => {
  if (document.querySelector('pre.mermaid')) return false;
  const sources = [...document.querySelectorAll('pre.pm-diagram-source')];
  if (!sources.every(p => p.pmBlock)) return false;
  const boxes = [...document.querySelectorAll('article div.mermaid')];
  if (boxes.length < least) return false;
  const waiting = boxes.find(d => !(d.querySelector('svg') || d.dataset.error
    || d.getBoundingClientRect().height > 60));
  if (waiting) { waiting.scrollIntoView(); return false; }
  return {count: boxes.length, errors: boxes.filter(d => d.dataset.error).length,
          sourcesShown: sources.filter(p => p.getClientRects().length).length};
}"""


def all_drawn(page: Page, *, at_least: int = 1) -> int:
    found = page.wait_for_function(ALL_DRAWN, arg=at_least, timeout=20_000).json_value()
    assert found["errors"] == 0
    assert found["sourcesShown"] == 0, "a diagram's source shows as text"
    page.evaluate("window.scrollTo(0, 0)")
    return int(found["count"])


def same_document(page: Page) -> None:
    assert page.evaluate("window.pmSameDocument") is True, "the page was reloaded"


def visit(page: Page, served: Served, name: str, palette: str) -> None:
    """Host page → incident (link) → back → archive (tab) → incident (row) → back → search
    result → incident, checking what each page shows."""
    page.goto(served.url("team/on-call/"))
    if palette == "slate":
        page.locator("label.md-header__button[for='__palette_1']").click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    if CONFIGS[name][0]:  # Material's set-up draws the host's own diagram too
        assert all_drawn(page) == 1, "the host's own diagram"
    page.evaluate("window.pmSameDocument = true")

    page.goto(served.url())
    page.evaluate("window.pmSameDocument = true")
    page.locator(f"article a[href*='{SEED}']").first.click()
    incident_drawn(page)
    same_document(page)
    page.locator("article div.mermaid").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"instant-{name}-incident-{palette}.png"))
    page.go_back()
    page.wait_for_url(served.url())
    page.wait_for_selector(f"article a[href*='{SEED}']")
    page.go_forward()
    incident_drawn(page)

    page.locator(".md-tabs__link", has_text="Incident reviews").click()
    page.wait_for_url("**/postmortems/incidents/")
    page.wait_for_selector("form.pm-filter:not([hidden])", timeout=10_000)
    same_document(page)
    page.locator(f".pm-archive tbody tr td a[href*='{SEED}']").first.click()
    incident_drawn(page)
    page.go_back()
    page.wait_for_url("**/postmortems/incidents/")
    page.wait_for_selector("form.pm-filter:not([hidden])", timeout=10_000)
    same_document(page)

    page.goto(served.url("services/"))
    page.evaluate("window.pmSameDocument = true")
    page.locator("input.md-search__input").click()
    page.keyboard.type("payment gateway memory leak", delay=20)
    result = page.locator(f".md-search-result__item > a[href*='{SEED}'] >> visible=true").first
    result.wait_for(timeout=15_000)
    result.click()
    incident_drawn(page)
    same_document(page)
    page.go_back()
    page.wait_for_url("**/services/")
    page.go_forward()
    incident_drawn(page)
    same_document(page)
    if palette == "slate":
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"


# Both palettes on Material's set-up; the variants (minify, order, no Mermaid set-up) in the
# dark one, where a drawing in the wrong colours would show.
VISITS = [("material", "default"), ("material", "slate"),
          *((name, "slate") for name in CONFIGS if name != "material")]  # fmt: skip


@pytest.mark.parametrize(
    ("instant_host", "palette"), VISITS, indirect=["instant_host"], ids=lambda v: str(v)
)
def test_instant_navigation_draws_every_diagram_and_shows_the_filter(
    reader: Page, instant_host: tuple[str, Served], palette: str
) -> None:
    name, served = instant_host
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visit(reader, served, name, palette)
    assert served.blocked == [], "requests to third-party hosts"
    assert served.page_errors == [] and served.console_errors == []


def test_pages_without_diagrams_load_no_mermaid(
    reader: Page, instant_host: tuple[str, Served]
) -> None:
    name, served = instant_host
    reader.goto(served.url("services/"))
    reader.wait_for_load_state("load")
    reader.wait_for_timeout(300)
    assert LIBRARY_LOADS == []
    reader.locator(".md-tabs__link", has_text="Incident reviews").click()
    reader.wait_for_url("**/postmortems/incidents/")
    reader.locator(f".pm-archive tbody tr td a[href*='{SEED}']").first.click()
    incident_drawn(reader)
    assert len(LIBRARY_LOADS) == 1, f"{name}: the pinned Mermaid, once"


def test_a_diagram_in_a_hidden_tab_is_drawn_when_the_tab_opens(
    reader: Page, instant_host: tuple[str, Served]
) -> None:
    """diagrams.js draws a box when it is shown, at the width it has then (Material draws
    its own `pre.mermaid` all at once, hidden or not)."""
    name, served = instant_host
    reader.goto(served.url("team/deploy-flow/"))
    pinned = not CONFIGS[name][0]
    if pinned:
        assert reader.locator("article div.mermaid").count() == 1
        reader.wait_for_timeout(300)
        assert reader.locator("article div.mermaid svg").count() == 0, "not drawn while hidden"
        assert LIBRARY_LOADS == []
    reader.locator(".tabbed-labels label", has_text="As a diagram").click()
    assert all_drawn(reader) == 1
    box = reader.locator("article div.mermaid").bounding_box()
    assert box is not None and box["width"] > 400
    assert served.page_errors == [] and served.console_errors == []
