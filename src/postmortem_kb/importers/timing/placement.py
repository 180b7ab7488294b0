"""A read timeline placed on the calendar, in the clock its source states.

The incident's clock is the one the source states (`All times in PST`, a heading's note,
the zone on its times), never assumed: an abbreviation becomes its place's zone only when
the place keeps that offset on the incident's days, else the offset as written. Each event
keeps the wall time its source wrote, in the clock written on it (or the incident's): a
time in another zone is written with its own offset, so nothing moves. An event's `at` is
`HH:MM` when the schema's reading of it (the day of the event before, the next day past a
12-hour step back) gives the same moment, else its full date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from ... import times
from ..common import Draft
from .timeline import Event
from .zones import Clock


@dataclass
class Placed:
    event: Event
    moment: datetime
    """Aware, in the clock its source wrote it in."""
    own_zone: bool
    """Written in the incident's clock (else in its own, with its offset)."""


@dataclass
class Placement:
    zone: str | None
    """The incident's `timezone`, or None when the source states no clock."""
    why: str
    events: list[Placed] = field(default_factory=list)
    unplaced: list[Event] = field(default_factory=list)
    """Events with no day to stand on."""
    reordered: bool = False


def incident_clock(draft: Draft, days: list[date]) -> tuple[str | None, str]:
    """(`timezone`, why) from what the source states; (None, why not) when it states none."""
    if draft.clock is not None:
        zone, why = draft.clock.zone_on(days)
        said = " ".join(draft.clock_said.split())
        return zone, f"{why}" + (
            f" ('{said[:60]}')" if said and said != draft.clock.written else ""
        )
    if draft.timezone:
        return draft.timezone, f"the source states '{draft.timezone}'"
    written = Counter(e.written for e in draft.timeline if e.written is not None)
    if written:
        clock, _ = written.most_common(1)[0]
        zone, why = clock.zone_on(days)
        return zone, f"{why}, on its times"
    return None, "the source states no clock"


def _zone_of(clock: Clock, day: date) -> str:
    return clock.zone_on([day])[0]


def place_events(draft: Draft, base: date | None, zone: str | None) -> Placement:
    """Each event's moment; `base` is the day a timeline of bare times starts on."""
    placement = Placement(zone, "")
    tz = times.zone(zone or "UTC")
    previous: datetime | None = None
    extra = 0
    for event in draft.timeline:
        day = event.day
        if day is None:
            if base is None:
                placement.unplaced.append(event)
                continue
            day = base + timedelta(days=event.shift + extra)
        own = event.written is None or _zone_of(event.written, day) == (zone or "UTC")
        event_tz: tzinfo = tz if own else times.zone(_zone_of(event.written, day))  # type: ignore[arg-type]
        hour, minute = (int(p) for p in event.clock.split(":"))
        wall = datetime(day.year, day.month, day.day, hour, minute)
        moment = times.localize(wall, event_tz)
        if event.day is None and previous is not None and previous - moment > times.ROLL_OVER:
            extra += 1  # a bare time 12 hours before the one above: the next day
            moment = times.localize(wall + timedelta(days=1), event_tz)
        placement.events.append(Placed(event, moment, own))
        previous = moment
    ordered = sorted(placement.events, key=lambda p: p.moment)
    placement.reordered = ordered != placement.events
    placement.events = ordered
    return placement


def at_values(placed: list[Placed], anchor: datetime | None, tz: tzinfo) -> list[str]:
    """The shortest `at` for each event that the schema reads back as the same moment."""
    values: list[str] = []
    previous: datetime | None = None
    for item in placed:
        local = item.moment.astimezone(tz)
        if not item.own_zone:
            values.append(item.moment.isoformat(timespec="seconds"))
        else:
            start = previous or anchor
            bare = _bare_reading(local, start, previous, tz)
            same = bare is not None and bare == item.moment
            values.append(local.strftime("%H:%M") if same else local.strftime("%Y-%m-%d %H:%M"))
        previous = item.moment
    return values


def _bare_reading(
    local: datetime, start: datetime | None, previous: datetime | None, tz: tzinfo
) -> datetime | None:
    """What the schema makes of `HH:MM` after `previous` (see times.resolve_event_times)."""
    if start is None:
        return None
    day = start.astimezone(tz).date()
    wall = datetime.combine(day, local.time().replace(tzinfo=None))
    moment = times.localize(wall, tz)
    if previous is not None and previous - moment > times.ROLL_OVER:
        moment = times.localize(wall + timedelta(days=1), tz)
    return moment
