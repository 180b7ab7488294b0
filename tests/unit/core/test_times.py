"""Time parsing (HH:MM, timestamps, zones, midnight) and computed durations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from postmortem_kb import times
from postmortem_kb.model import Incident
from postmortem_kb.validation.check import check_archive
from tests.harness import ROOT

BERLIN = times.zone("Europe/Berlin")


def incident(**fields: object) -> Incident:
    base: dict[str, object] = {
        "title": "t",
        "severity": "SEV1",
        "started": "2024-08-12 11:30",
        "services": ["payment-gateway"],
        "summary": "s",
    }
    return Incident.model_validate(base | fields)


def test_clock_times_are_parsed_as_hours_and_minutes() -> None:
    assert times.parse_clock("11:35") == datetime(2000, 1, 1, 11, 35).time()
    assert times.parse_clock("9:05") == datetime(2000, 1, 1, 9, 5).time()
    for bad in ("24:00", "11:60", "1135", "11.35", "11:35:00"):
        assert times.parse_clock(bad) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-08-12 11:30", datetime(2024, 8, 12, 11, 30)),
        ("2024-08-12T11:30:15", datetime(2024, 8, 12, 11, 30, 15)),
        ("2024-08-12T11:30:00Z", datetime(2024, 8, 12, 11, 30, tzinfo=UTC)),
        ("2024-08-12 13:30+02:00", datetime(2024, 8, 12, 11, 30, tzinfo=UTC)),
    ],
)
def test_full_timestamps(text: str, expected: datetime) -> None:
    assert times.parse_datetime(text) == expected


@pytest.mark.parametrize("bad", ["2024-08-12", "2024-02-30 10:00", "12/08/2024 11:30", "soon"])
def test_bad_timestamps_are_rejected_with_the_expected_form(bad: str) -> None:
    with pytest.raises(times.TimeFormatError, match=r"YYYY-MM-DD HH:MM|real date"):
        times.parse_datetime(bad)


def test_naive_times_take_the_incident_zone_and_aware_ones_keep_their_offset() -> None:
    berlin = incident(timezone="Europe/Berlin", detected="2024-08-12T09:40:00Z")
    assert berlin.started_at == datetime(2024, 8, 12, 9, 30, tzinfo=UTC)  # CEST is UTC+2
    assert berlin.time_to_detect == timedelta(minutes=10)


def test_unknown_zone_suggests_the_nearest() -> None:
    with pytest.raises(times.TimeFormatError) as caught:
        times.zone("Europe/Pariss")
    assert caught.value.hint == "did you mean 'Europe/Paris'?"


def test_timeline_hh_mm_is_on_the_day_of_started_in_the_incident_zone() -> None:
    started = datetime(2024, 8, 12, 11, 30, tzinfo=BERLIN)
    [at] = times.resolve_event_times(["11:35"], started, BERLIN)
    assert at == datetime(2024, 8, 12, 11, 35, tzinfo=BERLIN)


def test_timeline_rolls_past_midnight() -> None:
    started = datetime(2024, 6, 1, 23, 40, tzinfo=UTC)
    got = times.resolve_event_times(["23:50", "00:20", "01:05"], started, UTC)
    assert [t.strftime("%d %H:%M") for t in got] == ["01 23:50", "02 00:20", "02 01:05"]


def test_a_small_step_back_is_out_of_order_not_the_next_day() -> None:
    started = datetime(2024, 6, 1, 10, 0, tzinfo=UTC)
    got = times.resolve_event_times(["12:00", "11:50"], started, UTC)
    assert got[1] == datetime(2024, 6, 1, 11, 50, tzinfo=UTC)


def test_the_first_event_may_precede_started() -> None:
    started = datetime(2024, 6, 1, 10, 0, tzinfo=UTC)
    [deploy] = times.resolve_event_times(["09:55"], started, UTC)
    assert deploy == datetime(2024, 6, 1, 9, 55, tzinfo=UTC)


def test_multi_day_incidents_use_full_timestamps() -> None:
    started = datetime(2023, 3, 14, 22, 0, tzinfo=UTC)
    got = times.resolve_event_times(["22:10", "2023-03-16 09:00", "09:30"], started, UTC)
    assert [t.strftime("%d %H:%M") for t in got] == ["14 22:10", "16 09:00", "16 09:30"]


def test_seed_incident_durations() -> None:
    archive, problems = check_archive([ROOT / "incidents"])
    assert archive is not None, problems
    seed = archive.by_id["2024-08-12-payment-gateway-memory-leak"]
    assert seed.time_to_detect == timedelta(minutes=5)
    assert seed.time_to_mitigate == timedelta(hours=3, minutes=30)
    assert seed.time_to_resolve == timedelta(hours=3, minutes=45)
    assert times.format_duration(seed.time_to_resolve) == "3 h 45 min"
    events = seed.event_times()
    assert len(events) == 9
    assert (events[0].strftime("%H:%M"), events[-1].strftime("%H:%M")) == ("11:35", "15:15")


def test_missing_times_give_no_duration() -> None:
    draft = incident()
    assert draft.time_to_detect is None and draft.time_to_resolve is None
    assert times.format_duration(None) == "—"


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0 min"), (5, "5 min"), (225, "3 h 45 min"), (3000, "2 d 2 h")]
)
def test_format_duration(minutes: int, text: str) -> None:
    assert times.format_duration(timedelta(minutes=minutes)) == text
