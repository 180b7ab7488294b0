"""Clocks as reviews state them: `All times in PST`, `(times are CET)`, `US/Pacific`,
`-08:00`, `UTC+2`, `2:54 PM PDT`.

An abbreviation names an offset and, loosely, a place: PST is UTC-08:00 and the clock of
America/Los_Angeles in winter. It becomes the place's zone only when the place keeps that
offset on the incident's days; otherwise (`PST` in July) the fixed offset as written, so no
time moves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ... import times

# Abbreviation → (the place whose clock it names, the offset in minutes; None: either).
ABBREVIATIONS: dict[str, tuple[str, int | None]] = {
    "UTC": ("UTC", 0),
    "GMT": ("UTC", 0),
    "Z": ("UTC", 0),
    "PST": ("America/Los_Angeles", -480),
    "PDT": ("America/Los_Angeles", -420),
    "PT": ("America/Los_Angeles", None),
    "MST": ("America/Denver", -420),
    "MDT": ("America/Denver", -360),
    "MT": ("America/Denver", None),
    "CST": ("America/Chicago", -360),
    "CDT": ("America/Chicago", -300),
    "CT": ("America/Chicago", None),
    "EST": ("America/New_York", -300),
    "EDT": ("America/New_York", -240),
    "ET": ("America/New_York", None),
    "AKST": ("America/Anchorage", -540),
    "AKDT": ("America/Anchorage", -480),
    "HST": ("Pacific/Honolulu", -600),
    "BRT": ("America/Sao_Paulo", -180),
    "WET": ("Europe/Lisbon", 0),
    "WEST": ("Europe/Lisbon", 60),
    "BST": ("Europe/London", 60),
    "CET": ("Europe/Berlin", 60),
    "CEST": ("Europe/Berlin", 120),
    "MEZ": ("Europe/Berlin", 60),
    "MESZ": ("Europe/Berlin", 120),
    "EET": ("Europe/Helsinki", 120),
    "EEST": ("Europe/Helsinki", 180),
    "MSK": ("Europe/Moscow", 180),
    "IST": ("Asia/Kolkata", 330),
    "SGT": ("Asia/Singapore", 480),
    "HKT": ("Asia/Hong_Kong", 480),
    "JST": ("Asia/Tokyo", 540),
    "KST": ("Asia/Seoul", 540),
    "AWST": ("Australia/Perth", 480),
    "AEST": ("Australia/Sydney", 600),
    "AEDT": ("Australia/Sydney", 660),
    "NZST": ("Pacific/Auckland", 720),
    "NZDT": ("Pacific/Auckland", 780),
}
# Zone names in words → an abbreviation above.
_WORDS = {
    "pacific": "PT",
    "pacific time": "PT",
    "pacific standard time": "PST",
    "pacific daylight time": "PDT",
    "mountain time": "MT",
    "central time": "CT",
    "eastern": "ET",
    "eastern time": "ET",
    "eastern standard time": "EST",
    "eastern daylight time": "EDT",
    "central european time": "CET",
    "central european summer time": "CEST",
    "british summer time": "BST",
    "japan standard time": "JST",
    "india standard time": "IST",
    "coordinated universal time": "UTC",
    "greenwich mean time": "GMT",
}
_LINKS = {
    "US/Pacific": "America/Los_Angeles",
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
}
_ABBREVIATION = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
OFFSET = r"(?:(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?|[+\-−]\d{2}:?\d{2})"
ZONE_BODY = (
    rf"{OFFSET}|[A-Z][A-Za-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?"
    rf"|(?:{_ABBREVIATION})(?![\w])|(?i:{_WORD})(?![\w])"
)
"""A zone as written (no group): an offset, an IANA name, an abbreviation, words."""
_ZONE = rf"(?<![\w/])(?P<zone>{ZONE_BODY})"
ZONE = re.compile(_ZONE)
"""A zone as written: an offset, an IANA name, an abbreviation or its name in words."""
_STATEMENT = re.compile(
    r"(?i:\b(?:all\s+)?(?:times?|timestamps?|clocks?|hours)\b[^.\n]{0,30}?\b(?:in|are|is|as)\b"
    r"|\ball\s+(?:times?\s+)?(?:in\s+)?|(?<![\d\s])\s*\btimes?\s+|\btimezone:?|\btime\s+zone:?"
    r"|\balle\s+(?:zeiten|uhrzeiten|zeitangaben)\s+(?:in\s+)?|\bzeitzone:?|\bhoras?\s+(?:(?:en|em|de)\s+)?"
    r"|\bheures?\s+(?:en\s+)?|(?<!\w)(?:час|время|zeit|horário|czas)\s*:\s*|\bвремя\s+(?:указано\s+)?(?:по\s+)?|\bчасовой\s+пояс:?"
    r"|時間は|时间为|時刻は|时区:?|タイムゾーン:?)\s*\(?" + _ZONE
)


@dataclass(frozen=True)
class Clock:
    """A zone a source states: as written, and what `timezone` it gives."""

    written: str
    place: str | None = None
    """An IANA zone (the place, or UTC) when the words name one."""
    offset: timedelta | None = None
    """The offset the words name, when they name one (PST: -08:00; PT: none)."""

    def zone_on(self, days: list[date]) -> tuple[str, str]:
        """(`timezone` value, why) for the incident's days."""
        if self.place and self.offset is None:
            return self.place, f"the source states '{self.written}'"
        if self.place and self.offset is not None:
            keeps = [d for d in days if _offset_at(self.place, d) != self.offset]
            if not keeps:
                if self.place == "UTC":
                    return "UTC", f"the source states '{self.written}'"
                return self.place, f"the source states '{self.written}', {self.place}'s clock"
            fixed = fixed_name(self.offset)
            return fixed, (
                f"the source states '{self.written}' ({fixed}), which {self.place} does not keep "
                f"on {keeps[0]}: kept as written"
            )
        assert self.offset is not None
        return fixed_name(self.offset), f"the source writes its times at '{self.written}'"


