"""The archive's diagrams in a host site (tests/host-site, the `postmortems` plugin) read as
they do on this repository's site: drawn with the pinned Mermaid in the host's palette (text
in contrast with the page), at the width of their box, drawn again without a reload when
the reader toggles the palette or the system's preference changes, and drawn once when the
host runs mermaid2 for its own diagrams. Screenshots: test-output/screenshots/host-*.png."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, Page

from tests.browser.layout import (
    VIEWS,
    assert_reads_well,
    check_view,
    mark_drawings,
    open_view,
    wait_until_redrawn,
)
from tests.harness import (
    ROOT,
    Served,
    assert_clean,
    build_host,
    host_project,
    open_page,
    serve,
    wait_for_diagrams,
)

SEED = "postmortems/incidents/2024-08-12-payment-gateway-memory-leak/"
PAGES = [SEED, "postmortems/insights/"]
# Pages with diagrams (insights' charts are tables of bars since the [reading] issue).
DRAWN = [SEED, "postmortems/incidents/2025-10-16-orders-db-replica-network-partition/"]
# Every diagram drawn by diagrams.js (its ids), each block holding one drawing.
DRAWN_BY_THE_ARCHIVE = """() => [...document.querySelectorAll('div.mermaid')].map(d => {
  const drawings = d.querySelectorAll(':scope > svg');
  return drawings.length === 1 ? drawings[0].id.replace(/\\d+$/, '') : drawings.length;
})"""
# A custom dark scheme, as Material's docs show custom schemes: the host's own CSS.
MIDNIGHT_CSS = """[data-md-color-scheme="midnight"] {
  color-scheme: dark;
  --md-default-bg-color: #0f141c;
  --md-default-fg-color: rgba(226, 230, 238, .82);
  --md-default-fg-color--light: rgba(226, 230, 238, .56);
  --md-default-fg-color--lighter: rgba(226, 230, 238, .32);
  --md-default-fg-color--lightest: rgba(226, 230, 238, .12);
  --md-typeset-color: #e2e6ee;
  --md-typeset-a-color: #8ab4ff;
  --md-code-bg-color: #18202b;
  --md-code-fg-color: #d6dbe4;
}
"""
HOST_DIAGRAM = "# Request path\n\n``` mermaid\ngraph LR\n  edge --> api --> db\n```\n"


@pytest.fixture(scope="module")
def automatic_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Material's automatic palette (the system's preference), with a custom dark scheme."""
    project = host_project(tmp_path_factory.mktemp("host-automatic"))
    (project / "docs" / "stylesheets").mkdir()
    (project / "docs" / "stylesheets" / "midnight.css").write_text(MIDNIGHT_CSS)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["theme"]["palette"] = [
        {"media": "(prefers-color-scheme)",
         "toggle": {"icon": "material/brightness-auto", "name": "Switch to light mode"}},
        {"media": "(prefers-color-scheme: light)", "scheme": "default",
         "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
        {"media": "(prefers-color-scheme: dark)", "scheme": "midnight",
         "toggle": {"icon": "material/brightness-4", "name": "Switch to system preference"}},
    ]  # fmt: skip
    config["extra_css"] = ["stylesheets/midnight.css"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    yield from serve(project / "site")


@pytest.fixture(scope="module", params=["mermaid2-first", "postmortems-first"])
def mermaid2_host(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """A host that draws its own diagrams with mermaid2 (its own copy of Mermaid, started on
    load with mermaid2's default arguments): one page of its own, and the on-call page that
    also shows the archive's figures. Either plugin may come first (their scripts do)."""
    project = host_project(tmp_path_factory.mktemp("host-mermaid2"))
    shutil.copytree(ROOT / "docs" / "js" / "vendor" / "mermaid", project / "docs" / "js")
    (project / "docs" / "team" / "request-path.md").write_text(HOST_DIAGRAM)
    on_call = project / "docs" / "team" / "on-call.md"
    on_call.write_text(on_call.read_text() + "\n" + HOST_DIAGRAM.replace("# ", "## "))
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    mermaid2 = {"mermaid2": {"javascript": "js/mermaid.esm.min.mjs"}}
    config["plugins"].insert(1 if request.param == "mermaid2-first" else 2, mermaid2)
    config["nav"].insert(2, {"Request path": "team/request-path.md"})
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    yield from serve(project / "site")


def drawers(page: Page) -> list[object]:
    """Who drew each block (the ids of its drawing), once each holds its finished drawing:
    mermaid2's Mermaid (ESM) renders in a temporary box inside the block first."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.mermaid')].every("
        "d => d.querySelector(':scope > svg') || d.dataset.error)",
        timeout=20_000,
    )
    found: list[object] = page.evaluate(DRAWN_BY_THE_ARCHIVE)
    return found


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v[0]}-{v[1]}")
@pytest.mark.parametrize("url", PAGES)
def test_host_archive_pages_read_well(
    browser: Browser, host: Served, url: str, view: tuple[int, str]
) -> None:
    check_view(browser, host, "host", url, view)


def test_toggling_the_hosts_palette_redraws_without_a_reload(
    browser: Browser, host: Served
) -> None:
    page = open_view(browser, host, SEED, 390, "default")
    try:
        page.evaluate("window.pmNotReloaded = true")
        light = assert_reads_well(page, host, "host-toggle-390-before.png")
        mark_drawings(page)
        page.locator("label.md-header__button[for='__palette_1']").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        wait_until_redrawn(page)
        dark = assert_reads_well(page, host, "host-toggle-390-after.png")
        assert page.evaluate("window.pmNotReloaded") is True
        assert dark.background != light.background
        assert set(drawers(page)) == {"pm-diagram-"}
    finally:
        page.context.close()


def test_the_automatic_palette_follows_the_system_and_a_custom_scheme(
    browser: Browser, automatic_host: Served
) -> None:
    page = open_page(browser, automatic_host)
    try:
        page.emulate_media(color_scheme="dark")
        page.goto(automatic_host.url(SEED))
        page.wait_for_function("document.body.dataset.mdColorScheme === 'midnight'")
        wait_for_diagrams(page)
        page.evaluate("window.pmNotReloaded = true")
        dark = assert_reads_well(page, automatic_host, "host-automatic-1280-midnight.png")
        assert dark.background == (15, 20, 28)
        mark_drawings(page)
        page.emulate_media(color_scheme="light")
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
        wait_until_redrawn(page)
        light = assert_reads_well(page, automatic_host, "host-automatic-1280-light.png")
        assert light.background == (255, 255, 255)
        assert page.evaluate("window.pmNotReloaded") is True
        assert_clean(page, automatic_host)
    finally:
        page.context.close()


@pytest.mark.parametrize("url", DRAWN)
def test_a_host_running_mermaid2_draws_the_archive_once_in_its_palette(
    browser: Browser, mermaid2_host: Served, url: str
) -> None:
    page = open_view(browser, mermaid2_host, url, 1280, "slate")
    try:
        page.wait_for_load_state("load")  # when mermaid2's own Mermaid would draw
        shot = f"host-mermaid2-{url.split('/')[-2]}-1280-slate.png"
        assert_reads_well(page, mermaid2_host, shot)
        assert set(drawers(page)) == {"pm-diagram-"}, "each drawn once, by diagrams.js"
        assert_clean(page, mermaid2_host)
    finally:
        page.context.close()


@pytest.mark.parametrize("url", ["team/request-path/", "team/on-call/"])
def test_a_host_running_mermaid2_keeps_drawing_its_own_diagrams(
    browser: Browser, mermaid2_host: Served, url: str
) -> None:
    page = open_view(browser, mermaid2_host, url, 1280, "default")
    try:
        drawn = drawers(page)
        assert drawn == ["mermaid-"], "drawn by the host's mermaid2, as it chose"
        assert_clean(page, mermaid2_host)
    finally:
        page.context.close()
