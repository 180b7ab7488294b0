"""The time an entry of a timeline starts with, in the forms reviews write it.

14:02 · 2:54 PM PST · [08:47] · **14:02** · 0730 (in a time column) · 5 PM
2022-04-15 4:35 · 2022-04-15T04:35:00Z · Apr 15, 2022 14:02 · 15 April 14:02 UTC
2024-09-14T19:24:00+05:30 · 07:30 (-08:00)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .clock import MONTH_NUMBER, clock_24h, day_of
from .zones import ZONE_BODY, Clock, read_clock

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)"
_DATE = (
    rf"(?:{_WEEKDAY}?(?P<iso>\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}})"
    rf"|{_WEEKDAY}?(?P<dotted>\d{{1,2}}\.\d{{1,2}}\.\d{{4}})"
    rf"|{_WEEKDAY}?(?P<slashed>\d{{1,2}}/\d{{1,2}}/\d{{4}})"
    rf"|{_WEEKDAY}?(?P<month>{_MONTH})\.?\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|{_WEEKDAY}?(?P<mday2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH})\.?(?:,?\s+(?P<year2>\d{{4}}))?"
    r"|(?P<mmdd>(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?=\s+\d{1,2}:\d{2}))"
)
_TIME = (
    r"(?:(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"(?:\s*(?P<mer>(?:[AaPp]\.?[Mm]\b\.?)))?"
    r"|(?P<h12>\d{1,2})\s*(?P<mer2>(?:[AaPp]\.?[Mm]\b\.?))"
    r"|(?P<four>(?:[01]\d|2[0-3])[0-5]\d)(?:\s*(?:h|hrs|hours)\b)?)"
)
_OPEN = (
    r"(?P<open>\*\*|__|\[|`|\*|_)?\s*"
    r"(?:(?i:at|around|about|approx\.?|approximately|circa|ca\.?|~)\s*(?=\d))?"
)
_WHEN = re.compile(
    rf"^{_OPEN}\s*(?:{_DATE}(?:\s*(?:T|,|at|@|[-–—])?\s*)?)?{_TIME}?"
    rf"(?:\s*[-–—]\s*\d{{1,2}}:\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?)?"  # a range: its start
    rf"(?P<zone>Z\b|[+\-−]\d{{2}}:?\d{{2}}\b|\s*\(?(?<![\w/])(?:{ZONE_BODY})\)?)?"
)
_CLOSE = re.compile(r"^\s*(?:\*\*|__|\]|`|\*|_)")
_SEPARATOR = re.compile(r"^\s*(?:[:|\-–—=>,.]+|\bh\b)?\s*")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


@dataclass(frozen=True)
class When:
    """What an entry's start says of its moment."""

    day: date | None
    month_day: tuple[int, int] | None
    """A day without a year: (month, day)."""
    clock: str | None
    """`HH:MM`, 24-hour; None when only a date is written."""
    clock_written: Clock | None
    """The zone or offset written on the time (`PST`, `Z`, `+05:30`)."""
    rest: str
    """What follows: the event."""


def _date(
    match: re.Match[str], year_hint: int | None
) -> tuple[date | None, tuple[int, int] | None]:
    if match["iso"]:
        parts = [int(p) for p in re.split(r"[-/]", match["iso"])]
        return day_of(parts[0], parts[1], parts[2]), None
    if match["dotted"]:  # 15.04.2022: day first, as everywhere dots are written
        parts = [int(p) for p in match["dotted"].split(".")]
        return day_of(parts[2], parts[1], parts[0]), None
    if match["slashed"]:  # 04/15/2022 or 15/04/2022: only when the numbers tell
        first, second, full = (int(p) for p in match["slashed"].split("/"))
        if first > 12 >= second:
            return day_of(full, second, first), None
        if second > 12 >= first:
            return day_of(full, first, second), None
        return None, None
    if match["mmdd"]:  # `[03-05 14:20]`: month and day, the year from the document
        month, mday = (int(p) for p in match["mmdd"].split("-"))
        return (day_of(year_hint, month, mday), None) if year_hint else (None, (month, mday))
    month_name = match["month"] or match["month2"]
    if not month_name:
        return None, None
    month = MONTH_NUMBER[month_name[:3].lower()]
    mday = int(match["mday"] or match["mday2"])
    year = match["year"] or match["year2"]
    if year is None and year_hint is None:
        return None, (month, mday)
    return day_of(int(year) if year else year_hint or 1, month, mday), None


def read_when(
    text: str, *, year_hint: int | None = None, four_digit: bool = False, bare: bool = False
) -> When | None:
    """The moment `text` starts with, or None. `four_digit`: `0730` is a time (a table's time
    column); `bare`: the whole text is the time (a cell), nothing needs to follow it."""
    stripped = _BULLET.sub("", text.strip(), count=1) if not bare else text.strip()
    match = _WHEN.match(stripped)
    if match is None or not match.group(0).strip("*_[`( "):
        return None
    if match["four"] and not four_digit:
        return None
    day, month_day = _date(match, year_hint)
    has_date = day is not None or month_day is not None
    written_date = any(match[g] for g in ("iso", "dotted", "slashed", "month", "month2", "mmdd"))
    if written_date and not has_date:
        return None  # a date it cannot tell (05/04/2022, 2023-02-30): not placed on another
    clock: str | None = None
    if match["h"]:
        meridiem = match["mer"]
        if meridiem and 13 <= int(match["h"]) <= 23 and meridiem[:1] in "Pp":
            meridiem = None  # `14:30 pm`: a 24-hour clock with a stray "pm"
        clock = clock_24h(f"{match['h']}:{match['m']}", meridiem)
        if clock is None:
            return None
    elif match["h12"]:
        clock = clock_24h(f"{match['h12']}:00", match["mer2"])
        if clock is None:
            return None
    elif match["four"]:
        clock = f"{match['four'][:2]}:{match['four'][2:]}"
    if clock is None and not has_date:
        return None
    zone_text = (match["zone"] or "").strip().strip("()")
    written = read_clock(zone_text) if zone_text else None
    if zone_text and written is None:
        return None
    rest = stripped[match.end() :]
    if match["open"]:
        rest = _CLOSE.sub("", rest, count=1)
        if written is None:  # `**14:02 UTC**`: the zone inside the bold
            inside = re.match(rf"^\s*\(?({ZONE_BODY})\)?", rest)
            if inside and read_clock(inside[1]):
                written = read_clock(inside[1])
                rest = _CLOSE.sub("", rest[inside.end() :], count=1)
    if not bare and rest and rest[:1].isalnum() and not rest[:1].isspace():
        return None  # "14:02x", "2019abc": not a time followed by an event
    rest = _SEPARATOR.sub("", rest, count=1).strip()
    return When(day, month_day, clock, written, rest)
