"""Mermaid sources for the incident page: a timeline of the events and a chart of the phases.

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
from datetime import datetime, timedelta

from ..model import Incident
from ..times import format_duration

MAX_LABEL = 160
"""Longest label, in characters, before it is cut with `…` (the code is several times longer)."""
EVENT_LABEL = 64
"""Longest timeline event in the diagram: the table under it has the whole text, and long
boxes made the diagram too wide to read (and doubled the page's weight in events)."""
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


def timeline_diagram(incident: Incident) -> str:
    """Mermaid `timeline` source: one period per event, `HH:MM` (with the date on other days
    than `started`) in the incident's zone, and the event prefixed with its kind.

    '' when the incident has no timeline.
    """
    if not incident.timeline:
        return ""
    first_day = _local(incident.started_at, incident).date()
    # Not the incident's title, already the page's heading: up to 200 characters of it
    # would widen the diagram until its boxes shrink to unreadable.
    lines = ["timeline", f"    title {_title(f'Timeline from {first_day:%Y-%m-%d}', incident)}"]
    for event, moment in zip(incident.timeline, incident.event_times(), strict=True):
        local = _local(moment, incident)
        when = local.strftime("%H:%M" if local.date() == first_day else "%Y-%m-%d %H:%M")
        label = f"{escape(event.kind.capitalize() + ':')} {escape(event.event, EVENT_LABEL)}"
        lines.append(f"    {escape(when)} : {label}")
    return "\n".join(lines)


def _title(text: str, incident: Incident) -> str:
    return escape(f"{text}, times in {incident.timezone}")


_DATE = "%Y-%m-%d %H:%M"  # strftime of the chart's `dateFormat YYYY-MM-DD HH:mm`
_TICKS = [("6hour", 6), ("12hour", 12), ("1day", 24), ("2day", 48), ("1week", 168)]


def phase_chart(incident: Incident) -> str:
    """Mermaid `gantt` source with the phases whose two ends are known, in local time:
    impact (started → mitigated, or resolved), detection (started → detected),
    mitigation (detected → mitigated), resolution (mitigated → resolved).

    '' when fewer than two of the four timestamps are known.
    """
    # Only times known to the minute: a date alone would draw a phase from an invented 00:00.
    started, detected = incident.exact("started"), incident.exact("detected")
    mitigated, resolved = incident.exact("mitigated"), incident.exact("resolved")
    known = [t for t in (started, detected, mitigated, resolved) if t is not None]
    if len(known) < 2:
        return ""
    phases: list[tuple[str, str, datetime | None, datetime | None]] = [
        ("Impact", "crit, impact", started, mitigated or resolved),
        ("Detection", "detection", started, detected),
        ("Mitigation", "active, mitigation", detected, mitigated),
        ("Resolution", "done, resolution", mitigated, resolved),
    ]
    tasks = []
    for name, tags, start, end in phases:
        if start is None or end is None or end < start:
            continue  # an unknown end, or times out of order (validation reports those)
        label = escape(f"{name} · {format_duration(end - start)}")
        window = f"{_local(start, incident):{_DATE}}, {_local(end, incident):{_DATE}}"
        tasks.append(f"    {label} :{tags}, {window}")
    if not tasks:
        return ""
    span = max(known) - min(known)
    # Beyond a day the ticks show the day too; spaced so that at most 8 labels share the axis.
    ticks = next((t for t, hours in _TICKS if span <= timedelta(hours=8 * hours)), "4week")
    axis = ["    axisFormat %d %b %H:%M", f"    tickInterval {ticks}"]
    return "\n".join([
        "gantt",
        f"    title {_title('Phases', incident)}",
        "    dateFormat YYYY-MM-DD HH:mm",
        *(axis if span > timedelta(days=1) else ["    axisFormat %H:%M"]),
        "    todayMarker off",
        *tasks,
    ])  # fmt: skip
