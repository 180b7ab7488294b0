"""Times of day and dates as people write them: `3:15 PM`, `23:20`, `March 4, 2025`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ... import times

TIME_OF_DAY = re.compile(r"(?<![\d:])(\d{1,2}:\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\b\.?)?")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = "january february march april may june july august september october november december"
MONTH_NUMBER = {name[:3]: number for number, name in enumerate(_MONTHS.split(), 1)}
_LOCAL_MONTHS = (
    "januar februar märz april mai juni juli august september oktober november dezember",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia",
)
MONTH_WORDS = {
    word: number for names in _LOCAL_MONTHS for number, word in enumerate(names.split(), 1)
}
"""Month names of other languages, as dates write them (`14. Februar 2023`, `3 марта`)."""
_WRITTEN_DAY = re.compile(
    r"\b(?:(?P<m1>[^\W\d_]{3,11})\.? (?P<d1>\d{1,2})(?:st|nd|rd|th)?,? (?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th|\.)?(?: de)? (?P<m2>[^\W\d_]{3,11}),?(?: de)? (?P<y2>\d{4}))\b"
)
_CJK_DAY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def month_number(word: str) -> int | None:
    """`March`, `Mar`, `märz`, `марта` → 3."""
    lowered = word.lower().rstrip(".")
    return MONTH_WORDS.get(lowered) or MONTH_NUMBER.get(lowered[:3]) if lowered else None


@dataclass(frozen=True)
class Found:
    """A time or date found in text, with where it stands."""

    start: int
    end: int
    value: str
    """`HH:MM` for a time, `YYYY-MM-DD` for a date."""


def clock_24h(clock: str, meridiem: str | None) -> str | None:
    """`3:15` + `PM` → `15:15`; None for an impossible time."""
    hours, minutes = (int(part) for part in clock.split(":"))
    if meridiem:
        if not 1 <= hours <= 12:
            return None
        is_pm = meridiem.lower().startswith("p")
        hours = hours % 12 + (12 if is_pm else 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def times_in(text: str) -> list[Found]:
    """Every time of day in `text`, as 24-hour HH:MM, in order."""
    found = []
    for match in TIME_OF_DAY.finditer(text):
        clock = clock_24h(match[1], match[2])
        if clock:
            found.append(Found(match.start(), match.end(), clock))
    return found


def days_in(text: str) -> list[Found]:
    """Every date written as 2024-08-12, August 12, 2024 or 12 August 2024, in order."""
    found: list[Found] = []
    for iso in _ISO_DAY.finditer(text):
        day = day_of(int(iso[1]), int(iso[2]), int(iso[3]))
        if day:
            found.append(Found(iso.start(), iso.end(), day.isoformat()))
    for cjk in _CJK_DAY.finditer(text):
        day = day_of(int(cjk[1]), int(cjk[2]), int(cjk[3]))
        if day:
            found.append(Found(cjk.start(), cjk.end(), day.isoformat()))
    for written in _WRITTEN_DAY.finditer(text):
        month = month_number(written["m1"] or written["m2"])
        number, year = written["d1"] or written["d2"], written["y1"] or written["y2"]
        day = day_of(int(year), month, int(number)) if month else None
        if day:
            found.append(Found(written.start(), written.end(), day.isoformat()))
    return sorted(found, key=lambda f: f.start)


def day_of(year: int, month: int, number: int) -> date | None:
    """The date, when it is one an incident file may hold (see `times.YEARS`), a year away
    from its ends so that no clock moves it outside."""
    if not times.YEARS.start < year < times.YEARS.stop - 1:
        return None
    try:
        return date(year, month, number)
    except ValueError:
        return None


def find_day(text: str) -> date | None:
    """The first date written as 2024-08-12, August 12, 2024 or 12 August 2024."""
    found = days_in(text)
    return date.fromisoformat(found[0].value) if found else None


_WRITTEN_MONTH = re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.? (?P<year>\d{4})\b")


def find_month(text: str) -> str | None:
    """The first month written as `November 2018` or `Oct 2021` (`YYYY-MM`), or None."""
    for match in _WRITTEN_MONTH.finditer(text):
        if not match["month"][0].isupper():
            continue  # "it may 2019" is no month
        word = match["month"].lower()
        number = MONTH_NUMBER.get(word[:3])
        if number and (word in _MONTHS.split() or word in (word[:3], "sept")):
            return f"{match['year']}-{number:02d}"
    return None
