"""The plugin's assets: named the way Material's extensions are (extra_css and
extra_javascript, on every page), who draws the archive's diagrams for each Mermaid set-up
a host may have, and a package without the pinned Mermaid says so."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pymdownx.superfences import fence_code_format, fence_div_format

from postmortem_kb.mkdocs_plugin.assets import Assets
from postmortem_kb.mkdocs_plugin.extensions import MATERIAL, PINNED, ensure_extensions
from postmortem_kb.render.urls import SiteLayout
from postmortem_kb.sitebuild import assets as site_assets

LAYOUT = SiteLayout("postmortems/")


def config(*fences: dict[str, Any], plugins: tuple[str, ...] = ()) -> SimpleNamespace:
    mdx = {"pymdownx.superfences": {"custom_fences": list(fences)}} if fences else {}
    return SimpleNamespace(
        markdown_extensions=["toc"], mdx_configs=mdx, extra_css=[], extra_javascript=[],
        plugins={name: object() for name in plugins},
    )  # fmt: skip


def fence_mermaid_custom(*_: Any, **__: Any) -> str:
    """Stands for mermaid2's format of that name (the host's choice, found by its name)."""
    return ""


def test_a_missing_mermaid_is_named_with_the_way_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vendor = shutil.ignore_patterns("vendor")
    shutil.copytree(site_assets.PACKAGE_ASSETS, tmp_path / "assets", ignore=vendor)
    monkeypatch.setattr(site_assets, "PACKAGE_ASSETS", tmp_path / "assets")
    (problem,) = Assets().configure(config(), LAYOUT, drawer=PINNED, self_contained=False)
    assert problem.path.endswith("assets/js/vendor/mermaid/mermaid.esm.min.mjs")
    assert "missing from the installed postmortem-kb package" in problem.message
    assert "make vendor-mermaid" in problem.hint


@pytest.mark.parametrize(
    ("fences", "drawer"),
    [
        ((), PINNED),  # no Mermaid set-up: the pinned copy
        (({"name": "mermaid", "class": "mermaid", "format": fence_code_format},), MATERIAL),
        (({"name": "mermaid", "class": "mermaid", "format": fence_div_format},), PINNED),
        (({"name": "mermaid", "class": "mermaid", "format": fence_mermaid_custom},), MATERIAL),
    ],
    ids=["none", "material", "mermaid2", "mermaid2-custom-loader"],
)
def test_who_draws_follows_the_hosts_mermaid_set_up(fences: Any, drawer: str) -> None:
    site = config(*fences)
    assert ensure_extensions(site) == drawer
    custom = site.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert [f["name"] for f in custom] == [f["name"] for f in fences] + ["pm-diagram"]
    assert ensure_extensions(site) == drawer, "a rebuild (mkdocs serve) adds nothing twice"
    assert len(site.mdx_configs["pymdownx.superfences"]["custom_fences"]) == len(custom)
    html = custom[-1]["format"]("graph LR\n  a --> b<script>", "pm-diagram", "pm-diagram", {}, None)
    assert "&lt;script&gt;" in html and "\n  a --&gt; b" in html
    assert ("mermaid" in html) == (drawer == MATERIAL)


def test_scripts_and_styles_are_named_on_every_page_once() -> None:
    site = config()
    for _ in range(2):
        assert Assets().configure(site, LAYOUT, drawer=PINNED, self_contained=True) == []
    assert site.extra_javascript == [
        "postmortems/assets/js/archive-filter.js", "postmortems/assets/js/diagrams.js"
    ]  # fmt: skip
    assert "postmortems/assets/css/postmortems.css" in site.extra_css
    assert not [css for css in site.extra_css if css.endswith("search.css")]


def test_a_self_contained_site_gives_materials_mermaid_the_pinned_copy() -> None:
    site = config()
    Assets().configure(site, LAYOUT, drawer=MATERIAL, self_contained=True)
    assert site.extra_javascript[0] == "postmortems/assets/js/material-diagrams.js"
    online = config()
    Assets().configure(online, LAYOUT, drawer=MATERIAL, self_contained=False)
    assert "postmortems/assets/js/material-diagrams.js" not in online.extra_javascript


def test_a_mermaid2_site_without_a_fence_gets_mermaid2s_standard_one() -> None:
    """Turning on superfences would hide its ```mermaid blocks from mermaid2 otherwise."""
    site = config(plugins=("mermaid2",))
    assert ensure_extensions(site) == PINNED
    fences = site.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert (fences[0]["name"], fences[0]["format"]) == ("mermaid", fence_div_format)


def test_a_chart_material_draws_gets_bars_that_show() -> None:
    chart = '---\nconfig: {"xyChart": {"height": 240}}\n---\nxychart-beta horizontal\n  bar [1]'
    drawn = site_assets.diagram_block(chart, drawer=MATERIAL)
    head = drawn.split("---")[1]
    assert "&#34;height&#34;: 240" in head
    assert "plotColorPalette" in head and drawn.endswith(
        "xychart-beta horizontal\n  bar [1]</code></pre>"
    )
    assert "plotColorPalette" not in site_assets.diagram_block(chart, drawer=PINNED)
    timeline = "timeline\n  title x"
    assert site_assets.diagram_block(timeline, drawer=MATERIAL).endswith(
        ">timeline\n  title x</code></pre>"
    )
