"""How precisely an incident time is known: to the minute, the day, the month, the year, or
not at all.

Real reviews often say only "on March 3, 2025" or "in August 1628". Such a time is stored
as the first moment of its period (00:00 of the day, the 1st of the month), and its
precision says how to read it: pages write "2025-03-03 (date only)", durations and charts
that need a clock time leave it out instead of inventing 00:00. `unknown` says the source
records no such time: a review with no date at all (`started: unknown`), or no end
(`resolved: unknown`, not the same as a `resolved` left out while the incident goes on).
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import datetime, timedelta
from typing import Any, Literal

from . import times
from .errors import quote

Precision = Literal["minute", "day", "month", "year", "unknown"]
UNKNOWN = "unknown"
"""What `started` or `resolved` says when the source records no such time."""

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
PARTIAL_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
LABELS: dict[Precision, str] = {
    "minute": "",
    "day": "date only",
    "month": "month only",
    "year": "year only",
    "unknown": "unknown",
}


def precision_of(value: Any) -> Precision:
    """The precision an incident file's raw value states (`2024-08-12` → day)."""
    if not isinstance(value, str):
        return "minute"
    text = value.strip()
    if text == UNKNOWN:
        return "unknown"
    if times.DATE.match(text):
        return "day"
    if MONTH.match(text):
        return "month"
    if YEAR.match(text):
        return "year"
    return "minute"


def parse_moment(text: str) -> datetime:
    """A date and time, or a date, month or year alone (the first moment of that period)."""
    text = text.strip()
    precision = precision_of(text)
    if precision == "minute":
        return times.parse_datetime(text)
    if precision == "day":
        day = times.parse_date(text)
        return datetime(day.year, day.month, day.day)
    year, month = int(text[:4]), int(text[5:7]) if precision == "month" else 1
    if not 1 <= month <= 12:
        raise times.TimeFormatError(f"{quote(text)} is not a real month; write YYYY-MM")
    if year not in times.YEARS:
        raise times.TimeFormatError(
            f"{quote(text)} is outside the years {times.YEARS.start} to {times.YEARS.stop - 1}",
            "check the year",
        )
    return datetime(year, month, 1)


def parse_or_unknown(text: str) -> datetime | None:
    """Like `parse_moment`, with `unknown` (no such time recorded) read as None."""
    return None if text.strip() == UNKNOWN else parse_moment(text)


def period_end(moment: datetime, precision: Precision) -> datetime:
    """The last minute the period starting at `moment` covers (itself for a minute)."""
    if precision == "day":
        return moment + timedelta(days=1, minutes=-1)
    if precision == "month":
        days = monthrange(moment.year, moment.month)[1]
        return moment + timedelta(days=days, minutes=-1)
    if precision == "year":
        return moment.replace(month=12, day=31, hour=23, minute=59)
    return moment


def format_partial(moment: datetime, precision: Precision) -> str:
    """`2024-08-12 (date only)`, `2024-08 (month only)`, `1628 (year only)`."""
    shown = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}.get(precision, "%Y-%m-%d %H:%M")
    text = f"{moment.year:04d}" + moment.strftime(shown)[4:]
    return f"{text} ({LABELS[precision]})" if LABELS[precision] else text
