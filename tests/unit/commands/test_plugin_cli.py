"""`postmortem new` and `validate` in a host site (tests/host-site, the `postmortems`
plugin with `incidents: records` and `prefix: postmortems/`): the folder, the preview
address and the schema link come from its mkdocs.yml; the pre-commit hook relies on it."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.harness import ROOT, host_project, run_cli


def test_new_in_a_host_follows_its_folder_prefix_and_site_url(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    result = run_cli("new", "Queue backlog after a broker upgrade", "--date", "2025-03-04",
                     cwd=project)  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = project / "records" / "2025-03-04-queue-backlog-after-a-broker-upgrade.yaml"
    assert f"Created {written.relative_to(project)}" in result.stdout
    assert (
        "run `mkdocs serve`, then open http://127.0.0.1:8000/postmortems/incidents/"
        "2025-03-04-queue-backlog-after-a-broker-upgrade/"
    ) in result.stdout
    # The schema the build publishes, at the site's address: no link that dangles.
    assert written.read_text().splitlines()[0] == (
        "# yaml-language-server: $schema="
        "https://handbook.example.org/postmortems/schema/incident.schema.json"
    )


def test_new_in_a_host_without_site_url_writes_no_dangling_schema_link(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    del config["site_url"]
    config["plugins"][1] = {"postmortems": {"incidents": "records", "prefix": "kb"}}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    result = run_cli("new", "Disk full on a log host", "--date", "2025-03-04", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8000/kb/incidents/2025-03-04-disk-full-on-a-log-host/" in (
        result.stdout
    )
    text = (project / "records" / "2025-03-04-disk-full-on-a-log-host.yaml").read_text()
    assert "$schema" not in text


def test_validate_and_the_pre_commit_hook_read_the_folder_from_the_host(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    result = run_cli("validate", "--strict", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["entry"] == "postmortem validate --strict" and hook["pass_filenames"] is False
    assert "incidents/" not in hook["files"], "any archive folder, as mkdocs.yml names it"


def test_every_compatibility_row_of_the_adopters_guide_names_a_test() -> None:
    guide = (ROOT / "docs" / "plugin.md").read_text(encoding="utf-8")
    table = guide.split("## Compatibility", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) > 5
    for row in rows[1:]:
        tests = [cell.strip("` ") for cell in row.split("|")[3].split(",")]
        assert tests and all((ROOT / name).is_file() for name in tests), row
