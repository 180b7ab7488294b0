"""A public build leaves out every internal incident (and drafts) everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_project, mkdocs_build

pytestmark = pytest.mark.build

CANARY = "zq9xcanary"
INTERNAL = f"""title: Internal only {CANARY} title
severity: SEV2
status: published
visibility: internal
started: 2024-02-02 10:00
detected: 2024-02-02 10:10
resolved: 2024-02-02 11:00
services: [ledger]
root_causes: [race-condition]
impact: Internal impact {CANARY}.
summary: The summary names {CANARY}.
root_cause: The cause names {CANARY}.
resolution: The resolution names {CANARY}.
timeline:
  - {{at: "10:10", kind: detection, event: "Event text {CANARY}"}}
action_items:
  - {{title: "Action {CANARY}", owner: "owner-{CANARY}", status: open, due: 2024-03-01}}
"""


def build(tmp_path: Path, audience: str) -> Path:
    project = copy_project(tmp_path / audience)
    (project / "incidents" / f"2024-02-02-{CANARY}.yaml").write_text(INTERNAL)
    # A public incident links to the internal one: the public build must drop the link.
    public_one = project / "incidents" / "2024-04-11-acquirer-mtls-certificate-expiry.yaml"
    text = public_one.read_text()
    assert "\nrelated: [" in text
    public_one.write_text(text.replace("\nrelated: [", f"\nrelated: [2024-02-02-{CANARY}, ", 1))
    result = mkdocs_build(project, env={"POSTMORTEM_AUDIENCE": audience})
    assert result.returncode == 0, result.stderr
    return project / "site"


def files_mentioning(site: Path, word: str) -> list[str]:
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix != ".gz"]
    return [
        str(path.relative_to(site))
        for path in files
        if word in path.read_bytes().decode("utf-8", "replace").lower()
    ]


def test_public_build_leaves_internal_incidents_and_drafts_out_everywhere(tmp_path: Path) -> None:
    internal_site = build(tmp_path, "internal")
    assert files_mentioning(internal_site, CANARY)  # the canary is there to be found…
    public_site = build(tmp_path, "public")
    assert files_mentioning(public_site, CANARY) == []  # …and gone from the public site
    assert files_mentioning(public_site, "ci-service-account-key-expired") == []
    draft = "2026-10-27-reporting-export-memory-leak"
    assert files_mentioning(public_site, draft) == []
    assert (public_site / "incidents" / "2024-08-12-payment-gateway-memory-leak").is_dir()
