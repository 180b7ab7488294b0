"""A published review is finished (rules tunable in taxonomy.yaml), and its timeline
agrees with its times (warnings with the line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.harness import ROOT
from tests.harness.small_archive import incident, validate, write_archive

PUBLISHING = "publishing:\n  required: [summary, root_cause, resolution, impact, action_items]\n"
UNFINISHED = """\
title: Published too early
severity: SEV2
status: published
started: 2024-03-01 10:00
services: [payment-gateway]
summary: "TODO: what happened"
root_cause: ""
"""


def _with_rules(folder: Path, rules: str = PUBLISHING) -> None:
    taxonomy = folder / "taxonomy.yaml"
    taxonomy.write_text(rules + taxonomy.read_text())


def test_an_unfinished_review_cannot_be_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    _with_rules(folder)
    (folder / "2024-03-01-early.yaml").write_text(UNFINISHED)
    outcome = validate(monkeypatch, tmp_path, "incidents/2024-03-01-early.yaml")
    assert outcome.code == 1
    name = "incidents/2024-03-01-early.yaml"
    assert outcome.stdout == (
        f"{name}:1:1: error: a published review needs action_items (list the follow-ups, or "
        "say why none are needed in no_action_items)\n"
        f"{name}:1:1: error: a published review needs impact (fill it in, or set status: "
        "in-review until it is)\n"
        f"{name}:1:1: error: a published review needs resolution (fill it in, or set status: "
        "in-review until it is)\n"
        f"{name}:6:10: error: a published review still holds the placeholder 'TODO' (replace "
        "it with what is known, or set status: in-review)\n"
        f"{name}:7:1: error: a published review needs root_cause (fill it in, or set status: "
        "in-review until it is)\n"
    )


def test_the_sample_taxonomy_holds_published_reviews_to_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "incidents"
    folder.mkdir()
    shutil.copy(ROOT / "incidents" / "taxonomy.yaml", folder / "taxonomy.yaml")
    review = folder / "2024-03-01-early.yaml"
    review.write_text(UNFINISHED)
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.code == 1
    name = "incidents/2024-03-01-early.yaml"
    errors = [line for line in outcome.stdout.splitlines() if ": error: " in line]
    assert errors == [
        f"{name}:1:1: error: a published review needs action_items (list the follow-ups, or "
        "say why none are needed in no_action_items)",
        f"{name}:1:1: error: a published review needs impact (fill it in, or set status: "
        "in-review until it is)",
        f"{name}:1:1: error: a published review needs resolution (fill it in, or set status: "
        "in-review until it is)",
        f"{name}:1:1: error: a published review needs root_causes (fill it in, or set status: "
        "in-review until it is)",
        f"{name}:6:10: error: a published review still holds the placeholder 'TODO' (replace "
        "it with what is known, or set status: in-review)",
        f"{name}:7:1: error: a published review needs root_cause (fill it in, or set status: "
        "in-review until it is)",
    ]
    review.write_text(UNFINISHED.replace("status: published", "status: draft"))
    drafted = validate(monkeypatch, tmp_path)
    assert drafted.code == 0
    assert ": error: " not in drafted.stdout
    assert f"{name}:6:10: warning: text holds the placeholder 'TODO'" in drafted.stdout


def test_a_statement_stands_in_for_action_items_and_teams_tune_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    _with_rules(folder, "publishing:\n  required: [summary, action_items]\n  placeholders: []\n")
    extra = "no_action_items: The vendor fixed it; nothing of ours to change.\n"
    (folder / "2024-03-01-done.yaml").write_text(incident(extra=extra))
    assert validate(monkeypatch, tmp_path, "--strict", "incidents/2024-03-01-done.yaml").code == 0
    (folder / "2024-03-01-done.yaml").write_text(incident())
    assert validate(monkeypatch, tmp_path, "incidents/2024-03-01-done.yaml").code == 1


def test_without_rules_nothing_is_required(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_archive(tmp_path)
    (folder / "2024-03-01-early.yaml").write_text(UNFINISHED.replace('""', "x"))
    assert validate(monkeypatch, tmp_path).code == 0


TIMELINE = """\
timeline:
  - {at: "09:50", kind: detection, event: An alert fired.}
  - {at: "10:30", kind: mitigation, event: Rolled back.}
