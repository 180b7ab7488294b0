"""Times as incident files write them: parsed on purpose, never guessed.

- Incident times (`started`, `detected`, …) are `YYYY-MM-DD HH:MM` in the incident's
  `timezone`, or a full ISO 8601 timestamp with an offset (`2024-08-12T11:30:00+02:00`).
- Timeline `at` is `HH:MM` or a full timestamp. `HH:MM` is placed on the day of the
  previous event (the first on the day of `started`, which must then name its day: when
  `started` is only a month, a year or unknown, the first event carries its date); when
  it is more than 12 hours earlier than the previous event, it is taken as the next day,
  so an incident that crosses midnight reads naturally. Later days of a long incident use
  full timestamps.
- Durations are elapsed time: every time is placed on the UTC line before any arithmetic
  (`localize` gives each a fixed offset), so 01:30 → 03:30 on the night clocks go back
  is 3 hours. A local time that does not exist (inside the hour skipped when clocks go
  forward) is an error; a local time that happens twice (the hour repeated when clocks go
  back) is the first of the two, unless the time is written with its UTC offset
  (`2024-10-27T02:30:00+01:00` is the second).
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache

from .errors import quote

CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CLOCK_WITH_SECONDS = re.compile(r"^\d{1,2}:\d{2}:\d{2}$")
ROLL_OVER = timedelta(hours=12)
YEARS = range(1000, 3000)
"""Years an incident time or due date may name: arithmetic on the years 1 or 9999 (a week
of slack around an incident, the next day of a timeline) would overflow. Collections of
public reviews reach back before 1970 (a 1628 shipwreck, Apollo 11)."""


class TimeFormatError(ValueError):
    """A time or date that does not follow the documented forms."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-/]*$")
"""The shape of every IANA time zone name (Europe/Paris, Etc/GMT+7, America/Port-au-Prince)."""
OFFSET_ZONE = re.compile(r"^(?:UTC)?([+-])(\d{2}):(\d{2})$")
"""A fixed UTC offset as `timezone`: `UTC+05:30`, `UTC-07:00` (or `+05:30`, `-07:00`)."""
LOOSE_OFFSET = re.compile(r"^(UTC|GMT)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
"""What people write for an offset and this file does not take (`UTC+5:30`, `GMT-7`, `+0530`)."""
OFFSET_RANGE = (timedelta(hours=-12), timedelta(hours=14))
LOCAL_TIME = "local time"
"""`timezone: local time`: the source wrote its clock times but never said in which zone
(imported reviews). Times stay as written and are shown as "local time", never as UTC;
durations are right, the moment on the UTC line is not known."""
"""The offsets clocks on Earth have kept, UTC-12:00 to UTC+14:00."""


@cache
def zone(name: str) -> tzinfo:
    """The IANA time zone `name`, or the fixed offset `UTC+05:30` (a `datetime.timezone`:
    a source that states its offset but not its place); TimeFormatError for anything else."""
    if name == LOCAL_TIME:
        return timezone(timedelta(0), LOCAL_TIME)
    fixed = OFFSET_ZONE.match(name)
    if fixed:
        return _fixed_offset(name, fixed[1], int(fixed[2]), int(fixed[3]))
    if name in zone_names():
        return zoneinfo.ZoneInfo(name)
    loose = LOOSE_OFFSET.match(name.strip())
    if loose:
        sign, hours, minutes = "-" if loose[2] != "+" else "+", int(loose[3]), int(loose[4] or 0)
        ahead = "ahead of" if sign == "+" else "behind"
        size = format_duration(timedelta(hours=hours, minutes=minutes))
        raise TimeFormatError(
            f"{quote(name)} is not a UTC offset in the form UTC+HH:MM",
            f"write '{offset_name(sign, hours, minutes)}' for clocks {size} {ahead} UTC: "
            "two-digit hours and minutes",
        )
    by_case = {known.lower(): known for known in zone_names()}
    close = [by_case[name.lower()]] if name.lower() in by_case else []
    if not close and not (name.isalpha() and name.isupper()):
        # An abbreviation (CEST, PST) names no place and nearby letters name the wrong
        # one (CEST is not EST): no guess for those.
        close = difflib.get_close_matches(name, sorted(zone_names()), n=1)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else "use an IANA name such as Europe/Paris or America/New_York, not an abbreviation"
    )
    raise TimeFormatError(f"unknown time zone {quote(name)}", hint)


def offset_name(sign: str, hours: int, minutes: int) -> str:
    """`UTC+05:30`: how a fixed offset is written as an incident's `timezone`."""
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _fixed_offset(name: str, sign: str, hours: int, minutes: int) -> timezone:
    offset = timedelta(hours=hours, minutes=minutes) * (-1 if sign == "-" else 1)
    if minutes > 59 or not OFFSET_RANGE[0] <= offset <= OFFSET_RANGE[1]:
        raise TimeFormatError(
            f"{quote(name)} is not a UTC offset clocks keep",
            "offsets run from UTC-12:00 to UTC+14:00, minutes from 00 to 59",
        )
    return timezone(offset)


