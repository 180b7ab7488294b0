"""A timeline section's lines → events, with the day carried from line to line.

Every common shape: one heading per event (`### 2022-04-15 4:35`, then `### 4:27`), bullets
with plain, bracketed or bold times (`- 14:02 …`, `* [08:47] …`, `- **14:02** …`,
`- 2:54 PM PST: …`), plain `11:35 AM: …` lines, and tables with a time column (`0730`,
`07:30`, `7:30 AM`, ISO) beside a date column or under a day heading. A date heading or
line (`#### April 16`, `**2022-04-16**`) or "the next day" moves the day on; events under
a "Lead-up" heading are lead-up: kept, never the start of impact. Lines that are none of
these stay in the narrative, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..lines import heading_note
from .when import When, read_when
from .zones import Clock, note_clock, stated_clock

HEADING = "\x00#"
"""Marks a line that was a heading inside the timeline (`### 4:27`)."""
_NEXT_DAY = re.compile(
    r"^\W*(?:(?:the\s+)?(?:next|following)\s+(?:day|morning)|day\s+(?P<n>\d+)\b|"
    r"(?:the\s+)?next\s+day)\W*", re.IGNORECASE
)  # fmt: skip
_LEAD_UP = re.compile(r"\b(?:lead[- ]?up|before the incident|background|prelude)\b", re.I)
_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_TIME_HEADER = ("time", "when", "timestamp", "clock", "hour", "utc", "zeit", "uhrzeit", "hora",
                "heure", "godzina", "время", "час", "時刻", "時間", "时间")  # fmt: skip
_DATE_HEADER = ("date", "day", "datum", "fecha", "data", "дата", "日付", "日期", "tag")
_EVENT_HEADER = ("event", "events", "what", "what happened", "description", "action",
                 "details", "detail", "activity", "note", "notes", "summary", "update",
                 "ereignis", "evento", "событие", "出来事", "事件", "zdarzenie")  # fmt: skip


@dataclass
class Event:
    """One timed entry as the source writes it."""

    text: str
    clock: str
    line: int
    day: date | None = None
    """The day the source places it on (written or carried from a heading)."""
    shift: int = 0
    """Days after the timeline's first day, when no day is written ("the next day")."""
    written: Clock | None = None
    """The zone or offset written on the time itself."""
    lead_up: bool = False


@dataclass
class Timeline:
    events: list[Event] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    """Lines that are no event: kept in the narrative."""
    clock: Clock | None = None
    """A clock stated inside the timeline (`All times in PST`)."""
    clock_said: str = ""


@dataclass
class _State:
    year: int | None
    day: date | None = None
    shift: int = 0
    day_number: int = 1
    lead_up: bool = False
    open_event: Event | None = None
    """The event later lines add to (a heading's paragraph, a bullet's indented lines)."""
    from_heading: bool = False


def read_timeline(
    lines: list[tuple[int, str]], *, year_hint: int | None, literal: frozenset[int] = frozenset()
) -> Timeline:
    """The events of a timeline section's `lines` (headings marked with HEADING)."""
    found = Timeline()
    state = _State(year_hint)
    table: list[str] | None = None
    lines, literal = _timed_code_blocks(lines, literal, year_hint)
    for number, raw in lines:
        if number in literal:
            found.notes.append((number, raw))
            state.open_event = None
            continue
        line = raw.rstrip()
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if table is None:
                table = [c.lower().strip("*_ ") for c in cells]
                _header_clock(found, cells)
                if not _table_row(found, state, table, cells, number, first=True):
                    continue
            elif all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            elif not _table_row(found, state, table, cells, number):
                found.notes.append((number, line))
            continue
        table = None
        if line.startswith(HEADING):
            _heading(found, state, line[len(HEADING) :].strip(), number)
            continue
        if not line.strip():
            if not state.from_heading:
                state.open_event = None
            continue
        _line(found, state, line, number)
    return found


_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})")


def _timed_code_blocks(
    lines: list[tuple[int, str]], literal: frozenset[int], year_hint: int | None
) -> tuple[list[tuple[int, str]], frozenset[int]]:
    """A timeline pasted into a code block (a log of `14:02 …` lines) is read as the
    timeline: its fences go, its lines are entries. Any other code block stays as it is."""
    blocks: list[list[tuple[int, str]]] = []
    for number, text in lines:
        if number in literal:
            if blocks and blocks[-1][-1][0] == number - 1:
                blocks[-1].append((number, text))
            else:
                blocks.append([(number, text)])
    read: set[int] = set()
    fences: set[int] = set()
    for block in blocks:
        inner = [(n, t) for n, t in block if not _FENCE.match(t) and t.strip()]
        timed = [t for _, t in inner if read_when(t, year_hint=year_hint) is not None]
        if inner and len(timed) * 10 >= len(inner) * 6:
            read.update(n for n, _ in inner)
            fences.update(n for n, t in block if _FENCE.match(t))
    kept = [(n, t) for n, t in lines if n not in fences]
    return kept, frozenset(literal - read - fences)


