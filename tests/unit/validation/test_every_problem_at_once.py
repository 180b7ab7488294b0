"""One run reports every problem of a file, sorted by line, with hints only for typos."""

from __future__ import annotations

from pathlib import Path

import pytest

from postmortem_kb.errors import did_you_mean
from tests.harness.small_archive import validate, write_archive

ONE_OF_EACH = """\
title: An unknown field, a bad enum, a misspelt tag and times out of order
severity: SEV2
status: publishd
started: 2024-03-01 10:00
detected: 2024-03-01 09:00
services: [payment-gateway]
root_causes: [faulty-deplo]
summary: Every problem of this file shows in one run.
resoluton: Rolled back.
timeline:
  - {at: "10:05", kind: mitigaton, event: Rolled back.}
"""


def test_schema_problems_do_not_hide_vocabulary_or_time_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    (folder / "2024-03-01-all.yaml").write_text(ONE_OF_EACH)
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.code == 1
    assert outcome.stdout == (
        "incidents/2024-03-01-all.yaml:3:9: error: status: 'publishd' is not one of: draft, "
        "in-review, published (did you mean 'published'?)\n"
        "incidents/2024-03-01-all.yaml:5:11: error: detected (2024-03-01 09:00) is before "
        "started (2024-03-01 10:00)\n"
        "incidents/2024-03-01-all.yaml:7:15: error: root_causes[0]: unknown root cause "
        "'faulty-deplo' (did you mean 'faulty-deploy'?)\n"
        "incidents/2024-03-01-all.yaml:9:1: error: unknown field 'resoluton' "
        "(did you mean 'resolution'?)\n"
        "incidents/2024-03-01-all.yaml:11:25: error: timeline[0].kind: 'mitigaton' is not one "
        "of: detection, investigation, escalation, mitigation, resolution, communication, note "
        "(did you mean 'mitigation'?)\n"
    )


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("SEV9", ["SEV1", "SEV2", "SEV3", "SEV4"]),
        ("edge-proxy", ["ledger", "payment-gateway", "checkout"]),
        ("network", ["memory-leak", "faulty-deploy", "retry-storm"]),
    ],
)
def test_no_hint_for_a_different_word(typed: str, choices: list[str]) -> None:
    assert did_you_mean(typed, choices) == ""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("SEV-1", "SEV1"), ("sev1", "SEV1"), ("memroy-leak", "memory-leak"), ("timzone", "timezone")],
)
def test_a_hint_for_a_typo(typed: str, meant: str) -> None:
    choices = ["SEV1", "SEV2", "memory-leak", "faulty-deploy", "timezone", "title"]
    assert did_you_mean(typed, choices) == f"did you mean '{meant}'?"
