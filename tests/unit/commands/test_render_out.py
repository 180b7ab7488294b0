"""`postmortem render --out`: the generated pages as files, for builders without hooks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_kb.cli import main
from postmortem_kb.commands.render import MANIFEST
from postmortem_kb.validation.check import check_archive
from tests.harness import ROOT, build_with_zensical


def render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", "--incidents", str(ROOT / "incidents"), *args])
    return result.exit_code, result.output


def test_every_page_is_written_with_the_assets(tmp_path: Path) -> None:
    out = tmp_path / "postmortems"
    code, output = render("--out", str(out), "--site-url", "https://kb.example/pm/")
    assert code == 0, output
    archive, _ = check_archive([ROOT / "incidents"])
    assert archive is not None
    for incident in archive.incidents:
        page = (out / "incidents" / f"{incident.id}.md").read_text(encoding="utf-8")
        front = page.split("\n---\n", 1)[0]
        assert "exclude: true" not in front, "left to the builder's own search"
    assert "https://kb.example/pm/incidents/" in (out / "feed.xml").read_text()
    assert json.loads((out / "incidents.json").read_text())["incidents"]
    pinned = ROOT / "docs" / "js" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
    shipped = out / "assets/js/vendor/mermaid/mermaid.esm.min.mjs"
    assert shipped.read_bytes() == pinned.read_bytes()
    assert (out / "assets/css/postmortems.css").is_file()
    diagrams = (out / "assets/js/diagrams.js").read_text(encoding="utf-8")
    assert diagrams == (ROOT / "docs" / "js" / "diagrams.js").read_text(encoding="utf-8")
    assert not list(out.rglob("*.yaml"))


def test_a_second_run_replaces_what_the_first_wrote(tmp_path: Path) -> None:
    out = tmp_path / "postmortems"
    assert render("--out", str(out), "--site-url", "https://kb.example/")[0] == 0
    (out / "notes.md").write_text("kept")
    code, output = render("--out", str(out))
    assert code == 0, output
    assert not (out / "feed.xml").exists(), "no site URL this time: no feed"
    assert (out / "notes.md").read_text() == "kept"
    assert "feed.xml" not in (out / MANIFEST).read_text()


def test_a_folder_it_did_not_write_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Home\n")
    code, output = render("--out", str(tmp_path))
    assert code == 1
    assert "is not empty and was not written by `postmortem render`" in output
    assert [p.name for p in tmp_path.iterdir()] == ["index.md"]


def test_an_archive_with_errors_writes_nothing(tmp_path: Path) -> None:
    incidents = shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    first = sorted(incidents.glob("20*.yaml"))[0]
    first.write_text(first.read_text().replace("severity: ", "severity: SEV9 #", 1))
    result = CliRunner().invoke(
        main, ["render", "--incidents", str(incidents), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert f"{first.name}:" in result.output and "error:" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.build
def test_the_zensical_recipe_builds_with_diagrams_and_searchable_incidents(
    tmp_path: Path,
) -> None:
    site = build_with_zensical(tmp_path)
    archive, _ = check_archive([ROOT / "incidents"])
    assert archive is not None
    page = site / "postmortems" / "incidents" / archive.incidents[0].id / "index.html"
    assert '<pre class="mermaid">' in page.read_text(encoding="utf-8")
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    located = {item["location"] for item in index["items"]}
    for incident in archive.incidents:
        assert f"postmortems/incidents/{incident.id}/" in located, incident.id
    assert not [p for p in site.rglob("*") if p.suffix in (".yaml", ".yml")]
