"""Mermaid sources for the incident page: the timeline of events and the chart of phases.

Incident text is data, and Mermaid reads diagram source with small hand-written lexers: in a
timeline `: ` starts an event and `#` a comment, `%%` starts a comment or an `%%{init}%%`
directive anywhere, `#` or `;` ends gantt task data, `<br>` breaks a line. So all user
text goes through `escape`, which folds it onto one line and writes each character Mermaid
could read as syntax or markup as an entity code (`#58;`). Mermaid swaps the codes out
before it parses and back in, as character references, in the finished SVG: the reader
sees the original character, as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..model import Incident
from ..times import format_duration
from .palette import event_colour

MAX_LABEL = 160
"""Longest label, in characters, before it is cut with `…` (the code is several times longer)."""
EVENT_LABEL = 200
"""Longest timeline event in the diagram, wrapped in its box; the table has the whole text."""
EMPTY = "(no text)"
"""Shown for empty text: an empty timeline event is a Mermaid parse error."""

_WHITESPACE = re.compile(r"\s+")
# Tested in Chromium with Mermaid 11.16 (timeline event and title, gantt title and task name):
# `:` splits a timeline event and ends a gantt task name; `#`/`;` form Mermaid's entity codes
# (a raw `#58;` shows `:`) and `style…:…#…;` loses its `;`; `%%` starts a comment and
# `%%{init}%%` is obeyed anywhere; `<` lets `<br>` break a line, and titles drop `<script>`
# or show `&lt;`. Mermaid's placeholders for codes are `ﬂ°°58¶ß`: a raw `ﬂ` or `¶` could
# spell one. In flowchart labels `"`, brackets and `|` end the label and `&lt;` shows `<`.
# `>`, backtick, `\`, `=` and `,` did no harm anywhere tested: coded as cheap defence.
_CODED = ":;#<>&%{}[]()|`\\=,\ufb02\xb6"
_ENTITIES: dict[int, str | None] = {
    ord('"'): "#quot;",
    **{ord(c): f"#{ord(c)};" for c in _CODED},
    # Control characters left after folding whitespace are invisible: dropped.
    **{code: None for code in (*range(0x20), 0x7F)},
}


def escape(text: str, limit: int = MAX_LABEL) -> str:
    """`text` as a safe, one-line Mermaid label that displays the same characters.

    Whitespace runs (newlines included) fold to one space; the result is cut to at most
    `limit` characters (`MAX_LABEL` unless told), after a word when it can; then one
    `str.translate` pass codes the special characters, so a code's own `#` and `;` are never
    coded twice. Empty text becomes `(no text)`.
    """
    folded = _WHITESPACE.sub(" ", text).strip()
    if len(folded) > limit:
        cut = folded[: limit - 1]
        # At a word's end when there is one in the second half, else mid-word.
        space = cut.rfind(" ", limit // 2)
        folded = (cut[:space] if space > 0 else cut).rstrip() + "…"
    coded = _NON_ASCII.sub(_code, folded.translate(_ENTITIES))
    return coded or EMPTY.translate(_ENTITIES)


# Mermaid decodes `#NNN;` for any character: coded, the page stays ASCII (see render.site).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _code(match: re.Match[str]) -> str:
    return f"#{ord(match[0])};"


def _local(moment: datetime, incident: Incident) -> datetime:
    return moment.astimezone(incident.tz)


PART_EVENTS = 40
"""Most events in one timeline drawing: a vertical flowchart stays quick to lay out."""
PART_SOURCE = 40_000
"""Most characters of source in one drawing: Mermaid refuses more than 50,000."""


@dataclass(frozen=True)
class TimelinePart:
    """One drawing of the timeline: the events of one day, or of part of a long day."""

    caption: str
    source: str
    kinds: tuple[str, ...]


def _gap_arrow(gap: timedelta) -> str:
    """A longer arrow for a longer pause, labelled with the pause."""
    if gap <= timedelta(0):
        return "-->"
    dashes = (
        "-->" if gap < timedelta(minutes=30) else "--->" if gap < timedelta(hours=4) else "---->"
    )
    return f'{dashes}|"+{escape(format_duration(gap))}"|'


def timeline_diagrams(incident: Incident) -> list[TimelinePart]:
    """The timeline as vertical Mermaid flowcharts, one box per event coloured by its kind,
    each arrow labelled with the time between two events. One drawing per local day, cut
    further by `PART_EVENTS` and `PART_SOURCE`; [] when the incident has no timeline."""
    days: dict[str, list[tuple[datetime, str, str]]] = {}
    for event, moment in zip(incident.timeline, incident.event_times(), strict=True):
        local = _local(moment, incident)
        label = f"{escape(f'{local:%H:%M} · {event.kind}')}<br>{escape(event.event, EVENT_LABEL)}"
        days.setdefault(f"{local:%a %d %b %Y}", []).append((moment, event.kind, label))
    parts: list[TimelinePart] = []
    previous: datetime | None = None
    for day_name, events in days.items():
        gap = (
            f", {format_duration(events[0][0] - previous)} after the previous event"
            if previous
            else ""
        )
        drawings: list[list[str]] = []
        for n, (moment, kind, label) in enumerate(events):
            node = f'    e{n}["{label}"]:::{kind}'
            lines = drawings[-1] if drawings else []
            if not drawings or len(lines) >= 2 * PART_EVENTS or sum(map(len, lines)) > PART_SOURCE:
                drawings.append([node])
            else:
                lines += [f"    e{n - 1} {_gap_arrow(moment - (previous or moment))} e{n}", node]
            previous = moment
        for m, lines in enumerate(drawings):
            caption = f"{day_name}{gap}, times in {incident.timezone}"
            if len(drawings) > 1:
                caption += f" (part {m + 1} of {len(drawings)})"
            used = {line.rsplit(":::", 1)[1] for line in lines if ":::" in line}
            kinds = tuple(k for k in EVENT_ORDER if k in used)
            styles = [f"    classDef {k} {_class_style(k)}" for k in kinds]
            parts.append(TimelinePart(caption, "\n".join(["flowchart TB", *styles, *lines]), kinds))
            gap = ""
    return parts


EVENT_ORDER = (
    "detection", "investigation", "escalation", "mitigation", "resolution", "communication",
    "note",
)  # fmt: skip


def _class_style(kind: str) -> str:
    fill, text = event_colour(kind)
    return f"fill:{fill},stroke:#5c6370,color:{text}"


def phase_caption(incident: Incident) -> str:
    """The phase chart's title, shown above it in the page: a title drawn by Mermaid is
    centred on the chart and is cut at both ends when wider than a phone."""
    return f"Time from the start of impact, times in {incident.timezone}"


_MINUTE, _HOUR, _DAY = 1, 60, 24 * 60
# (interval in minutes, Mermaid tickInterval, strftime of the axis): the first whose ticks
# number at most 5 over the span is chosen, so they stay apart on a phone; past a day the
# axis shows dates, past a few months months and years.
_TICKS = [
    (10, "10minute", "%H:%M"), (15, "15minute", "%H:%M"), (30, "30minute", "%H:%M"),
    (_HOUR, "1hour", "%H:%M"), (2 * _HOUR, "2hour", "%H:%M"), (3 * _HOUR, "3hour", "%H:%M"),
    (6 * _HOUR, "6hour", "%H:%M"),
    (_DAY, "1day", "%d %b"), (2 * _DAY, "2day", "%d %b"), (7 * _DAY, "1week", "%d %b"),
    (14 * _DAY, "2week", "%d %b"), (31 * _DAY, "1month", "%b %Y"),
    (92 * _DAY, "3month", "%b %Y"), (183 * _DAY, "6month", "%b %Y"),
]  # fmt: skip
_LAST_TICK = (366 * _DAY, "12month", "%Y")
_DATE = "%Y-%m-%d %H:%M"  # strftime of the chart's `dateFormat YYYY-MM-DD HH:mm`


def _axis(span: timedelta) -> list[str]:
    minutes = span.total_seconds() / 60
    fits = (t for t in _TICKS if minutes <= 5 * t[0] and (minutes <= _DAY or t[0] >= _DAY))
    _, interval, shown = next(fits, _LAST_TICK)
    return [f"    axisFormat {shown}", f"    tickInterval {interval}"]


def phase_chart(incident: Incident) -> str:
    """Mermaid `gantt` source with the three durations of the header card, each from the
    start of impact: time to detect, to mitigate and to resolve (the known ones).

    '' when none of them is known to the minute (a date alone would draw a phase from an
    invented 00:00)."""
    started = incident.exact("started")
    if started is None:
        return ""
    phases = [
        ("Detected", incident.exact("detected")),
        ("Mitigated", incident.exact("mitigated")),
        ("Resolved", incident.exact("resolved")),
    ]
    tasks = []
    ends = []
    for name, end in phases:
        if end is None or end < started:
            continue  # an unknown end, or times out of order (validation reports those)
        window = f"{_local(started, incident):{_DATE}}, {_local(end, incident):{_DATE}}"
        tasks += [f"    section {name}", f"    {escape(format_duration(end - started))} : {window}"]
        ends.append(end)
    if not ends:
        return ""
    return "\n".join([
        "gantt",
        "    dateFormat YYYY-MM-DD HH:mm",
        *_axis(max(ends) - started),
        "    todayMarker off",
        *tasks,
    ])  # fmt: skip
