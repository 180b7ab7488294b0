"""Mermaid chart sources for the archive pages: bar charts of counts and the severity pie.

Bars lie horizontal, one row per label, so that labels never share a line however many
there are; the chart grows in height instead. The count axis starts at 0 and reaches at
least 10, so that its ticks are whole numbers."""

from __future__ import annotations

import json

from ..taxonomy import Taxonomy
from .mermaid import escape
from .palette import severity_colour

ROW = 26
"""Height of one bar's row, in pixels: room for a 13 px label and a gap."""
FRAME = 110
"""Height of the title and the count axis under the bars."""
MIN_COUNT_AXIS = 10


def _quoted(text: str) -> str:
    return f'"{escape(text)}"'


def _config(settings: dict[str, object]) -> list[str]:
    """Mermaid front matter: settings of this one chart."""
    return ["---", f"config: {json.dumps(settings, sort_keys=True)}", "---"]


def bar_chart(title: str, labels: list[str], values: list[int], axis: str) -> str:
    """Horizontal `xychart-beta` source, one bar per label; '' when every value is 0."""
    if not any(values):
        return ""
    height = FRAME + ROW * len(labels)
    return "\n".join([
        *_config({"xyChart": {"height": height}}),
        "xychart-beta horizontal",
        f"    title {_quoted(title)}",
        f"    x-axis [{', '.join(_quoted(label) for label in labels)}]",
        f"    y-axis {_quoted(axis)} 0 --> {max(MIN_COUNT_AXIS, *values)}",
        f"    bar [{', '.join(str(v) for v in values)}]",
    ])  # fmt: skip


def severity_pie(title: str, taxonomy: Taxonomy, slices: list[tuple[str, int]]) -> str:
    """Mermaid `pie` source with the counts shown, each slice in its severity's colour;
    empty slices are left out (the table has them); '' when all are empty."""
    shown = [(label, value) for label, value in slices if value > 0]
    if not shown:
        return ""
    colours = {f"pie{n}": severity_colour(taxonomy, s)[0] for n, (s, _) in enumerate(shown, 1)}
    lines = [*_config({"themeVariables": colours}), "pie showData", f"    title {escape(title)}"]
    lines += [f"    {_quoted(label)} : {value}" for label, value in shown]
    return "\n".join(lines)
