"""The example folders, each file added to the small archive of tests/validation/base:
every file of the negative folders gets exactly the problem lines of the `.expected` file
beside it (`--update-goldens` rewrites them), never a traceback; every file of the positive
folders passes. tests/corpus/bad holds every bad case (one mistake per file, broken and
hostile files); corpus/good and validation/valid odd but valid ones (a BOM, CRLF newlines, …)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import TESTS, validate_with_base

TESTS = TESTS
# Each negative folder, and how many cases it has at least (so that none goes missing).
NEGATIVE = {TESTS / "corpus" / "bad": 51}
# Each positive folder, and how many root causes its files and the base use together.
POSITIVE = {TESTS / "validation" / "valid": 2, TESTS / "corpus" / "good": 1}


def cases(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


@pytest.mark.parametrize(
    "case",
    [case for folder in NEGATIVE for case in cases(folder)],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_negative_example_reports_exact_problems(
    case: Path, tmp_path: Path, update_goldens: bool
) -> None:
    result = validate_with_base(tmp_path, case)
    expected_file = case.with_suffix(case.suffix + ".expected")
    if update_goldens:
        expected_file.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected_file.read_text(encoding="utf-8")
    assert result.returncode == 1
    assert "error(s) found" in result.stderr
    for line in result.stdout.splitlines():
        assert line.startswith(f"incidents/{case.name}:"), line


@pytest.mark.parametrize("folder", NEGATIVE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_negative_example_has_its_expected_output_and_nothing_else(folder: Path) -> None:
    found = cases(folder)
    assert len(found) >= NEGATIVE[folder]
    assert {p.name for p in folder.iterdir()} == {
        name for case in found for name in (case.name, case.name + ".expected")
    }


@pytest.mark.parametrize("folder", POSITIVE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_positive_examples_pass_with_a_summary(folder: Path, tmp_path: Path) -> None:
    found = cases(folder)
    result = validate_with_base(tmp_path, *found)
    summary = f"OK: {len(found) + 1} incidents, {POSITIVE[folder]} root causes, 1 services.\n"
    assert (result.stdout, result.returncode) == (summary, 0), result.stderr
