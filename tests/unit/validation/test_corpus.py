"""Broken files that need more than a file in a folder: a 10 MB file, deep nesting, a file
name that is not UTF-8, subfolders. The corpus folders themselves (tests/corpus/bad and
tests/corpus/good) are run by tests/unit/validation/test_examples.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from postmortem_kb.files.yaml_read import MAX_BYTES
from tests.harness import TESTS, VALIDATION_BASE, copy_archive, validate_with_base

CORPUS = TESTS / "corpus"
BASE_FILE = "incidents/2024-01-01-base.yaml"


def validate(tmp_path: Path) -> tuple[str, str, int]:
    """`postmortem validate` of the archive as the test left it in tmp_path/incidents."""
    result = validate_with_base(tmp_path)
    return result.stdout, result.stderr, result.returncode


def assert_fails_with(tmp_path: Path, expected: str) -> None:
    stdout, stderr, code = validate(tmp_path)
    assert stdout == expected
    assert code == 1
    assert "error(s) found" in stderr


def test_a_ten_megabyte_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    copy_archive(VALIDATION_BASE, tmp_path / "incidents")
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
    copy_archive(VALIDATION_BASE, tmp_path / "incidents")
    (tmp_path / "incidents" / "deep.yaml").write_text("[" * 100_000 + "]" * 100_000)
    stdout, _, code = validate(tmp_path)
    assert code == 1
    assert stdout.startswith("incidents/deep.yaml:1:")
    assert "nested deeper than 32 levels" in stdout


def test_a_file_name_that_is_not_utf8_is_reported_not_crashed_on(tmp_path: Path) -> None:
    copy_archive(VALIDATION_BASE, tmp_path / "incidents")
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
    shutil.copy(VALIDATION_BASE / "2024-01-01-base.yaml", sub / "2024-01-01-base.yaml")
    assert_fails_with(
        tmp_path,
        f"{BASE_FILE}:1:1: error: duplicate incident id "
        "'2024-01-01-base': incidents/2024/2024-01-01-base.yaml has the same file name\n",
    )
