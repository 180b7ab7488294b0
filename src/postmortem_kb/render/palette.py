"""The colours that carry meaning, in one place: severity (badges and charts) and the kind
of a timeline event (diagram and legend). Each pair is (fill, text), text >= 4.5:1 on fill."""

from __future__ import annotations

from ..taxonomy import Taxonomy
from ..text.markup import attribute, inline_html

SEVERITY_COLOURS = [
    ("#b71c1c", "#ffffff"),  # the most severe level of the taxonomy: red, 6.6:1
    ("#e65100", "#000000"),  # orange with black text, 5.5:1: apart from the red beside it
    ("#f9a825", "#000000"),  # amber, 10.7:1
    ("#2e7d32", "#ffffff"),  # green, 5.1:1
]
OTHER_SEVERITY = ("#546e7a", "#ffffff")
"""Levels past the fourth, and ids the taxonomy does not know: blue grey, 5.4:1."""

EVENT_KINDS = {
    # Pale fills with near-black text (>= 12:1): legible on the light and the dark page.
    "detection": ("#ffcdd2", "#1a1a1a"),
    "investigation": ("#fff9c4", "#1a1a1a"),
    "escalation": ("#ffe0b2", "#1a1a1a"),
    "mitigation": ("#bbdefb", "#1a1a1a"),
    "resolution": ("#c8e6c9", "#1a1a1a"),
    "communication": ("#e1bee7", "#1a1a1a"),
    "note": ("#eceff1", "#1a1a1a"),
}
OTHER_EVENT = ("#eceff1", "#1a1a1a")


def severity_colour(taxonomy: Taxonomy, severity: str) -> tuple[str, str]:
    """(fill, text) of a severity, from its rank in the taxonomy: the first level is red."""
    rank = taxonomy.severity_rank(severity)
    return SEVERITY_COLOURS[rank] if rank < len(SEVERITY_COLOURS) else OTHER_SEVERITY


def severity_badge(taxonomy: Taxonomy, severity: str) -> str:
    fill, text = severity_colour(taxonomy, severity)
    return (
        f'<span style="background:{fill};color:{text}" '
        f'class="pm-sev pm-sev-{attribute(severity.lower())}">'
        f"{inline_html(severity)}</span>"
    )


def event_colour(kind: str) -> tuple[str, str]:
    return EVENT_KINDS.get(kind, OTHER_EVENT)


def event_legend(kinds: list[str]) -> str:
    """An HTML legend of the event kinds a diagram uses, in the diagram's colours."""
    items = "".join(
        f'<li><span class="pm-swatch" style="background:{event_colour(k)[0]}"></span>'
        f"{attribute(k)}</li>"
        for k in kinds
    )
    return f'<ul class="pm-legend" aria-label="Event kinds">{items}</ul>\n\n'
