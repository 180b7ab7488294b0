"""A fixed UTC offset as an incident's clock (`timezone: UTC+05:30`): what a source that
states its offset but not its place is imported with, and shown in.

Bad offsets at their `path:line:col` are in tests/corpus/bad/timezone-offset-*.yaml, a
valid one in tests/corpus/good/2024-02-10-fixed-offset-over-midnight.yaml."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from postmortem_kb import times
from postmortem_kb.model import Incident, incident_json_schema
from tests.harness import TESTS, copy_project, mkdocs_build, run_cli

SOURCES = TESTS / "fixtures" / "import" / "sources" / "frontmatter"
INDIA = "checkout-india-half-hour-offset.md"
PACIFIC = "gift-card-balances-pacific-night.md"


@pytest.mark.parametrize(
    ("name", "offset"),
    [
        ("UTC+05:30", timedelta(hours=5, minutes=30)),
        ("+05:30", timedelta(hours=5, minutes=30)),
        ("UTC-07:00", timedelta(hours=-7)),
        ("-07:00", timedelta(hours=-7)),
        ("UTC+05:45", timedelta(hours=5, minutes=45)),
        ("UTC-12:00", timedelta(hours=-12)),
        ("UTC+14:00", timedelta(hours=14)),
        ("UTC+00:00", timedelta(0)),
    ],
)
def test_a_fixed_offset_is_a_zone_in_either_form(name: str, offset: timedelta) -> None:
    zone = times.zone(name)
    assert zone.utcoffset(datetime(2024, 7, 1)) == offset
    assert zone.utcoffset(datetime(2024, 1, 1)) == offset  # no daylight-saving time


def test_both_forms_are_labelled_utc_plus_hours_and_minutes() -> None:
    assert times.check_zone("+05:30") == times.check_zone("UTC+05:30") == "UTC+05:30"
    assert times.check_zone("-08:00") == "UTC-08:00"
    assert times.zone("UTC-08:00").tzname(None) == "UTC-08:00"
    assert times.check_zone("Europe/Paris") == "Europe/Paris"


@pytest.mark.parametrize(
    ("sloppy", "form"),
    [
        ("UTC+5:30", "UTC+05:30"),
        ("UTC+5", "UTC+05:00"),
        ("+0530", "UTC+05:30"),
        ("GMT-8", "UTC-08:00"),
        ("utc-07:00", "UTC-07:00"),
        ("UTC \u221208:00", "UTC-08:00"),
    ],
)
def test_a_sloppy_offset_is_refused_with_the_form_to_write(sloppy: str, form: str) -> None:
    with pytest.raises(times.TimeFormatError, match="not a UTC offset in the form") as caught:
        times.zone(sloppy)
    assert caught.value.hint.startswith(f"write '{form}' for clocks ")


@pytest.mark.parametrize("far", ["UTC+15:00", "UTC-13:00", "+05:60", "UTC+99:00"])
def test_an_offset_no_clock_keeps_is_refused(far: str) -> None:
    with pytest.raises(times.TimeFormatError, match="not a UTC offset clocks keep") as caught:
        times.zone(far)
    assert "UTC-12:00 to UTC+14:00" in caught.value.hint


def test_zone_names_keep_their_hints() -> None:
    assert str(times.zone("Etc/GMT+7")) == "Etc/GMT+7"
    assert str(times.zone("GMT+0")) == "GMT+0"
    with pytest.raises(times.TimeFormatError, match="unknown time zone") as typo:
        times.zone("Asia/Kolkatta")
    assert typo.value.hint == "did you mean 'Asia/Kolkata'?"
    with pytest.raises(times.TimeFormatError, match="unknown time zone") as abbreviation:
        times.zone("IST")
    assert "not an abbreviation" in abbreviation.value.hint


def test_times_without_an_offset_are_read_in_the_fixed_clock() -> None:
    incident = Incident.model_validate(
        {
            "title": "Gift cards at zero",
            "summary": "Balances showed as zero.",
            "timezone": "-08:00",
            "started": "2022-11-24 22:50",
            "resolved": "2022-11-25 01:35",
            "timeline": [
                {"at": "22:50", "event": "Cache flushed."},
                {"at": "00:20", "event": "Throttle raised."},
            ],
        }
    )
    assert incident.timezone == "UTC-08:00"
    assert incident.started_at == datetime(2022, 11, 25, 6, 50, tzinfo=UTC)
    assert incident.event_times()[1] == datetime(2022, 11, 25, 8, 20, tzinfo=UTC)
    assert incident.time_to_resolve == timedelta(hours=2, minutes=45)


def test_the_schema_documents_both_forms_and_every_zone_name_fits_it() -> None:
    timezone = incident_json_schema()["properties"]["timezone"]
    assert {"UTC+05:30", "Europe/Paris"} <= set(timezone["examples"])
    forms = [form for form in timezone["anyOf"] if "pattern" in form]
    name_pattern, offset_pattern = (re.compile(form["pattern"]) for form in forms)
    assert any(form.get("const") == times.LOCAL_TIME for form in timezone["anyOf"])
    assert all(name_pattern.match(name) for name in times.zone_names())
    assert all(offset_pattern.match(form) for form in ("UTC+05:30", "-07:00"))
    assert "fixed UTC offset" in timezone["description"]


def _imported_page(project: Path, source: str) -> tuple[str, str]:
    """The id and the built page of the incident imported from `source`."""
    (written,) = (
        path
        for path in (project / "incidents").glob("*.yaml")
        if f"from old-reviews/{source} " in path.read_text(encoding="utf-8")
    )
    page = project / "site" / "incidents" / written.stem / "index.html"
    return written.stem, page.read_text(encoding="utf-8")


@pytest.mark.build
def test_offset_sources_are_shown_in_their_own_clock(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "old-reviews").mkdir()
    for source in (INDIA, PACIFIC):
        shutil.copy(SOURCES / source, project / "old-reviews" / source)

    imported = run_cli("import", "old-reviews", cwd=project)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "2 written" in imported.stdout
    validated = run_cli("validate", cwd=project)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    assert built.warnings == [], built.stderr

    india_id, india = _imported_page(project, INDIA)
    assert "2024-09-14 19:10 UTC+05:30 (2024-09-14 13:40 UTC)" in india
    assert "2024-09-14 21:25 UTC+05:30 (2024-09-14 15:55 UTC)" in india
    assert "Time (UTC+05:30)" in india
    assert "<td>19:24<br>" in india
    assert set(re.findall(r"times in ([^<\"&]+)", india)) == {"UTC+05:30"}

    pacific_id, pacific = _imported_page(project, PACIFIC)
    assert "2022-11-24 22:50 UTC-08:00 (2022-11-25 06:50 UTC)" in pacific
    assert "2022-11-25 01:35 UTC-08:00 (2022-11-25 09:35 UTC)" in pacific
    assert "2 h 45 min" in pacific
    assert "<td>23:40<br>" in pacific and "<td>2022-11-25 00:20<br>" in pacific
    assert "Thu 24 Nov 2022, times in UTC-08:00" in pacific
    assert set(re.findall(r"times in ([^<\"&]+)", pacific)) == {"UTC-08:00"}

    export = json.loads((project / "site" / "incidents.json").read_text(encoding="utf-8"))
    records = {record["id"]: record for record in export["incidents"]}
    assert records[india_id]["timezone"] == "UTC+05:30"
    assert records[india_id]["started"] == "2024-09-14T19:10:00+05:30"
    assert records[pacific_id]["started"] == "2022-11-24T22:50:00-08:00"
    assert records[pacific_id]["resolved"] == "2022-11-25T01:35:00-08:00"
