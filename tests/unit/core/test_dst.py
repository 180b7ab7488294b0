"""Durations are elapsed time across daylight-saving changes; a skipped local time is an
error; a repeated one is the first of the two unless its UTC offset is written."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from postmortem_kb.render.pages.feeds import render_json_export
from postmortem_kb.times import localize, resolve_event_times, zone
from postmortem_kb.validation.check import check_archive
from tests.harness.small_archive import incident, validate, write_archive

# (zone, a local time in the hour repeated when clocks go back, the next day's same
# change later, a time skipped when clocks go forward)
FALL_BACK = [
    ("Europe/Paris", "2024-10-27 01:30", "2024-10-27 03:30", 3),
    ("America/New_York", "2024-11-03 00:30", "2024-11-03 02:30", 3),
    ("Australia/Sydney", "2024-04-07 01:30", "2024-04-07 03:30", 3),
]
SPRING_FORWARD = [
    ("Europe/Paris", "2024-03-31 01:30", "2024-03-31 03:10", 40, "2024-03-31 02:30"),
    ("America/New_York", "2024-03-10 01:30", "2024-03-10 03:10", 40, "2024-03-10 02:30"),
    ("Australia/Sydney", "2024-10-06 01:30", "2024-10-06 03:10", 40, "2024-10-06 02:30"),
]


@pytest.mark.parametrize(("name", "start", "end", "hours"), FALL_BACK)
def test_durations_across_clocks_going_back_are_elapsed(
    name: str, start: str, end: str, hours: int, tmp_path: Path
) -> None:
    folder = write_archive(tmp_path)
    text = incident(zone=name, started=start, detected=start, resolved=end)
    (folder / "2024-10-27-dst.yaml").write_text(text)
    archive, problems = check_archive([folder])
    assert archive is not None, problems
    found = archive.by_id["2024-10-27-dst"]
    assert found.time_to_resolve == timedelta(hours=hours)
    export = json.loads(render_json_export(archive, site_url="https://x/", today=date(2025, 1, 1)))
    record = next(r for r in export["incidents"] if r["id"] == "2024-10-27-dst")
    assert record["durations"]["time_to_resolve"] == hours * 3600


@pytest.mark.parametrize(("name", "start", "end", "minutes", "_gap"), SPRING_FORWARD)
def test_durations_across_clocks_going_forward_are_elapsed(
    name: str, start: str, end: str, minutes: int, _gap: str
) -> None:
    tz = zone(name)
    begin = localize(datetime.fromisoformat(start), tz)
    assert localize(datetime.fromisoformat(end), tz) - begin == timedelta(minutes=minutes)


@pytest.mark.parametrize(("name", "start", "_end", "_minutes", "gap"), SPRING_FORWARD)
def test_a_local_time_that_does_not_exist_is_an_error(
    name: str, start: str, _end: str, _minutes: int, gap: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    folder = write_archive(tmp_path)
    text = incident(zone=name, started=start, detected=gap, resolved=gap.replace("02:", "04:"))
    text += 'timeline:\n  - {at: "02:45", kind: detection, event: Alert fired.}\n'
    (folder / "2024-03-31-gap.yaml").write_text(text)
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.code == 1
    assert outcome.stdout == (
        f"incidents/2024-03-31-gap.yaml:7:11: error: detected: {gap} does not exist in {name} "
        "(clocks went forward then, as daylight-saving time began: write a time after the "
        "change, or one with its UTC offset)\n"
        f"incidents/2024-03-31-gap.yaml:13:10: error: timeline[0].at: 02:45 on {gap[:10]} "
        f"does not exist in {name} (clocks went forward then, as daylight-saving time began: "
        "write a time after the change, or one with its UTC offset)\n"
    )


def test_a_repeated_local_time_is_the_first_unless_an_offset_is_given() -> None:
    tz = zone("Europe/Paris")
    first = localize(datetime(2024, 10, 27, 2, 30), tz)
    assert first.utcoffset() == timedelta(hours=2)
    second = localize(datetime.fromisoformat("2024-10-27T02:30:00+01:00"), tz)
    assert second - first == timedelta(hours=1)


def test_timeline_clock_times_across_the_change_are_elapsed() -> None:
    tz = zone("Europe/Paris")
    started = localize(datetime(2024, 10, 27, 1, 0), tz)
    moments = resolve_event_times(["01:30", "03:30"], started, tz)
    assert moments[1] - moments[0] == timedelta(hours=3)
