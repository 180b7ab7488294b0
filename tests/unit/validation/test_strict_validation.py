"""`postmortem validate --strict` fails on warnings, as `mkdocs build --strict` does; the
pre-commit hook and the Pages workflow use it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.harness import ROOT
from tests.harness.small_archive import incident, validate, write_archive

OUT_OF_ORDER = """\
timeline:
  - {at: "10:30", kind: mitigation, event: Rolled back.}
  - {at: "10:05", kind: detection, event: Alert fired.}
"""


def test_a_warning_passes_plain_validate_and_fails_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    (folder / "2024-03-01-order.yaml").write_text(incident(extra=OUT_OF_ORDER))
    plain = validate(monkeypatch, tmp_path)
    assert plain.code == 0
    assert "warning: timeline[1].at" in plain.stdout
    strict = validate(monkeypatch, tmp_path, "--strict")
    assert strict.code == 1
    assert strict.stderr == "0 error(s) found, and 1 warning(s) under --strict.\n"


def test_the_pre_commit_hook_and_the_pages_workflow_validate_strictly() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [hook["entry"] for hook in hooks] == ["postmortem validate --strict"]
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert "postmortem validate --strict --format github" in workflow
