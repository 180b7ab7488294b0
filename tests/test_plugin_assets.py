"""The plugin's assets: a package without the pinned Mermaid says so and how to fix it;
which pages draw their diagrams with the pinned Mermaid and diagrams.js."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from postmortem_kb import site_assets
from postmortem_kb.mkdocs_plugin.assets import Assets


def test_a_missing_mermaid_is_named_with_the_way_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vendor = shutil.ignore_patterns("vendor")
    shutil.copytree(site_assets.PACKAGE_ASSETS, tmp_path / "assets", ignore=vendor)
    monkeypatch.setattr(site_assets, "PACKAGE_ASSETS", tmp_path / "assets")
    (problem,) = Assets().configure(SimpleNamespace(plugins={}))
    assert problem.path.endswith("assets/js/vendor/mermaid.min.js")
    assert "missing from the installed postmortem-kb package" in problem.message
    assert "make setup" in problem.hint


PAGE = '<html><head></head><body><div class="mermaid">graph LR; a-->b</div></body></html>'


def scripts(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def shipped(assets: Assets) -> Assets:
    assets.urls = {name: f"postmortems/assets/{name}" for name in site_assets.asset_names()}
    return assets


def test_archive_pages_draw_with_the_pinned_mermaid_and_the_palette_script() -> None:
    assets = shipped(Assets())
    assert assets.configure(SimpleNamespace(plugins={"search": object()})) == []
    for generated in (True, False):
        loaded = scripts(assets.inject(PAGE, "postmortems/incidents/x/", generated=generated))
        assert loaded[-2:] == [
            "../../assets/js/vendor/mermaid.min.js", "../../assets/js/diagrams.js"
        ], "diagrams.js right after the Mermaid it draws with"  # fmt: skip


def test_a_host_running_mermaid2_keeps_it_for_its_own_diagrams() -> None:
    assets = shipped(Assets())
    assert assets.configure(SimpleNamespace(plugins={"mermaid2": object()})) == []
    archive = scripts(assets.inject(PAGE, "postmortems/insights/", generated=True))
    assert archive[-2:] == ["../assets/js/vendor/mermaid.min.js", "../assets/js/diagrams.js"]
    host = scripts(assets.inject(PAGE, "team/on-call/", generated=False))
    assert not [src for src in host if "mermaid" in src or "diagrams" in src]
