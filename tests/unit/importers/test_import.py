"""`postmortem import`: legacy postmortems become incident files that validate."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from postmortem_kb.files.yaml_read import load_yaml
from postmortem_kb.importers import build_incident_yaml
from postmortem_kb.importers.common import Draft, repair_text, timeline_entry
from postmortem_kb.importers.timing.clock import clock_24h
from postmortem_kb.importers.timing.timeline import Event
from postmortem_kb.validation.writing import read_taxonomy
from tests.harness import ROOT, TESTS, copy_archive, run_cli, run_cli_in_subprocess

FIXTURES = TESTS / "fixtures"
LEGACY = FIXTURES / "legacy-postmortem-payment-gateway.txt"
GOOGLE = FIXTURES / "google-sre-search-cache-stampede.md"
PAGERDUTY = FIXTURES / "pagerduty-notifications-email-quota.md"
LEGACY_OUT = "2024-08-12-memory-leak-introduced-by-a-recently-updated-payment-gateway.yaml"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    copy_archive(ROOT / "incidents", tmp_path / "incidents")
    for fixture in (LEGACY, GOOGLE, PAGERDUTY):
        shutil.copy(fixture, tmp_path / fixture.name)
    return tmp_path


def imported(
    archive: Path, source: Path, *, end_to_end: bool = False
) -> tuple[dict[str, Any], str, str]:
    """Import `source` into the archive; (data, YAML text, the summary). `end_to_end`: run the
    command in a fresh interpreter, as a user does."""
    run = run_cli_in_subprocess if end_to_end else run_cli
    result = run("import", "--verbose", source.name, cwd=archive)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith(f"{source.name} -> "))
    written = archive / line.split(" -> ")[1]
    text = written.read_text(encoding="utf-8")
    loaded = load_yaml(str(written), text.encode())
    assert not loaded.problems
    validated = run_cli("validate", cwd=archive)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    return loaded.data, text, result.stdout


def test_legacy_text_example(archive: Path) -> None:
    data, text, _ = imported(archive, LEGACY, end_to_end=True)
    assert (archive / "incidents" / LEGACY_OUT).is_file()
    assert text.startswith("# yaml-language-server: $schema=../schema/incident.schema.json\n")
    times = [event["at"] for event in data["timeline"]]
    assert times == [
        "11:35", "11:40", "12:00", "12:15", "12:45", "13:15", "14:30", "15:00", "15:15"
    ]  # fmt: skip
    assert data["started"] == "2024-08-12 11:30"
    assert data["resolved"] == "2024-08-12 15:15"
    assert data["detected"] == "2024-08-12 11:35"
    assert data["timezone"] == "UTC"
    assert data["status"] == "draft"
    assert "80%" in data["impact"]
    assert "memory-leak" in data["root_causes"]
    assert "faulty-deploy" in data["root_causes"]
    assert data["services"] == ["payment-gateway"]
    titles = [item["title"] for item in data["action_items"]]
    assert len(titles) == 9
    assert titles[0].startswith("API Code Review")
    assert titles[3].startswith("Load Testing")
    assert titles[4] == "Patch the payment gateway API to plug the memory leak."
    assert titles[8].startswith("Review every major deployment")
    assert "‚Ä" not in text and "üò" not in text and "\uf8ff" not in text
    assert "identified—an overeager" in text
    assert "severity" not in data  # never guessed
    assert "#   - severity: the source states no severity" in text
    assert "Here's a Diagram of Our Outage Journey" in data["narrative"]
    assert "laugh. 😅" in data["narrative"]


def test_google_sre_markdown(archive: Path) -> None:
    data, text, _ = imported(archive, GOOGLE)
    assert data["title"] == "Search results empty after cache flush during index deploy"
    assert data["severity"] == "SEV2"
    assert "severity: the source states no severity" not in text
    assert data["started"] == "2024-11-06 14:02"
    assert data["detected"] == "2024-11-06 14:06"
    assert data["resolved"] == "2024-11-06 14:54"
    assert data["services"] == ["search", "storefront"]
    assert set(data["root_causes"]) == {"cache-stampede", "faulty-deploy"}
    assert (data["trigger"], data["detection"]) == ("deploy", "automated-alert")
    assert '`c# books`, "size: XL"' in data["root_cause"]
    assert len(data["timeline"]) == 7
    assert data["timeline"][1]["event"] == "**OUTAGE BEGINS** — empty results start."
    actions = data["action_items"]
    assert [a["kind"] for a in actions] == ["prevent", "mitigate", "detect", "process"]
    assert actions[0] == {
        "title": "Scope the indexer's cache flush to its own namespace",
        "kind": "prevent",
        "owner": "search-team",
        "status": "open",
        "link": "SEARCH-881",
    }
    assert data["lessons"]["lucky"] == [
        "It happened on a Wednesday afternoon, not during the Black Friday sale."
    ]
    assert len(data["lessons"]["went_wrong"]) == 2
    assert data["authors"] == ["priya", "tomasz", "search-team"]
    assert "**Supporting information**" in data["narrative"]


def test_pagerduty_markdown(archive: Path) -> None:
    data, text, _ = imported(archive, PAGERDUTY)
    assert data["title"] == "Order confirmation e-mails delayed by a mail provider quota"
    assert data["started"] == "2026-03-26 09:00"  # its timeline's first event, to review
    assert data["timezone"] == "Europe/Berlin"  # `| Time (CET) |` in March
    assert "# review: the timeline's first event: check when impact began" in text
    assert data["resolved"] == "2026-03-26 12:30"
    assert "services" not in data  # named nowhere in the source
    assert "#   - services: the source names none the taxonomy knows" in text
    assert "A marketing campaign was scheduled" in data["narrative"]
    assert "one daily quota" in data["root_cause"]
    assert data["timeline"][1] == {
        "at": "09:20",
        "kind": "note",
        "event": "Provider starts rejecting sends: quota exceeded.",
    }
    assert [a["title"] for a in data["action_items"]][1] == (
        "Alert when the provider rejects more than 1% of sends"
    )
    assert data["authors"] == ["Amira Haddad", "Luis Ortega", "Chen Wei"]
    assert "**Messaging**" in data["narrative"]


def test_import_never_overwrites(archive: Path) -> None:
    assert run_cli("import", LEGACY.name, cwd=archive).returncode == 0
    target = archive / "incidents" / LEGACY_OUT
    again = run_cli("import", LEGACY.name, cwd=archive)
    assert again.returncode == 0
    assert "0 written" in again.stdout and "1 unchanged" in again.stdout
    target.write_text("edited: by hand\n")
    third = run_cli("import", LEGACY.name, cwd=archive)
    assert third.returncode == 0, third.stdout
    assert f"renamed {LEGACY.name} -> incidents/{LEGACY_OUT[:-5]}-2.yaml" in third.stdout
    assert target.read_text() == "edited: by hand\n"


def test_missing_input_and_missing_taxonomy_are_clear_errors(archive: Path) -> None:
    missing = run_cli("import", "nope.txt", cwd=archive)
    assert missing.returncode == 1
    assert "refused nope.txt: cannot read it: No such file or directory" in missing.stdout
    (archive / "empty").mkdir()
    no_taxonomy = run_cli("import", LEGACY.name, "--out", "empty", cwd=archive)
    assert no_taxonomy.returncode == 1
    assert "no taxonomy.yaml in empty" in no_taxonomy.stderr
    assert "Traceback" not in missing.stderr + no_taxonomy.stderr


def test_hostile_text_round_trips_through_the_yaml() -> None:
    hostile = [
        'colon: "quoted" # not a comment',
        "- starts like a list item",
        "yes",
        "11:35",
        "{braces} and [brackets] & *star !bang %percent @at `tick`",
        "two\nlines: here\n  indented",
    ]
    draft = Draft(
        day=date(2024, 5, 1),
        title=hostile[0],
        summary=hostile[5],
        impact=hostile[4],
        timeline=[Event(text, "10:00", n) for n, text in enumerate(hostile)],
    )
    built = build_incident_yaml(draft, read_taxonomy(ROOT / "incidents"), "x.txt")
    stem, text = built.stem, built.text
    data = load_yaml("x.yaml", text.encode()).data
    assert data["title"] == hostile[0]
    assert data["summary"] == hostile[5]
    assert data["impact"] == hostile[4]
    assert [event["event"] for event in data["timeline"]] == hostile
    assert stem.endswith("-colon-quoted-not-a-comment")


def test_text_repair_and_time_parsing() -> None:
    assert repair_text("We‚Äôll ‚Äî now") == "We’ll — now"
    assert repair_text("laugh \uf8ffüòÖ") == "laugh 😅"
    assert repair_text("café") == "café"
    assert clock_24h("12:05", "AM") == "00:05"
    assert clock_24h("12:00", "PM") == "12:00"
    assert clock_24h("1:15", "p.m.") == "13:15"
    assert clock_24h("13:15", "PM") is None
    assert timeline_entry("3:15 PM: All systems go.") == ("15:15", "All systems go.")
    assert timeline_entry("- 2024-11-06 14:02 UTC — begins") == ("2024-11-06 14:02", "begins")
    assert timeline_entry("14:30 API rolled back") == ("14:30", "API rolled back")
    assert timeline_entry("No time here: 5 things") is None
