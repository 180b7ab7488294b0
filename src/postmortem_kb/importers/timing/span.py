"""When the incident started and ended: as the source states it, else read from its timeline.

Start: a stated start (front matter `start_time`, a dated `Duration:` line, `Impact time:`,
`Start of impact:`), else the timeline's first event of impact ("impact begins", "outage
starts"), else a `Duration:` clock on the incident's day; only then a date alone (the
timeline's, the source's `Date:`, its file name's). Lead-up events stay in the timeline
but are never the start. End: a stated end, `Duration: 2 h 15 min` after a known start,
the last resolution event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise

from ... import partial_dates, times
from ..common import Draft
from ..vocabulary import guess_event_kind
from .placement import Placed, Placement
from .when import When
from .zones import Clock

IMPACT_BEGINS = re.compile(
    r"\b(?:(?:outage|impact|incident|degradation|disruption|errors?)\s+(?:begins|began|starts|"
    r"started|beginning)|(?:start|beginning)\s+of\s+(?:the\s+)?(?:customer\s+)?(?:impact|outage|"
    r"incident))\b",
    re.IGNORECASE,
)

IMPACT_ENDS = re.compile(
    r"^[\s*_]*(?:(?:the\s+)?(?:outage|impact|incident|disruption|degradation)\s+(?:ends|ended|"
    r"is\s+over)|(?:service|services)\s+(?:(?:is|are|was|were)\s+)?(?:restored|recovered)|"
    r"end\s+of\s+(?:the\s+)?(?:customer\s+)?(?:impact|outage|incident))\b",
    re.IGNORECASE,
)
"""An event that marks the end (`**Outage ends**`, `Service restored`), written first."""


@dataclass
class Start:
    value: str
    """As `started` takes it: `YYYY-MM-DD HH:MM` in the incident's clock, a timestamp with
    its offset, a date, a month, or `unknown`."""
    review: str = ""
    moment: datetime | None = None
    """Aware, when known to the minute."""


def moment_of_when(when: When, base: date | None, zone: str | None) -> datetime | None:
    """The aware moment a stated `When` names, its own zone before the incident's."""
    day = when.day or base
    if day is None or when.clock is None:
        return None
    hour, minute = (int(p) for p in when.clock.split(":"))
    tz = _tz(when.clock_written, day, zone)
    return times.localize(datetime(day.year, day.month, day.day, hour, minute), tz)


def _tz(clock: Clock | None, day: date, zone: str | None) -> tzinfo:
    if clock is not None:
        return times.zone(clock.zone_on([day])[0])
    return times.zone(zone or "UTC")


def _zone(zone: str | None) -> tzinfo:
    return times.zone(zone or "UTC")


def local_text(moment: datetime, zone: str | None) -> str:
    return moment.astimezone(times.zone(zone or "UTC")).strftime("%Y-%m-%d %H:%M")


def stated_start(draft: Draft, placement: Placement, base: date | None) -> Start | None:
    """The start the source states or its timeline marks, to the minute; None otherwise."""
    zone = placement.zone
    if draft.start and partial_dates.precision_of(draft.start) == "minute":
        return Start(draft.start, draft.start_note)
    if draft.impact_start is not None:
        moment = moment_of_when(draft.impact_start, base, zone)
        if moment is not None:
            return Start(local_text(moment, zone), "", moment)
    for placed in placement.events:
        if IMPACT_BEGINS.search(placed.event.text) and not placed.event.lead_up:
            moment = placed.moment
            return Start(local_text(moment, zone), "the timeline's first event of impact", moment)
    if draft.started and base is not None and not draft.start:
        hour, minute = (int(p) for p in draft.started.split(":"))
        wall = datetime(base.year, base.month, base.day, hour, minute)
        moment = times.localize(wall, times.zone(zone or "UTC"))
        return Start(local_text(moment, zone), "", moment)
    first = _first_of_impact(placement)
    stated_day = draft.day
    if stated_day is None and draft.start and partial_dates.precision_of(draft.start) == "day":
        stated_day = date.fromisoformat(draft.start[:10])
    if first is not None and draft.start and stated_day is None:
        return None  # a month or a year: the timeline does not say which of its days
    if first is not None and stated_day in (None, first.moment.astimezone(_zone(zone)).date()):
        review = "the timeline's first event: check when impact began"
        return Start(local_text(first.moment, zone), review, first.moment)
    return None


def _first_of_impact(placement: Placement) -> Placed | None:
    """The first event that is no lead-up: not under a "Lead-up" heading, and not a day or
    more before the event after it (a change merged last week)."""
    events = [p for p in placement.events if not p.event.lead_up]
    for placed, following in pairwise(events):
        if following.moment - placed.moment <= timedelta(days=1):
            return placed
    return events[0] if events else None


def base_day(draft: Draft) -> date | None:
    """The day a timeline's bare `HH:MM` times stand on: stated first, then the timeline's."""
    if draft.impact_start is not None and draft.impact_start.day is not None:
        return draft.impact_start.day
    if draft.start and partial_dates.precision_of(draft.start) in ("minute", "day"):
        return date.fromisoformat(draft.start[:10])
    if draft.day is not None:
        return draft.day
    first = next((e.day - timedelta(days=e.shift) for e in draft.timeline if e.day), None)
    if first is not None:
        return first
    return draft.file_day


def lead_up_kind(kind: str) -> str:
    """A lead-up event is no detection: nothing was noticed before impact began."""
    return "note" if kind == "detection" else kind


def ends(
    draft: Draft, placement: Placement, start: datetime | None, base: date | None
) -> dict[str, tuple[datetime | str | None, str]]:
    """detected, mitigated and resolved: stated ends first, then the timeline's words."""
    zone = placement.zone
    pairs = [
        (p.moment, guess_event_kind(p.event.text))
        for p in placement.events
        if start is None or p.moment >= start
    ]
    found: dict[str, tuple[datetime | str | None, str]] = {
        "detected": (next((m for m, k in pairs if k == "detection"), None), "from the timeline"),
        "mitigated": (
            next((m for m, k in reversed(pairs) if k == "mitigation"), None),
            "from the timeline",
        ),
        "resolved": (
            next((m for m, k in reversed(pairs) if k == "resolution"), None),
            "the timeline's last resolution event",
        ),
    }
    if found["resolved"][0] is None:
        marked = [
            p.moment
            for p in placement.events
            if IMPACT_ENDS.match(p.event.text) and (start is None or p.moment >= start)
        ]
        if marked:
            found["resolved"] = (marked[-1], "the timeline's event that marks the end of impact")
    if draft.end:
        found["resolved"] = (draft.end, "")
    elif draft.impact_end is not None and (moment := moment_of_when(draft.impact_end, base, zone)):
        if start is not None and moment < start and draft.impact_end.day is None:
            moment += timedelta(days=1)  # an end past midnight
        found["resolved"] = (moment, "")
    elif draft.resolved and start is not None:
        found["resolved"] = (_clock_after(draft.resolved, start, zone), "")
    elif draft.length and start is not None:
        found["resolved"] = (start + timedelta(minutes=int(draft.length)), "")
    return found


def _clock_after(clock: str, start: datetime, zone: str | None) -> datetime:
    """`HH:MM` on the start's day, or the next day when it is earlier (over midnight)."""
    tz = times.zone(zone or "UTC")
    moment = times.resolve_event_times([clock], start.astimezone(tz), tz)[0]
    return moment + timedelta(days=1) if moment < start else moment
