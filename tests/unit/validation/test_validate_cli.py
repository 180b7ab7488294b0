"""`postmortem validate`: the sample archive, output formats and a single file. The example
folders (one mistake per file) are run by tests/unit/validation/test_examples.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.harness import ROOT, TESTS, VALIDATION_BASE, copy_archive, run_cli, run_cli_in_subprocess

INVALID = TESTS / "corpus" / "bad"


def test_sample_archive_validates() -> None:
    """End to end: the installed command in a fresh interpreter, as a user or CI runs it."""
    result = run_cli_in_subprocess("validate", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")
    assert "warning" not in result.stdout


def test_github_and_json_formats(tmp_path: Path) -> None:
    copy_archive(VALIDATION_BASE, tmp_path / "incidents")
    shutil.copy(INVALID / "bad-severity.yaml", tmp_path / "incidents")
    github = run_cli("validate", "--format", "github", "incidents", cwd=tmp_path)
    assert github.stdout.startswith("::error file=incidents/bad-severity.yaml,line=2,col=11::")
    as_json = run_cli("validate", "--format", "json", "incidents", cwd=tmp_path)
    problems = json.loads(as_json.stdout)
    assert [(p["line"], p["severity"]) for p in problems] == [(2, "error")]
    assert as_json.returncode == 1


def test_a_single_file_is_checked_within_its_archive(tmp_path: Path) -> None:
    copy_archive(VALIDATION_BASE, tmp_path / "incidents")
    shutil.copy(INVALID / "bad-severity.yaml", tmp_path / "incidents")
    only_base = run_cli("validate", "incidents/2024-01-01-base.yaml", cwd=tmp_path)
    assert only_base.returncode == 0  # the archive has an error, but not in this file
    assert only_base.stdout == "OK: 1 file(s) checked.\n"
