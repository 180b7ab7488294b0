"""A whole folder of old reviews imported in one command, then validated and built strict."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from postmortem_kb import cli
from tests.harness import TESTS, copy_project, mkdocs_build, run_cli, run_cli_in_subprocess

SOURCES = TESTS / "fixtures" / "import" / "sources"


@pytest.mark.build
def test_import_a_folder_then_validate_and_build_strict(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copytree(SOURCES, project / "old-reviews")
    before = {p.name for p in (project / "incidents").glob("*.yaml")}

    result = run_cli_in_subprocess("import", "old-reviews", "--add-terms", cwd=project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    summary = result.stdout.strip().splitlines()
    count = sum(1 for p in SOURCES.rglob("*") if p.is_file())
    assert summary[0].startswith(f"{count} source(s): {count} written (")
    assert "0 refused." in summary[0]
    assert summary[-1].startswith("Added to taxonomy.yaml: ")
    assert result.stderr == ""  # no progress bar and no per-line noise outside a terminal
    written = {p.name for p in (project / "incidents").glob("*.yaml")} - before
    assert len(written) == count
    assert "1628-08-10-warship-capsized-on-her-maiden-voyage-in-the-harbour.yaml" in written

    validated = run_cli("validate", cwd=project)
    assert validated.returncode == 0, validated.stdout + validated.stderr

    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    assert built.warnings == [], built.stderr
    page = (
        project
        / "site"
        / "incidents"
        / "1628-08-10-warship-capsized-on-her-maiden-voyage-in-the-harbour"
    )
    html = (page / "index.html").read_text(encoding="utf-8")
    assert "1628-08-10 (date only)" in html
    assert "unknown (no end recorded)" in html
    # A review with no date at all: its own page says so, the archive lists it apart.
    assert "outbound-mail-relay-queue-stalled-behind-a-full-spool-disk.yaml" in written
    site = project / "site" / "incidents"
    undated = site / "outbound-mail-relay-queue-stalled-behind-a-full-spool-disk" / "index.html"
    assert "unknown (no date recorded)" in undated.read_text(encoding="utf-8")
    archive = (site / "index.html").read_text(encoding="utf-8")
    assert archive.index('id="date-unknown">Date unknown') > archive.index(">1628<")

    again = run_cli("import", "old-reviews", "--add-terms", cwd=project)
    assert again.returncode == 0
    assert "0 written" in again.stdout and f"{count} unchanged" in again.stdout


def test_without_add_terms_the_new_terms_go_to_a_file_for_review(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copytree(SOURCES / "frontmatter", project / "old")
    result = run_cli("import", "old", cwd=project)
    assert result.returncode == 0, result.stderr
    proposal = (project / "taxonomy-additions.yaml").read_text(encoding="utf-8")
    assert "- slug: design-flaw\n  title: Design flaw\n" in proposal
    assert "- slug: billing\n  title: Billing\n" in proposal
    assert "written to taxonomy-additions.yaml" in result.stdout
    unreviewed = run_cli("validate", cwd=project)
    assert unreviewed.returncode == 1
    assert "unknown root cause 'design-flaw'" in unreviewed.stdout


def test_dry_run_lists_what_would_be_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copytree(SOURCES / "text", project / "old")
    before = sorted(p.name for p in (project / "incidents").iterdir())
    result = run_cli("import", "old", "--dry-run", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "old/midnight-two-dates-cdn.txt -> incidents/2025-03-03-cdn-purge-storm" in result.stdout
    assert "10 would write" in result.stdout.replace("10 source(s): ", "")
    assert sorted(p.name for p in (project / "incidents").iterdir()) == before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [Path(f"review-{n}.md") for n in range(5)]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(cli.import_progress(sources)) == sources
    assert "Reading" in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert list(cli.import_progress(sources)) == sources
    assert pipe.getvalue() == ""
