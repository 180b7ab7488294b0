"""A small archive in a temporary folder, and `postmortem validate` run on it in-process."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_kb.archive import Archive
from postmortem_kb.cli import main
from postmortem_kb.validation.check import check_archive

BASE = Path(__file__).resolve().parents[1] / "validation" / "base"
GOLDEN_TAXONOMY = Path(__file__).resolve().parents[1] / "golden" / "archive" / "taxonomy.yaml"
INCIDENT = """\
title: Card payments failed after a gateway deploy
severity: SEV2
status: published
visibility: public
timezone: {zone}
started: {started}
detected: {detected}
resolved: {resolved}
services: [payment-gateway]
root_causes: [faulty-deploy]
summary: A deploy broke card payments.
"""


@dataclass
class Outcome:
    stdout: str
    stderr: str
    code: int


def write_archive(folder: Path) -> Path:
    """incidents/ with the validation base (taxonomy and one valid incident)."""
    shutil.copytree(BASE, folder / "incidents", dirs_exist_ok=True)
    return folder / "incidents"


def incident(
    *,
    zone: str = "UTC",
    started: str = "2024-03-01 10:00",
    detected: str = "2024-03-01 10:05",
    resolved: str = "2024-03-01 11:00",
    extra: str = "",
) -> str:
    text = INCIDENT.format(zone=zone, started=started, detected=detected, resolved=resolved)
    return text + textwrap.dedent(extra)


def validate(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> Outcome:
    """`postmortem validate ARGS` run in `cwd`, in this process."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return Outcome(result.stdout, result.stderr, result.exit_code)


def archive_of(
    tmp_path: Path, files: dict[str, str], taxonomy: Path = GOLDEN_TAXONOMY
) -> tuple[Archive | None, list[str]]:
    """The archive of `files` (stem → text) beside `taxonomy` (by default the golden one,
    with no publishing rules), checked as `postmortem validate` checks it, with its
    problems as printed."""
    folder = tmp_path / "incidents"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(taxonomy, folder / "taxonomy.yaml")
    for stem, text in files.items():
        (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    archive, problems = check_archive([folder])
    return archive, [p.format() for p in problems]