def _offset_at(place: str, day: date) -> timedelta | None:
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=times.zone(place))
    return moment.utcoffset()


def fixed_name(offset: timedelta) -> str:
    if not offset:
        return "UTC"
    sign, size = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    hours, seconds = divmod(int(size.total_seconds()), 3600)
    return times.offset_name(sign, hours, seconds // 60)


def read_clock(written: str) -> Clock | None:
    """The clock `written` names (`PST`, `UTC-8`, `Europe/Paris`, `Pacific time`), or None."""
    text = written.strip().strip("()")
    if text in _LINKS:
        return Clock(text, _LINKS[text])
    if "/" in text:
        return Clock(text, text) if text in times.zone_names() else None
    word = _WORDS.get(text.lower())
    key = word or text
    if key in ABBREVIATIONS:
        place, minutes = ABBREVIATIONS[key]
        offset = None if minutes is None else timedelta(minutes=minutes)
        return Clock(text, place, offset)
    match = re.fullmatch(r"(?:UTC|GMT)?\s?([+\-−])\s?(\d{1,2})(?::?(\d{2}))?", text)
    if match is None:
        return None
    size = timedelta(hours=int(match[2]), minutes=int(match[3] or 0))
    if size > timedelta(hours=14) or int(match[3] or 0) > 59:
        return None
    return Clock(text, None, -size if match[1] in "-−" else size)


def stated_clock(text: str) -> Clock | None:
    """The clock a sentence states for the times around it: `All times in PST`,
    `times are US/Pacific`, `(all times -08:00)`, `Timezone: CET`."""
    text = _EMPHASIS.sub(r"\1", text)
    for match in _STATEMENT.finditer(text):
        clock = read_clock(match["zone"])
        if clock is None:
            continue
        bracket = _BRACKETED_OFFSET.match(text, match.end())
        exact = read_clock(bracket["offset"]) if bracket else None
        if exact is not None and exact.offset is not None and exact.offset != clock.offset:
            # `PST (UTC-7)`: the offset in brackets is what the times were written at
            return Clock(f"{clock.written} ({bracket['offset']})", clock.place, exact.offset)  # type: ignore[index]
        return clock
    return None


_EMPHASIS = re.compile(
    r"(?<![\w*])(?:\*{1,2}|_{1,2})([^\s*_](?:[^*_\n]*?[^\s*_])?)(?:\*{1,2}|_{1,2})(?![\w*])"
)
"""`_EEST_`, `*EDT*`, `**UTC**`: emphasis around words, which are read without it."""
_BRACKETED_OFFSET = re.compile(rf"\s*[(\[]\s*(?P<offset>{OFFSET})\s*[)\]]")


def note_clock(note: str) -> Clock | None:
    """The clock in a heading's note: `Timeline (all times -08:00)`, `Timeline (PST)`."""
    stated = stated_clock(note)
    if stated is not None:
        return stated
    found = ZONE.search(_EMPHASIS.sub(r"\1", note))
    return read_clock(found["zone"]) if found else None
