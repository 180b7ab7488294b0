"""`postmortem schema`, the committed schema file, the pre-commit hook and `--help`."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from postmortem_kb.cli import main
from postmortem_kb.model import incident_json_schema
from tests.harness import ROOT, run_cli

SCHEMA_FILE = ROOT / "schema" / "incident.schema.json"


def test_committed_schema_is_the_generated_one(update_goldens: bool) -> None:
    result = run_cli("schema", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    if update_goldens:
        SCHEMA_FILE.write_text(result.stdout, encoding="utf-8")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == result.stdout, (
        "schema/incident.schema.json is stale: run pytest --update-goldens"
    )
    assert json.loads(result.stdout) == incident_json_schema()


def test_schema_output_option_writes_the_file(tmp_path: Path) -> None:
    result = run_cli("schema", "--output", "out.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out.json").read_text()) == incident_json_schema()


def test_pre_commit_hook_runs_an_existing_command() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "postmortem-validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["files"] == r"\.ya?ml$"  # the folder: from mkdocs.yml (test_plugin_cli)
    program, command, *_options = hook["entry"].split()
    assert program == "postmortem"
    assert command in main.commands
    assert run_cli(command, cwd=ROOT).returncode == 0


def test_help_lists_every_command() -> None:
    result = run_cli("--help", cwd=ROOT)
    assert result.returncode == 0
    assert set(main.commands) == {"validate", "new", "import", "draft", "schema", "render"}
    for name in main.commands:
        assert f"\n  {name} " in result.stdout, name
