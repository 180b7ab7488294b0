"""Bar charts for the archive pages, drawn as tables: one row per label, each measure a
column of bars with its number written beside the bar.

A table of bars is the chart and its data at once (one view to read, for screen readers
too): each column is scaled to its own largest value, so no axis runs mostly empty and no
tick is clipped; a zero draws no bar; durations are measured in minutes and written out
(`1 h 39 min`), never rounded to hours; the rows wrap to any width, a phone's included.
Severity bars carry their severity's colour and its badge as the label, so no legend is
needed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from ..text.markup import attribute
from ..times import format_duration
from .common import folded_table

MOST_ROWS = 24
"""Rows a chart shows before the rest is folded (two years of months fit)."""


@dataclass(frozen=True)
class Bars:
    """One column of bars: its heading, each row's value, the text written beside it and,
    optionally, each bar's colour."""

    heading: str
    values: list[float]
    shown: list[str]
    colours: list[str] = field(default_factory=list)

    @classmethod
    def counts(cls, heading: str, values: list[int], colours: list[str] | None = None) -> Bars:
        return cls(heading, [float(v) for v in values], [str(v) for v in values], colours or [])

    @classmethod
    def durations(cls, heading: str, values: list[timedelta | None]) -> Bars:
        """Durations to the minute; an unknown one draws no bar and reads `—`."""
        minutes = [v.total_seconds() / 60 if v is not None else 0.0 for v in values]
        return cls(heading, minutes, [format_duration(v) for v in values])


def _em(text: str) -> float:
    """About how wide `text` is, in em of a sans-serif font: digits and letters ~0.55,
    spaces ~0.3; a little over, so that a number never has to wrap."""
    return sum(0.3 if c == " " else 1.0 if c == "—" else 0.56 for c in text)


def _bar(value: float, top: float, text: str, room: float, colour: str = "") -> str:
    """A bar as wide as `value` against `top`, in the cell's width less `room` em (the
    longest number of the column, written beside its bar)."""
    if value <= 0 or top <= 0:
        return f'<span class="pm-barline pm-bar-none">{text}</span>'
    share = max(0.01, round(value / top, 3))
    style = f"width:calc((100% - {room:g}em) * {share:g})"
    style += f";background:{attribute(colour)}" if colour else ""
    return f'<span class="pm-barline"><span class="pm-bar" style="{style}"></span>{text}</span>'


def bar_table(
    labels: list[str],
    columns: list[list[str]],
    bars: list[Bars],
    what: str,
    *,
    latest: bool = False,
) -> str:
    """A Markdown table: the label columns (`labels` are their headings, `columns` their
    safe cells, row by row), then one column per `Bars`. '' when there are no rows.
    `latest`: rows in time order, of which the last `MOST_ROWS` show."""
    rows = []
    tops = [max(b.values, default=0.0) for b in bars]
    rooms = [round(max(map(_em, b.shown), default=0) + 0.6, 1) for b in bars]
    for n, cells in enumerate(columns):
        drawn = [
            _bar(b.values[n], top, b.shown[n], room, b.colours[n] if b.colours else "")
            for b, top, room in zip(bars, tops, rooms, strict=True)
        ]
        rows.append([*cells, *drawn])
    headers = [*labels, *(b.heading for b in bars)]
    return folded_table(
        headers, rows, what, wrap="pm-bars", limit=MOST_ROWS, shown=MOST_ROWS, latest=latest
    )
