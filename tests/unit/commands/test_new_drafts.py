"""`postmortem new`: no real-looking placeholder, and the address `make serve` answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_kb.cli import main
from tests.harness import ROOT
from tests.harness.small_archive import validate


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_unknowns_are_left_empty_and_the_todo_is_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = CliRunner().invoke(main, ["new", "Queue backlog", "--date", "2025-01-02"])
    assert result.exit_code == 0, result.output
    text = (project / "incidents" / "2025-01-02-queue-backlog.yaml").read_text()
    assert "services: []" in text
    assert "payment-gateway" not in text
    outcome = validate(monkeypatch, project)
    assert outcome.code == 0
    assert (
        "incidents/2025-01-02-queue-backlog.yaml:40:10: warning: text holds the placeholder "
        "'TODO' (replace it with what is known)" in outcome.stdout
    )
    assert validate(monkeypatch, project, "--strict").code == 1


def test_the_printed_address_is_the_one_make_serve_serves(project: Path) -> None:
    result = CliRunner().invoke(main, ["new", "Queue backlog", "--date", "2025-01-02"])
    assert result.exit_code == 0, result.output
    assert (
        "open http://127.0.0.1:8000/postmortem-kb/incidents/2025-01-02-queue-backlog/"
        in result.stdout
    )
