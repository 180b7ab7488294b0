"""The `Duration:` line of a legacy review, in all the ways people write it.

    from 11:30 AM to 3:15 PM UTC on August 12, 2024
    from 11:20 PM UTC on March 3, 2025 to 1:05 AM UTC on March 4, 2025
    11:20 PM to 1:05 AM UTC, March 3, 2025          (over midnight: the end is the next day)
    2025-03-03 22:10 UTC – 2025-03-04 02:40 UTC
    March 3, 2025, 23:20–01:05 (UTC+01:00)

Each end takes the date written on its side of the "to"; a side without one takes the
other side's. An end earlier than the start on the same date is on the next day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .clock import Found, days_in, times_in

_SEPARATOR = re.compile(r"\s(?:to|until|till|through)\s|\s?[–—]\s?|\s-\s", re.IGNORECASE)
_OFFSET = re.compile(
    r"\b(?:UTC|GMT)\s?([-+−])\s?(\d{1,2})(?::?(\d{2}))?|(?<![\w:])([-+])(\d{2}):(\d{2})\b"
)
_UTC = re.compile(r"\b(?:UTC|GMT|Z)\b")


@dataclass(frozen=True)
class Span:
    """What a duration line says: full times when it gives a date, else only clock times."""

    start: str | None = None
    """`2025-03-03 23:20` (or with an offset), when the line gives a date."""
    end: str | None = None
    clock_start: str | None = None
    """`HH:MM` when the line gives a time but no date (the date comes from elsewhere)."""
    clock_end: str | None = None
    zone: str | None = None
    """`UTC` when the line says so."""


def read_duration(text: str) -> Span:
    offset = _offset(text)
    # An offset (+09:00) is not a time of day: blank it out, keeping positions.
    text = _OFFSET.sub(lambda m: " " * len(m[0]), text) if offset else text
    times = times_in(text)
    zone = "UTC" if not offset and _UTC.search(text) else None
    if not times:
        return Span(zone=zone)
    first, last = times[0], times[-1] if len(times) > 1 else None
    cut = _cut(text, first, last)
    days_before = days_in(text[:cut])
    days_after = [d for d in days_in(text) if d.start >= cut]
    start_day = _nearest(days_before, first) or _nearest(days_after, first)
    end_day = _nearest(days_after, last) if last else None
    end_day = end_day or start_day
    if start_day is None:
        return Span(clock_start=first.value, clock_end=last.value if last else None, zone=zone)
    start: str | None = f"{start_day} {first.value}"
    end: str | None = None
    if last is not None and end_day is not None:
        day = date.fromisoformat(end_day)
        if end_day == start_day and last.value < first.value:
            day += timedelta(days=1)  # over midnight
        end = f"{day.isoformat()} {last.value}"
    if offset:
        start, end = _with_offset(start, offset), _with_offset(end, offset)
    return Span(start=start, end=end, zone=zone)


def _cut(text: str, first: Found, last: Found | None) -> int:
    """Where the start's side of the line ends: at the last "to"/dash between the times."""
    if last is None:
        return len(text)
    between = list(_SEPARATOR.finditer(text, first.end, last.start))
    return between[-1].start() if between else last.start


def _nearest(days: list[Found], time: Found | None) -> str | None:
    if not days or time is None:
        return None
    return min(days, key=lambda d: min(abs(d.start - time.end), abs(time.start - d.end))).value


def _offset(text: str) -> str | None:
    match = _OFFSET.search(text)
    if match is None:
        return None
    if match[1]:
        sign = "-" if match[1] in "-−" else "+"
        return f"{sign}{int(match[2]):02d}:{match[3] or '00'}"
    return f"{match[4]}{match[5]}:{match[6]}"


def _with_offset(moment: str | None, offset: str) -> str | None:
    return None if moment is None else moment.replace(" ", "T") + f":00{offset}"


_LENGTH = re.compile(
    r"^[\s*_]*(?:(?P<days>\d+)\s*(?:d|days?)(?![a-z]),?\s*)?"
    r"(?:(?P<hours>\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)(?![a-z]),?\s*(?:and\s+)?)?"
    r"(?:(?P<minutes>\d+)\s*(?:m|mins?|minutes?)(?![a-z]))?",
    re.IGNORECASE,
)


def read_length(text: str) -> str:
    """`2 hours 15 minutes`, `3h20m`, `45 min` → minutes as text (`135`); '' when the line
    does not state an exact length (`about two hours`)."""
    match = _LENGTH.match(text.strip())
    if match is None or not any(match.group(k) for k in ("days", "hours", "minutes")):
        return ""
    hours = float(match["hours"] or 0)
    minutes = int(match["days"] or 0) * 1440 + round(hours * 60) + int(match["minutes"] or 0)
    return str(minutes) if minutes else ""
