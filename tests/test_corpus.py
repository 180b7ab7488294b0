"""Broken and hostile incident files: each gets exact, helpful problem lines, never a
traceback (tests/corpus/bad/<name> beside <name>.expected, run like tests/validation/invalid).
Files that look odd but are fine (a BOM, CRLF newlines, …) live in tests/corpus/good."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from postmortem_kb.load import MAX_BYTES
from tests.conftest import copy_archive, run_cli

CORPUS = Path(__file__).parent / "corpus"
BASE = Path(__file__).parent / "validation" / "base"
BAD = sorted(p for p in (CORPUS / "bad").iterdir() if p.suffix in (".yaml", ".yml"))
GOOD = sorted((CORPUS / "good").glob("*.yaml"))
BASE_FILE = "incidents/2024-01-01-base.yaml"


def validate(tmp_path: Path, *extra: Path) -> tuple[str, str, int]:
    copy_archive(BASE, tmp_path / "incidents")
    for path in extra:
        shutil.copy(path, tmp_path / "incidents" / path.name)
    result = run_cli("validate", "incidents", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout, result.stderr, result.returncode


def assert_fails_with(tmp_path: Path, expected: str) -> None:
    stdout, stderr, code = validate(tmp_path)
    assert stdout == expected
    assert code == 1
    assert "error(s) found" in stderr


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.name)
def test_bad_file_reports_exact_problems(case: Path, tmp_path: Path, update_goldens: bool) -> None:
    stdout, stderr, code = validate(tmp_path, case)
    expected_file = case.with_suffix(case.suffix + ".expected")
    if update_goldens:
        expected_file.write_text(stdout, encoding="utf-8")
    assert stdout == expected_file.read_text(encoding="utf-8")
    assert code == 1
    assert "error(s) found" in stderr
    for line in stdout.splitlines():
        assert line.startswith(f"incidents/{case.name}:"), line


def test_the_corpus_is_large_and_complete() -> None:
    assert len(BAD) >= 40
    for case in BAD:
        assert case.with_suffix(case.suffix + ".expected").is_file(), case
    assert {p.name for p in (CORPUS / "bad").iterdir()} == {
        n for case in BAD for n in (case.name, case.name + ".expected")
    }


def test_odd_but_valid_files_pass(tmp_path: Path) -> None:
    """A BOM, CRLF or CR newlines, anchors, Unicode, no final newline: all fine."""
    stdout, _, code = validate(tmp_path, *GOOD)
    assert (stdout, code) == (f"OK: {len(GOOD) + 1} incidents, 1 root causes, 1 services.\n", 0)


def test_a_ten_megabyte_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    copy_archive(BASE, tmp_path / "incidents")
    huge = tmp_path / "incidents" / "2024-03-01-huge.yaml"
    size = 10 * 1024 * 1024
    with huge.open("wb") as handle:
        handle.write(b"title: huge\nsummary: ")
        handle.truncate(size)  # a sparse file: 10 MB on the reader's side, none on disk
    assert_fails_with(
        tmp_path,
        f"incidents/2024-03-01-huge.yaml:1:1: error: file is {size:,} bytes, over the "
        f"{MAX_BYTES:,}-byte limit "
        "(an incident review is text: link to logs and attachments instead)\n",
    )


def test_nesting_deeper_than_python_recursion_is_reported(tmp_path: Path) -> None:
    copy_archive(BASE, tmp_path / "incidents")
    (tmp_path / "incidents" / "deep.yaml").write_text("[" * 100_000 + "]" * 100_000)
    stdout, _, code = validate(tmp_path)
    assert code == 1
    assert stdout.startswith("incidents/deep.yaml:1:")
    assert "nested deeper than 32 levels" in stdout


def test_a_file_name_that_is_not_utf8_is_reported_not_crashed_on(tmp_path: Path) -> None:
    copy_archive(BASE, tmp_path / "incidents")
    name = os.fsdecode(b"2024-03-01-caf\xe9.yaml")
    shutil.copy(CORPUS / "good" / "2024-02-01-bom.yaml", tmp_path / "incidents" / name)
    stdout, _, code = validate(tmp_path)
    assert code == 1
    assert stdout.startswith("incidents/2024-03-01-caf\ufffd.yaml:1:1: error: the file name")


def test_subfolders_are_fine_and_ids_stay_unique_across_them(tmp_path: Path) -> None:
    sub = tmp_path / "incidents" / "2024"
    sub.mkdir(parents=True)
    shutil.copy(CORPUS / "good" / "2024-02-01-bom.yaml", sub / "2024-02-01-bom.yaml")
    stdout, _, code = validate(tmp_path)
    assert (stdout, code) == ("OK: 2 incidents, 1 root causes, 1 services.\n", 0)
    shutil.copy(BASE / "2024-01-01-base.yaml", sub / "2024-01-01-base.yaml")
    assert_fails_with(
        tmp_path,
        f"{BASE_FILE}:1:1: error: duplicate incident id "
        "'2024-01-01-base': incidents/2024/2024-01-01-base.yaml has the same file name\n",
    )
