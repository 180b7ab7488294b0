"""Files and paths: what is not a regular text file is refused, never waited on; every
incident-like file is read or reported; one file is validated on its own; names are
escaped in annotations and relative to the project in pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_kb.cli import main
from postmortem_kb.errors import Problem
from postmortem_kb.validation.check import check_archive
from tests.harness import copy_project, mkdocs_build
from tests.harness.small_archive import incident, validate, write_archive

GOOD = "2024-03-01-good.yaml"
SAMPLE = "2024-08-12-payment-gateway-memory-leak"


def test_a_fifo_is_reported_not_waited_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_archive(tmp_path)
    os.mkfifo(folder / "2024-03-01-pipe.yaml")
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.code == 1
    assert outcome.stdout == (
        "incidents/2024-03-01-pipe.yaml:1:1: error: not a regular file (a named pipe)\n"
    )


def test_symbolic_link_loops_and_dangling_links_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    (folder / "2024-03-01-loop.yaml").symlink_to("2024-03-01-loop.yaml")
    (folder / "2024-03-02-gone.yaml").symlink_to("nowhere.yaml")
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.code == 1
    assert outcome.stdout == (
        "incidents/2024-03-01-loop.yaml:1:1: error: symbolic link loop: the link points back "
        "at itself\n"
        "incidents/2024-03-02-gone.yaml:1:1: error: broken symbolic link to 'nowhere.yaml'\n"
    )


def test_upper_case_suffixes_are_incidents_and_hidden_files_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    (folder / "2024-03-01-upper.YAML").write_text(incident(extra="severity2: x\n"))
    (folder / "2024-03-02-mixed.Yml").write_text(incident())
    (folder / ".2024-03-03-hidden.yaml").write_text(incident())
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.stdout == (
        "incidents/.2024-03-03-hidden.yaml:0:0: warning: hidden file ignored: it is not part "
        "of the archive (rename it without the leading '.' to publish it, or delete it)\n"
        "incidents/2024-03-01-upper.YAML:12:1: error: unknown field 'severity2' "
        "(did you mean 'severity'?)\n"
    )
    single = validate(monkeypatch, tmp_path, "incidents/2024-03-01-upper.YAML")
    assert single.code == 1


@pytest.mark.parametrize("how", ["relative", "absolute", "subfolder"])
def test_one_file_reports_only_its_own_problems(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    (folder / "2024-03-09-broken.yaml").write_text("title: [unclosed\n")
    target = folder / ("2024" if how == "subfolder" else "") / GOOD
    target.parent.mkdir(exist_ok=True)
    target.write_text(incident(extra="related: [2024-01-01-bse]\n"))
    shown = str(target) if how == "absolute" else str(target.relative_to(tmp_path))
    outcome = validate(monkeypatch, tmp_path, shown)
    assert outcome.code == 1
    name = target.relative_to(tmp_path).as_posix()
    assert outcome.stdout == (
        f"{name}:12:11: error: related[0]: no incident has the id '2024-01-01-bse' "
        "(did you mean '2024-01-01-base'?)\n"
    )
    target.write_text(incident())
    assert validate(monkeypatch, tmp_path, shown).stdout == "OK: 1 file(s) checked.\n"


def test_github_annotations_escape_file_names() -> None:
    problem = Problem.error("a,line=99\n::error file=x::y.yaml", 2, 3, "bad")
    assert problem.format_github() == (
        "::error file=a%2Cline=99%0A%3A%3Aerror file=x%3A%3Ay.yaml,line=2,col=3::bad"
    )


@pytest.mark.parametrize("kind", ["device", "fifo", "binary"])
def test_import_refuses_what_is_not_a_text_file(kind: str, tmp_path: Path) -> None:
    write_archive(tmp_path)
    source = tmp_path / "old.txt"
    if kind == "device":
        source = Path("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(source)
    else:
        source.write_bytes(bytes(range(256)) * 16)
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "incidents")])
    assert result.exit_code == 1
    reason = "is not a text file" if kind == "binary" else "not a regular file"
    assert reason in result.output
    assert sorted(p.name for p in (tmp_path / "incidents").iterdir()) == [
        "2024-01-01-base.yaml",
        "taxonomy.yaml",
    ]


def test_sources_are_named_relative_to_the_project(tmp_path: Path) -> None:
    folder = write_archive(tmp_path)
    archive, _ = check_archive([folder], base=tmp_path)
    assert archive is not None
    assert [i.source for i in archive.incidents] == ["incidents/2024-01-01-base.yaml"]


def test_a_build_from_another_folder_shows_the_relative_source(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", "../site"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "POSTMORTEM_TODAY": "2026-11-01", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "incidents" / SAMPLE / "index.html").read_text()
    assert str(tmp_path) not in page
    assert f"Source: <code>incidents/{SAMPLE}.yaml</code>" in page


@pytest.mark.build
def test_a_symbolic_link_to_a_file_outside_the_project_validates_and_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "elsewhere" / f"{SAMPLE}.yaml"
    outside.parent.mkdir()
    (project / "incidents" / f"{SAMPLE}.yaml").rename(outside)
    (project / "incidents" / f"{SAMPLE}.yaml").symlink_to(outside)
    assert validate(monkeypatch, project).code == 0
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    page = (build.site / "incidents" / SAMPLE / "index.html").read_text()
    assert f"Source: <code>incidents/{SAMPLE}.yaml</code>" in page
