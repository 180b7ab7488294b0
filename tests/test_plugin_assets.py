"""The plugin's assets: a package without the pinned Mermaid says so and how to fix it."""

from __future__ import annotations

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


def test_a_site_running_mermaid2_gets_no_second_mermaid() -> None:
    assets = Assets()
    assert assets.configure(SimpleNamespace(plugins={"mermaid2": object()})) == []
    assert site_assets.MERMAID not in assets._names()
