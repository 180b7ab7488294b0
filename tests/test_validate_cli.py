"""`postmortem validate` on one mistake at a time: exact lines, exit 1, no traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_archive, run_cli

CASES = Path(__file__).parent / "validation"
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.suffix in (".yaml", ".yml"))


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_example_reports_exact_problems(
    case: Path, tmp_path: Path, update_goldens: bool
) -> None:
    copy_archive(CASES / "base", tmp_path / "incidents")
    shutil.copy(case, tmp_path / "incidents" / case.name)
    result = run_cli("validate", "incidents", cwd=tmp_path)
    expected_file = case.with_suffix(case.suffix + ".expected")
    if update_goldens:
        expected_file.write_text(result.stdout)
    assert result.stdout == expected_file.read_text()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "error(s) found" in result.stderr


def test_every_invalid_example_has_its_expected_output() -> None:
    assert len(INVALID) >= 11
    for case in INVALID:
        assert case.with_suffix(case.suffix + ".expected").is_file(), case


def test_valid_examples_pass_with_summary(tmp_path: Path) -> None:
    copy_archive(CASES / "base", tmp_path / "incidents")
    copy_archive(CASES / "valid", tmp_path / "incidents")
    result = run_cli("validate", "incidents", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "OK: 2 incidents, 2 root causes, 1 services.\n"


def test_sample_archive_validates() -> None:
    result = run_cli("validate", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")
    assert "warning" not in result.stdout


def test_github_and_json_formats(tmp_path: Path) -> None:
    copy_archive(CASES / "base", tmp_path / "incidents")
    shutil.copy(CASES / "invalid" / "bad-severity.yaml", tmp_path / "incidents")
    github = run_cli("validate", "--format", "github", "incidents", cwd=tmp_path)
    assert github.stdout.startswith("::error file=incidents/bad-severity.yaml,line=2,col=11::")
    as_json = run_cli("validate", "--format", "json", "incidents", cwd=tmp_path)
    problems = json.loads(as_json.stdout)
    assert [(p["line"], p["severity"]) for p in problems] == [(2, "error")]
    assert as_json.returncode == 1


def test_a_single_file_is_checked_within_its_archive(tmp_path: Path) -> None:
    copy_archive(CASES / "base", tmp_path / "incidents")
    shutil.copy(CASES / "invalid" / "bad-severity.yaml", tmp_path / "incidents")
    only_base = run_cli("validate", "incidents/2024-01-01-base.yaml", cwd=tmp_path)
    assert only_base.returncode == 1  # the archive still has an error…
    assert only_base.stdout == ""  # …but not in the file that was asked about