"""


def test_timeline_disagreements_are_warnings_with_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    _with_rules(folder, "publishing:\n  required: []\n")
    (folder / "2024-02-28-named.yaml").write_text(incident(extra=TIMELINE))
    outcome = validate(monkeypatch, tmp_path)
    name = "incidents/2024-02-28-named.yaml"
    assert outcome.code == 0
    assert outcome.stdout.splitlines()[:3] == [
        f"{name}:1:1: warning: the file is named for 2024-02-28, but the incident started on "
        "2024-03-01 (name the file after the day impact began)",
        f"{name}:7:11: warning: no timeline event at detected (2024-03-01 10:05) (add the "
        "event that noticed the incident (kind: detection))",
        f"{name}:13:10: warning: timeline[0]: a detection event at 2024-03-01 09:50, before "
        "the incident started (2024-03-01 10:00) (move `started` earlier: impact began before "
        "it was detected)",
    ]


FINISHED = """\
title: Card payments failed after a gateway deploy
severity: SEV2
status: published
visibility: public
started: 2024-03-01 10:00
detected: 2024-03-01 10:05
resolved: 2024-03-01 11:00
services: [payment-gateway]
root_causes: [faulty-deploy]
impact: Card payments failed for an hour.
summary: A deploy broke card payments.
root_cause: The deploy carried a bad build.
resolution: Rolled back.
action_items:
  - {title: Add a canary stage, kind: prevent, owner: payments-team, due: 2024-04-01}
"""


def _sample_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "incidents"
    folder.mkdir()
    shutil.copy(ROOT / "incidents" / "taxonomy.yaml", folder / "taxonomy.yaml")
    return folder


def _errors(outcome_stdout: str) -> list[str]:
    return [
        line.split(": error: ")[1] for line in outcome_stdout.splitlines() if ": error: " in line
    ]


def test_the_sample_rules_publish_a_finished_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _sample_rules(tmp_path)
    (folder / "2024-03-01-done.yaml").write_text(FINISHED)
    outcome = validate(monkeypatch, tmp_path, "--strict")
    assert outcome.code == 0, outcome.stdout


def test_a_published_review_names_its_causes_and_services(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _sample_rules(tmp_path)
    text = FINISHED.replace("[payment-gateway]", "[]").replace("[faulty-deploy]", "[]")
    (folder / "2024-03-01-done.yaml").write_text(text)
    outcome = validate(monkeypatch, tmp_path, "--strict")
    name = "incidents/2024-03-01-done.yaml"
    assert f"{name}:8:1: error: a published review needs services" in outcome.stdout
    assert f"{name}:9:1: error: a published review needs root_causes" in outcome.stdout
    assert outcome.code == 1


def test_a_published_action_item_has_an_owner_and_a_due_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _sample_rules(tmp_path)
    items = (
        "  - {title: Nobody owns this, kind: fix}\n"
        "  - {title: No date, kind: fix, owner: payments-team, status: open}\n"
        "  - {title: Dropped on purpose, kind: fix, owner: payments-team, status: wont-do}\n"
    )
    (folder / "2024-03-01-done.yaml").write_text(FINISHED + items)
    outcome = validate(monkeypatch, tmp_path)
    name = "incidents/2024-03-01-done.yaml"
    assert _errors(outcome.stdout) == [
        "action_items[1]: a published review's action item needs owner and due (name the "
        "team that owns it, and the date it is due as due: YYYY-MM-DD)",
        "action_items[2]: a published review's action item needs due (name the team that "
        "owns it, and the date it is due as due: YYYY-MM-DD)",
    ]
    assert f"{name}:16:5: error: action_items[1]" in outcome.stdout
    (folder / "taxonomy.yaml").write_text(
        (folder / "taxonomy.yaml")
        .read_text()
        .replace("action_items_need: [owner, due]", "action_items_need: []")
    )
    assert validate(monkeypatch, tmp_path).code == 0


def test_the_midnight_start_new_writes_is_flagged_until_it_is_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _sample_rules(tmp_path)
    monkeypatch.chdir(tmp_path)
    from click.testing import CliRunner

    from postmortem_kb.cli import main

    created = CliRunner().invoke(main, ["new", "Checkout errors", "--date", "2024-03-01"])
    assert created.exit_code == 0, created.output
    draft = folder / "2024-03-01-checkout-errors.yaml"
    name = "incidents/2024-03-01-checkout-errors.yaml"
    outcome = validate(monkeypatch, tmp_path, name)
    assert outcome.code == 0
    assert (
        f"{name}:19:10: warning: started is at 00:00 sharp, the time `postmortem new` leaves: "
        "time to detect would count from midnight (write when impact began; 00:00:00 if it "
        "truly began at midnight)"
    ) in outcome.stdout
    published = FINISHED.replace("2024-03-01 10:00", "2024-03-01 00:00")
    draft.write_text(published)
    assert "a published review starts at 00:00 sharp" in validate(monkeypatch, tmp_path).stdout
    draft.write_text(published.replace("2024-03-01 00:00", "2024-03-01 00:00:00"))
    assert validate(monkeypatch, tmp_path, "--strict").code == 0
    draft.write_text(published)
    taxonomy = folder / "taxonomy.yaml"
    taxonomy.write_text(
        taxonomy.read_text().replace("publishing:\n", "publishing:\n  placeholder_start: false\n")
    )
    assert validate(monkeypatch, tmp_path, "--strict").code == 0
