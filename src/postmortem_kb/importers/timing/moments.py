"""The incident's moments as the schema takes them: `timezone`, `started`, `detected`,
`mitigated`, `resolved`, and each timeline event's `at`, from a read source.

Stated values come first and are written as stated; what is read from the timeline carries
a review note; events more than 7 days from the incident stay in the narrative as text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ... import partial_dates, times
from ...validation.rules.fields import TIMELINE_SLACK
from ..common import Draft
from ..vocabulary import guess_event_kind
from .clock import find_day, find_month
from .placement import Placed, Placement, at_values, incident_clock, place_events
from .span import Start, base_day, ends, lead_up_kind, stated_start
from .timeline import Event

OFFSET = re.compile(r"\d(Z|[+-]\d{2}:?\d{2})$")
Add = Callable[[str, Any, str], None]
"""Adds a field in schema order: (name, value, review note)."""


def fallback_start(draft: Draft) -> tuple[str, str]:
    """`started` when no time of it is known: a date (stated, the timeline's, the file
    name's), a month, or unknown."""
    if draft.start:
        return draft.start, draft.start_note
    events = [e for e in draft.timeline if e.day is not None]
    first = next((e for e in events if not e.lead_up), events[0] if events else None)
    note = f"; its first timeline event is at {first.day} {first.clock}" if first else ""
    stated = draft.impact_start.day if draft.impact_start else None
    if stated or draft.day:
        day = stated or draft.day
        return f"{day}", f"the source states no start time{note}"
    if first is not None and first.day is not None:
        return f"{first.day}", f"the source states no start time{note}"
    if draft.file_day is not None:
        return draft.file_day.isoformat(), "the date is the one in the source's file name"
    story = " ".join((draft.summary, draft.impact, draft.narrative, draft.duration))
    day = find_day(story)
    if day is not None:
        return f"{day}", "the date is the first one in the source's summary or story"
    month = find_month(story)
    if month:
        return month, "the month is the first one the source's summary or story names"
    return partial_dates.UNKNOWN, "the source gives no date; write it here if you know it"


def _as_list(events: list[Event]) -> str:
    return "\n".join(f"- {e.clock}: {e.text}" for e in events)


def zone_of_offset(started: str) -> str | None:
    """`UTC-07:00` for a start at -07:00 (`UTC` at Z): the source states its clock, not its
    place, so its bare timeline times are read, and shown, in that clock."""
    if not OFFSET.search(started) or partial_dates.precision_of(started) != "minute":
        return None
    offset = partial_dates.parse_moment(started).utcoffset()
    if not offset:
        return "UTC"
    sign, size = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    hours, seconds = divmod(int(size.total_seconds()), 3600)
    return times.offset_name(sign, hours, seconds // 60)


def in_own_clock(stated: str, zone_name: str | None) -> str:
    """A source's timestamp in the incident's clock (`2024-09-14 19:10`) when the clock is
    UTC or a fixed offset and the timestamp's offset is that one; else as the source wrote it
    (a place's offset changes over the year: the stated one is kept)."""
    if zone_name is None or not (zone_name == "UTC" or times.OFFSET_ZONE.match(zone_name)):
        return stated
    if not OFFSET.search(stated) or partial_dates.precision_of(stated) != "minute":
        return stated
    moment = partial_dates.parse_moment(stated)
    if moment.utcoffset() != times.zone(zone_name).utcoffset(None):
        return stated
    return moment.strftime("%Y-%m-%d %H:%M" + (":%S" if moment.second else ""))


@dataclass
class Times:
    started: str
    events: list[dict[str, str]]
    zone: str | None
    why: str
    placed: int = 0
    left_out: int = 0


def write_moments(draft: Draft, add: Add, unknown: list[str]) -> Times:
    """timezone, started, detected, mitigated, resolved and the timeline's events."""
    base = base_day(draft)
    if base is None:
        fallback, _ = fallback_start(draft)
        if partial_dates.precision_of(fallback) == "day":
            base = datetime.strptime(fallback, "%Y-%m-%d").date()
    days = sorted({e.day for e in draft.timeline if e.day} | ({base} if base else set()))
    zone, why = incident_clock(draft, days)
    placement = place_events(draft, base, zone)
    start = stated_start(draft, placement, base)
    if start is None:
        value, review = fallback_start(draft)
        start = Start(value, review)
    if zone is None and zone_of_offset(start.value):
        zone, why = zone_of_offset(start.value), "the source writes its start at that offset"
        placement = place_events(draft, base, zone)
    if start.value == partial_dates.UNKNOWN:
        unknown.append(
            "started: no date the importer could read (see what was not understood)"
            if draft.not_understood
            else "started: the source gives no date"
        )
    if placement.unplaced:
        draft.kept.insert(0, ("Timeline (the source gives no date)", _as_list(placement.unplaced)))
        unknown.append("timeline: the source's times have no date; kept as text in the narrative")
    tz = times.zone(zone or "UTC")
    started = in_own_clock(start.value, zone)
    anchor = None
    if partial_dates.precision_of(started) in ("minute", "day"):
        anchor = times.localize(partial_dates.parse_moment(started), tz)
    exact = anchor if partial_dates.precision_of(started) == "minute" else None
    found = ends(draft, placement, exact, base)
    stated_times = bool(placement.events) or partial_dates.precision_of(started) == "minute"
    if zone is None and stated_times and not OFFSET.search(started):
        said = f"says '{draft.clock_note}'" if draft.clock_note else "states none"
        unknown.append(f"timezone: the source {said}; its times are kept as written, in "
                       f"'{times.LOCAL_TIME}', never shown as UTC")  # fmt: skip
        zone, why = times.LOCAL_TIME, f"the source {said}"
    derived = draft.clock is not None and zone not in (None, "UTC", draft.clock.written)
    add("timezone", zone, f"read from '{draft.clock.written}'" if derived and draft.clock else "")
    add("started", started, start.review)
    last = _add_ends(add, found, anchor, zone, bool(OFFSET.search(start.value)), unknown)
    kept, away = _in_window(placement, anchor, last)
    if away:
        draft.kept.append(
            (f"Timeline (more than {TIMELINE_SLACK.days} days from the incident)", _as_list(away))
        )
    events = []
    for placed, at in zip(kept, at_values(kept, anchor, tz), strict=True):
        kind = guess_event_kind(placed.event.text)
        if anchor is not None and placed.moment < anchor:
            kind = lead_up_kind(kind)
        events.append({"at": at, "kind": kind, "event": placed.event.text})
    return Times(started, events, zone, why, len(events), len(away) + len(placement.unplaced))


def _in_window(
    placement: Placement, start: datetime | None, end: datetime | None
) -> tuple[list[Placed], list[Event]]:
    """Events within the validator's window around the incident, and those away from it."""
    slack = TIMELINE_SLACK
    kept, away = [], []
    for placed in placement.events:
        early = start is not None and placed.moment < start - slack
        late = (end or start) is not None and placed.moment > (end or start) + slack  # type: ignore[operator]
        if early or late:
            away.append(placed.event)
        else:
            kept.append(placed)
    return kept, away


def _add_ends(
    add: Add,
    found: dict[str, tuple[datetime | str | None, str]],
    start: datetime | None,
    zone: str | None,
    offset_start: bool,
    unknown: list[str],
) -> datetime | None:
    """Write detected, mitigated and resolved, each after the one before; the last moment."""
    previous = start
    for name, (value, review) in found.items():
        moment = None if isinstance(value, str) else value
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                parsed = times.localize(
                    partial_dates.parse_moment(value), times.zone(zone or "UTC")
                )
                latest = partial_dates.period_end(parsed, partial_dates.precision_of(value))
                if previous is None or latest >= previous:
                    add(name, in_own_clock(value, zone), review)
                    previous = parsed
                    continue
            unknown.append(f"{name}: the source says {value}, before the incident's start")
        if moment is None or (previous is not None and moment < previous):
            if name == "resolved":
                add("resolved", partial_dates.UNKNOWN, "")
                unknown.append("resolved: the source records no end")
            continue
        add(name, _written(moment, zone or "UTC", offset_start), review)
        previous = moment
    return previous


def _written(moment: datetime, zone_name: str, offset_start: bool) -> str:
    """In the named zone when there is one; else with the source's own offset."""
    if offset_start and zone_name == "UTC" and moment.utcoffset():
        return moment.isoformat(timespec="minutes")
    return moment.astimezone(times.zone(zone_name)).strftime("%Y-%m-%d %H:%M")