def check_zone(name: str) -> str:
    """`name` if it is a known zone or offset; an offset in its full form (`+05:30` →
    `UTC+05:30`), so pages label its times the same way whichever form the file used."""
    zone(name)
    fixed = OFFSET_ZONE.match(name)
    return offset_name(fixed[1], int(fixed[2]), int(fixed[3])) if fixed else name


@cache
def zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def parse_datetime(text: str) -> datetime:
    """`YYYY-MM-DD HH:MM[:SS]` (naive, local to the incident) or ISO 8601 with offset."""
    text = text.strip()
    if not DATETIME.match(text):
        raise TimeFormatError(
            f"{quote(text)} is not a date and time; write 'YYYY-MM-DD HH:MM' "
            "or a full timestamp such as '2024-08-12T11:30:00Z'"
        )
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise TimeFormatError(f"{quote(text)} is not a real date and time ({exc})") from exc
    _check_year(text, moment.year)
    return moment


def parse_date(text: str) -> date:
    """`YYYY-MM-DD` only (Python would also take `20240915` and `2024-W37-7`)."""
    text = text.strip()
    if not DATE.match(text):
        raise TimeFormatError(f"{quote(text)} is not a date; write YYYY-MM-DD")
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise TimeFormatError(f"{quote(text)} is not a real date ({exc})") from exc
    _check_year(text, day.year)
    return day


def _check_year(text: str, year: int) -> None:
    if year not in YEARS:
        raise TimeFormatError(
            f"{quote(text)} is outside the years {YEARS.start} to {YEARS.stop - 1}",
            "check the year",
        )


def parse_clock(text: str) -> time | None:
    """`HH:MM` → time; None when `text` is not a clock time."""
    match = CLOCK.match(text.strip())
    return time(int(match[1]), int(match[2])) if match else None


def check_event_time(text: str) -> str:
    """Accept `HH:MM` or a full date and time; raise TimeFormatError otherwise."""
    if parse_clock(text) is None:
        if not DATETIME.match(text.strip()):
            seconds = CLOCK_WITH_SECONDS.match(text.strip())
            raise TimeFormatError(
                f"{quote(text)} is not a time; write 'HH:MM' (24-hour, quoted or not) "
                "or 'YYYY-MM-DD HH:MM' for another day",
                "seconds need the date too: 'YYYY-MM-DD HH:MM:SS'" if seconds else "",
            )
        parse_datetime(text)
    return text.strip()


def localize(value: datetime, tz: tzinfo) -> datetime:
    """A naive local time in `tz` (the first of two, when clocks go back) or an aware time,
    as an aware time with a fixed UTC offset: arithmetic on it is elapsed time.

    (Python subtracts two times that share one zone object by their wall clocks, an hour
    off across a change of daylight-saving time.)"""
    aware = value.replace(tzinfo=tz, fold=0) if value.tzinfo is None else value
    offset = aware.utcoffset()
    return aware if offset is None else aware.astimezone(timezone(offset))


def exists_in_zone(value: datetime, tz: tzinfo) -> bool:
    """False for a naive local time that clocks in `tz` skipped (02:30 when 02:00 became
    03:00); True for every other time, aware ones included."""
    if value.tzinfo is not None:
        return True
    there = value.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
    return there.replace(tzinfo=None) == value


def _event_times(
    ats: list[str], started: datetime | None, tz: tzinfo
) -> Iterator[tuple[datetime, datetime]]:
    """(the aware time, the local wall time as written) of each timeline `at`.

    `started` is None when it names no day: the first `at` must then carry its date."""
    previous: datetime | None = None
    for at in ats:
        clock = parse_clock(at)
        if clock is None:
            wall = parse_datetime(at)
        else:
            anchor = previous or started
            if anchor is None:
                raise TimeFormatError(f"{quote(at)} has no date, and no day comes before it")
            day = anchor.astimezone(tz).date()
            wall = datetime.combine(day, clock)
            if previous is not None and previous - localize(wall, tz) > ROLL_OVER:
                wall = datetime.combine(day + timedelta(days=1), clock)
        moment = localize(wall, tz)
        yield moment, wall
        previous = moment


def resolve_event_times(ats: list[str], started: datetime | None, tz: tzinfo) -> list[datetime]:
    """Turn timeline `at` values into aware datetimes (see the module docstring)."""
    return [moment for moment, _ in _event_times(ats, started, tz)]


def skipped_event_times(ats: list[str], started: datetime | None, tz: tzinfo) -> list[int]:
    """The indexes of timeline `at` values that name a local time `tz` skipped."""
    walls = (wall for _, wall in _event_times(ats, started, tz))
    return [index for index, wall in enumerate(walls) if not exists_in_zone(wall, tz)]


def format_duration(delta: timedelta | None) -> str:
    """`3 h 45 min`, `5 min`, `2 d 4 h`; '—' when unknown."""
    if delta is None:
        return "—"
    minutes = int(delta.total_seconds() // 60)
    sign, minutes = ("-", -minutes) if minutes < 0 else ("", minutes)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [
        f"{days} d" if days else "",
        f"{hours} h" if hours else "",
        f"{mins} min" if mins else "",
    ]
    if days:
        parts[2] = ""
    return sign + (" ".join(p for p in parts if p) or "0 min")
