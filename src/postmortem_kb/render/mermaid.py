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

import itertools
import json
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


# Mermaid decodes `#NNN;` for any character: coded, the page stays ASCII (see render.generated).
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


STEP_PX = 24
"""Height of one step of the timeline's scale (Mermaid's `rankSpacing`)."""
MOST_STEPS = 8
"""Longest arrow, in steps: a longer pause is drawn this long (its label gives the time)."""
_STEP_MINUTES = (5, 10, 15, 30, 60, 120, 240, 480, 1440, 7 * 1440)


def _step(gaps: list[timedelta]) -> timedelta:
    """The time one step of arrow stands for: the finest of `_STEP_MINUTES` that keeps the
    drawing at most three steps per pause on average, so a 75 min pause draws five times
    as long as a 15 min one without the page growing without end."""
    positive = [g for g in gaps if g > timedelta(0)]
    for minutes in _STEP_MINUTES:
        step = timedelta(minutes=minutes)
        if sum(_steps(g, step) for g in positive) <= 3 * len(positive):
            return step
    return timedelta(minutes=_STEP_MINUTES[-1])


def _steps(gap: timedelta, step: timedelta) -> int:
    return min(MOST_STEPS, max(1, int(gap / step + 0.5)))  # halves up, never to even


def _gap_arrow(gap: timedelta, step: timedelta) -> str:
    """An arrow as long as the pause (in steps of `step`), labelled with the pause."""
    if gap <= timedelta(0):
        return "-->"
    return f'-{"-" * _steps(gap, step)}>|"+{escape(format_duration(gap))}"|'


def scale_note(incident: Incident) -> str:
    """How the timeline's arrows are scaled, for its caption ('' when they are not)."""
    times = incident.event_times()
    gaps = [b - a for a, b in itertools.pairwise(times)]
    if not any(g > timedelta(0) for g in gaps):
        return ""
    step = _step(gaps)
    note = f"drawn to scale: a longer pause, a longer arrow ({format_duration(step)} a step)"
    if any(g > step * MOST_STEPS for g in gaps):
        note += f"; pauses over {format_duration(step * MOST_STEPS)} drawn that long"
    return note


def timeline_diagrams(incident: Incident) -> list[TimelinePart]:
    """The timeline as vertical Mermaid flowcharts, one box per event coloured by its kind,
    each arrow labelled with the time between two events. One drawing per local day, cut
    further by `PART_EVENTS` and `PART_SOURCE`; [] when the incident has no timeline."""
    days: dict[str, list[tuple[datetime, str, str]]] = {}
    for event, moment in zip(incident.timeline, incident.event_times(), strict=True):
        local = _local(moment, incident)
        label = f"{escape(f'{local:%H:%M} · {event.kind}')}<br>{escape(event.event, EVENT_LABEL)}"
        days.setdefault(f"{local:%a %d %b %Y}", []).append((moment, event.kind, label))
    times = incident.event_times()
    step = _step([b - a for a, b in itertools.pairwise(times)])
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
                arrow = _gap_arrow(moment - (previous or moment), step)
                lines += [f"    e{n - 1} {arrow} e{n}", node]
            previous = moment
        for m, lines in enumerate(drawings):
            caption = f"{day_name}{gap}, times in {incident.timezone}"
            if len(drawings) > 1:
                caption += f" (part {m + 1} of {len(drawings)})"
            used = {line.rsplit(":::", 1)[1] for line in lines if ":::" in line}
            kinds = tuple(k for k in EVENT_ORDER if k in used)
            styles = [f"    classDef {k} {_class_style(k)}" for k in kinds]
            scale = [*_config({"flowchart": {"rankSpacing": STEP_PX}}), "flowchart TB"]
            parts.append(TimelinePart(caption, "\n".join([*scale, *styles, *lines]), kinds))
            gap = ""
    return parts


EVENT_ORDER = (
    "detection", "investigation", "escalation", "mitigation", "resolution", "communication",
    "note",
)  # fmt: skip


def _config(settings: dict[str, object]) -> list[str]:
    """Mermaid front matter: settings of this one drawing."""
    return ["---", f"config: {json.dumps(settings, sort_keys=True)}", "---"]


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