def _heading(found: Timeline, state: _State, heading: str, number: int) -> None:
    state.open_event, state.from_heading = None, False
    when = read_when(heading, year_hint=state.year)
    if when is not None and when.clock is not None:
        event = _add(found, state, when, number)
        state.open_event, state.from_heading = event, True
        return
    if when is not None or _moves_day(state, heading):
        _set_day(state, when)
        return
    clock = stated_clock(heading)
    if clock is not None:
        found.clock, found.clock_said = clock, heading
        return
    state.lead_up = bool(_LEAD_UP.search(heading))  # a heading that groups events: no note


def _line(found: Timeline, state: _State, line: str, number: int) -> None:
    plain = line.strip().strip("*_").strip()
    when = read_when(line, year_hint=state.year, four_digit=True)
    if when is not None and when.clock is not None and not _LIST.match(line) and line[:1] in " \t":
        when = None  # an indented time inside an event's text: its detail
    if when is not None and when.clock is not None and (when.rest or not line.startswith(" ")):
        event = _add(found, state, when, number)
        # a clock alone on its line: the event is the paragraph below it, as under a heading
        state.open_event, state.from_heading = event, not when.rest.strip("*_:–—- ")
        return
    if when is not None and when.clock is None and len(when.rest) < 40:
        state.open_event = None
        _set_day(state, when)
        return
    if _NEXT_DAY.match(plain) and len(plain) < 40:
        _moves_day(state, plain)
        state.open_event = None
        return
    clock = stated_clock(line)
    if clock is not None and len(plain) < 120 and read_when(plain) is None:
        found.clock, found.clock_said = clock, plain
        return
    current = state.open_event
    if current is not None and (state.from_heading or line[:1] in " \t" or not _LIST.match(line)):
        piece = _LIST.sub("", line).strip()
        joiner = "; " if _LIST.match(line) and current.text else " "
        current.text = f"{current.text}{joiner}{piece}".strip("; ")
        return
    state.open_event = None
    found.notes.append((number, line))


def _add(found: Timeline, state: _State, when: When, number: int) -> Event:
    assert when.clock is not None
    if when.day is not None or when.month_day is not None:
        _set_day(state, when)
    text = when.rest.strip().strip("|").strip()
    event = Event(text, when.clock, number, state.day, state.shift, when.clock_written)
    event.lead_up = state.lead_up
    found.events.append(event)
    return event


def _set_day(state: _State, when: When | None) -> None:
    if when is None:
        return
    day = when.day
    if day is None and when.month_day is not None and state.day is not None:
        month, number = when.month_day
        try:
            day = date(state.day.year, month, number)
        except ValueError:
            day = None
    if day is not None:
        if state.year is None:
            state.year = day.year
        state.day, state.shift = day, 0


def _moves_day(state: _State, text: str) -> bool:
    match = _NEXT_DAY.match(text)
    if match is None:
        return False
    number = int(match["n"]) if match["n"] else state.day_number + 1
    steps = number - state.day_number  # "Day 3": two days after "Day 1"
    state.day_number = number
    if state.day is not None:
        state.day += timedelta(days=steps)
    else:
        state.shift += steps
    return True


def _header_clock(found: Timeline, cells: list[str]) -> None:
    """`| Time (CET) | Event |`: a time column's header may state the clock."""
    for cell in cells:
        name, note = heading_note(cell.strip("*_ "))
        if note and _named(name.lower(), _TIME_HEADER) and found.clock is None:
            clock = note_clock(note)
            if clock is not None:
                found.clock, found.clock_said = clock, cell.strip("*_ ")


def _named(header: str, names: tuple[str, ...]) -> bool:
    """`Time (CEST)`, `Time, UTC`: a header names its column by its first word."""
    first = re.split(r"[\s(,/]+", header.strip())[0] if header.strip() else ""
    return header in names or first in names


def _table_row(
    found: Timeline, state: _State, header: list[str], cells: list[str], number: int,
    *, first: bool = False,
) -> bool:  # fmt: skip
    """Read one row of a timeline table; False when it holds no time. `first`: the first
    row, which may be data when the table has no header."""
    time_col = next((i for i, h in enumerate(header) if _named(h, _TIME_HEADER)), None)
    date_col = next((i for i, h in enumerate(header) if _named(h, _DATE_HEADER)), None)
    if first:
        if time_col is not None or date_col is not None:
            return False  # a real header
        time_col = 0
    if time_col is None:
        time_col = 0
    if time_col >= len(cells):
        return False
    when = read_when(cells[time_col], year_hint=state.year, four_digit=True, bare=True)
    if when is None or when.clock is None:
        return False
    if date_col is not None and date_col < len(cells) and cells[date_col]:
        day = read_when(cells[date_col], year_hint=state.year, bare=True)
        if day is not None and (day.day or day.month_day):
            _set_day(state, day)
    rest = [c for i, c in enumerate(cells) if i not in (time_col, date_col) and c]
    event_col = next((i for i, h in enumerate(header) if h in _EVENT_HEADER), None)
    if event_col is not None and event_col < len(cells) and cells[event_col] and not first:
        main = cells[event_col]
        others = [c for i, c in enumerate(cells) if i not in (time_col, date_col, event_col) and c]
        text = main + (f" ({'; '.join(others)})" if others else "")
    else:
        text = rest[0] + (f" ({'; '.join(rest[1:])})" if rest[1:] else "") if rest else ""
    if when.rest:
        text = f"{when.rest} {text}".strip()
    _add(found, state, When(when.day, when.month_day, when.clock, when.clock_written, text), number)
    state.open_event = None
    return True
