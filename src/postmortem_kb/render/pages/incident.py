"""The page of one incident: /incidents/<id>/."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from markdown.extensions.toc import slugify
from markupsafe import Markup

from ...archive import Archive
from ...model import Incident
from ...partial_dates import format_partial
from ...text.markup import attribute, inline_html, prose_block, safe_url
from ...times import format_duration
from ..common import (
    INCIDENTS_DIR,
    action_title,
    cause_chip,
    day,
    diagram,
    due_cell,
    first_sentence,
    folded_table,
    front_matter,
    heading,
    incident_link,
    local_time,
    plural,
    service_chip,
    severity_badge,
    status_badge,
    table,
    term_title,
    unsearched,
)
from ..mermaid import EVENT_ORDER, phase_caption, phase_chart, scale_note, timeline_diagrams
from ..palette import event_legend
from ..search_block import incident_search_block
from ..templates import render_template, safe

SECTION = INCIDENTS_DIR


# Section key → heading, in the page's order: the answer (what, why, what fixed it) before
# the story. The ids are fixed: an incident titled "Summary" cannot take them.
_SECTIONS = {
    "summary": "Summary",
    "root_cause": "Root cause",
    "resolution": "Resolution",
    "narrative": "What happened",
    "timeline": "Timeline",
    "phases": "Phases",
    "action_items": "Action items",
    "lessons": "Lessons",
    "related": "Related incidents",
    "links": "Links",
}


def _stated(incident: Incident, name: str) -> str:
    """A time as precisely as the file gives it: `2024-08-12 (date only)`, never 00:00."""
    moment: datetime | None = getattr(incident, f"{name}_at")
    precision = incident.precision(name)
    if precision == "unknown":  # started (an unknown end reads apart: `_ended`)
        return "unknown (no date recorded)"
    if moment is None or precision == "minute":
        return _when(incident, moment)
    return format_partial(moment, precision)


def _ended(incident: Incident) -> str:
    if incident.resolved is not None:
        return _stated(incident, "resolved")
    return "unknown (no end recorded)" if incident.end_unknown else "not resolved"


def _when(incident: Incident, moment: datetime | None) -> str:
    """Local time in the incident's zone, with UTC beside it when the zone is not UTC."""
    local = local_time(moment, incident.tz)
    if moment is None or moment.astimezone(incident.tz).utcoffset() == timedelta(0):
        return local
    return f"{local} ({local_time(moment, UTC)})"


def _duration(incident: Incident) -> str:
    """How long, from when, and how soon it was noticed and contained: one line."""
    started = _stated(incident, "started") if incident.started_at is not None else ""
    if incident.time_to_resolve is not None:
        head = format_duration(incident.time_to_resolve)
        head += f" from {started}" if started else ""
    else:
        head = _ended(incident) + (f", started {started}" if started else "")
    steps = [
        f"{name} after {format_duration(delta)}"
        for name, delta in (
            ("detected", incident.time_to_detect),
            ("mitigated", incident.time_to_mitigate),
        )
        if delta is not None
    ]
    return "; ".join([head, ", ".join(steps)] if steps else [head])


def _card_rows(archive: Archive, incident: Incident) -> list[tuple[str, Markup]]:
    """The header card's rows (card.md.j2), the answer first: what happened, why, what
    fixed it, impact and duration, then severity and tags; name, safe value."""
    level = archive.taxonomy.severity(incident.severity)
    severity = severity_badge(archive, incident.severity_label)
    if level:
        severity += f" {inline_html(level.title)}"
    if incident.status != "published":
        severity += f" · {status_badge(incident.status)}"
    causes = " ".join(cause_chip(archive, c, SECTION) for c in incident.root_causes)
    services = " ".join(service_chip(archive, s, SECTION) for s in incident.services)
    why = inline_html(first_sentence(incident.root_cause))
    if why:
        why += ' <a class="pm-more-link" href="#root-cause">Root cause ↓</a>'
    fixed = inline_html(first_sentence(incident.resolution))
    if fixed:
        fixed += ' <a class="pm-more-link" href="#resolution">Resolution ↓</a>'
    rows = [
        ("What happened", inline_html(first_sentence(incident.summary))),
        ("Why", why or "not yet known"),
        ("Fixed by", fixed),
        ("Impact", inline_html(incident.impact)),
        ("Duration", _duration(incident)),
        ("Severity", severity),
        ("Root causes", causes or "not yet known"),
        ("Services", services or "not recorded"),
    ]
    return [(name, safe(value)) for name, value in rows if value]


def _more_rows(archive: Archive, incident: Incident) -> list[tuple[str, Markup]]:
    """The card's folded rows: exact times, the severity's meaning, how it was found."""
    level = archive.taxonomy.severity(incident.severity)
    taxonomy = archive.taxonomy
    rows = [
        ("Started", _stated(incident, "started")),
        ("Ended", _ended(incident)),
        ("Time to detect", format_duration(incident.time_to_detect)),
        ("Time to mitigate", format_duration(incident.time_to_mitigate)),
        ("Time to resolve", format_duration(incident.time_to_resolve)),
        ("Status", f"{status_badge(incident.status)} · {incident.visibility}"),
    ]
    optional = [
        (f"{incident.severity_label} means", f"{level.title}: {level.description}" if level
         else ""),
        ("Trigger", term_title(taxonomy.triggers, incident.trigger)),
        ("Detected by", term_title(taxonomy.detection_methods, incident.detection)),
        ("Contributing factors", ", ".join(
            term_title(taxonomy.contributing_factors, f) for f in incident.contributing_factors
        )),
        ("Organisation", incident.organisation or ""),
        ("Product", incident.product or ""),
        ("Keywords", ", ".join(incident.keywords)),
    ]  # fmt: skip
    rows += [(name, inline_html(value)) for name, value in optional if value]
    return [(name, safe(value)) for name, value in rows]


def _banner(incident: Incident) -> str:
    if incident.status == "published":
        return ""
    kind = "warning" if incident.status == "draft" else "info"
    words = {"draft": "Draft: this review is being written", "in-review": "In review"}
    return f'!!! {kind} "{words[incident.status]}"\n    Facts and conclusions may still change.\n\n'


def _timeline(incident: Incident) -> str:
    parts = timeline_diagrams(incident)
    if not parts:
        return ""
    kinds = [k for k in EVENT_ORDER if any(k in p.kinds for p in parts)]
    drawings = "".join(
        f'<p class="pm-caption">{attribute(p.caption)}</p>\n\n'
        + diagram(p.source, "Timeline diagram")
        for p in parts
    )
    # One view at a time: the drawing, the same events as a table folded under it.
    events = plural(len(incident.timeline), "event")
    scale = scale_note(incident)
    note = f'<p class="pm-scale">{attribute(scale.capitalize())}.</p>\n\n' if scale else ""
    return (
        event_legend(kinds)
        + note
        + drawings
        + '<details class="pm-fold" markdown>\n'
        + f"<summary>The {events} as a table, with their whole text</summary>\n\n"
        + _timeline_table(incident)
        + "\n\n</details>"
    )


def _phases(incident: Incident) -> str:
    chart = phase_chart(incident)
    if not chart:
        return ""
    caption = f'<p class="pm-caption">{attribute(phase_caption(incident))}</p>\n\n'
    return caption + diagram(chart, "Phases of the incident")


def _timeline_table(incident: Incident) -> str:
    rows = []
    started = incident.started_at if incident.start_day_known else None
    # Events on the day impact began show the time alone; when `started` names no day,
    # every event shows its date.
    start_day = None if started is None else started.astimezone(incident.tz).date()
    for event, moment in zip(incident.timeline, incident.event_times(), strict=True):
        local = moment.astimezone(incident.tz)
        shown = local.strftime("%H:%M" if local.date() == start_day else "%Y-%m-%d %H:%M")
        # The kind under the time: on a phone the event keeps the width of two columns.
        when = f'{shown}<br><span class="pm-from">{event.kind}</span>'
        rows.append([when, inline_html(event.event)])
    return table([f"Time ({incident.timezone})", "Event"], rows) if rows else ""


def _action_items(incident: Incident, today: date) -> str:
    rows = []
    for item in incident.action_items:
        due = due_cell(item, today)
        owner = inline_html(item.owner or "—")
        rows.append([action_title(item), owner, due, item.kind, status_badge(item.status)])
    if not rows:
        return ""
    # The columns of /action-items/, and its cards on a phone (lists.css).
    headers = ["Action", "Owner", "Due", "Kind", "Status"]
    return folded_table(headers, rows, "action items", wrap="pm-actions")


def _lessons(incident: Incident) -> str:
    parts = []
    for title, items in (
        ("What went well", incident.lessons.went_well),
        ("What went wrong", incident.lessons.went_wrong),
        ("Where we got lucky", incident.lessons.lucky),
    ):
        if items:
            parts.append(heading(3, title) + "\n".join(f"- {inline_html(i)}" for i in items))
    return "\n\n".join(parts)


def _related(archive: Archive, incident: Incident) -> str:
    lines = "\n".join(
        f"- {incident_link(r.incident, SECTION)} ({day(r.incident)}, "
        f"{inline_html(r.incident.severity_label)}): {inline_html(r.reason)}"
        for r in archive.related(incident)
    )
    # Other incidents' titles: a search for their words should find them, not this page.
    return unsearched(lines) if lines else ""


def _links(incident: Incident) -> str:
    lines = []
    for link in incident.links:
        url = safe_url(link.url)
        text = inline_html(link.title)
        lines.append(
            f'- <a href="{attribute(url)}" rel="noopener nofollow">{text}</a>'
            if url
            else f"- {text} ({inline_html(link.url)})"
        )
    return "\n".join(lines)


def render_incident_page(archive: Archive, incident: Incident, *, today: date) -> str:
    """The Markdown of an incident page.

    Pagefind indexes it, with `render.search_block`'s hidden block (filters, result card,
    synonyms); Material's search does not (`search.material_index` gives it one entry there).
    Material's table of contents is hidden; the jump line under the card stands in."""
    authors = ", ".join(inline_html(a) for a in incident.authors)
    footer = f"Source: <code>{attribute(incident.source)}</code>"
    footer += f" · Written by {authors}" if authors else ""
    original = safe_url(incident.source_url or "")
    if original:
        footer += f' · <a href="{attribute(original)}" rel="noopener nofollow">Original report</a>'
    elif incident.source_url:
        footer += f" · Original report: {inline_html(incident.source_url)}"
    bodies = {
        "summary": prose_block(incident.summary),
        "root_cause": prose_block(incident.root_cause),
        "resolution": prose_block(incident.resolution),
        "narrative": prose_block(incident.narrative),
        "timeline": _timeline(incident),
        "phases": _phases(incident),
        "action_items": _action_items(incident, today),
        "lessons": _lessons(incident),
        "related": _related(archive, incident),
        "links": _links(incident),
    }
    shown = [(_SECTIONS[key], body) for key, body in bodies.items() if body.strip()]
    jump = " · ".join(f'<a href="#{slugify(title, "-")}">{title}</a>' for title, _ in shown)
    return render_template(
        "incident.md.j2",
        incident=incident,
        archive=archive,
        front_matter=safe(front_matter(
            incident.title, incident.impact or incident.summary,
            searchable=False, pagefind=True, hide=("toc",),
        )),
        title=safe(inline_html(incident.title)),
        banner=safe(_banner(incident)),
        card_rows=_card_rows(archive, incident),
        more_rows=_more_rows(archive, incident),
        search_block=safe(incident_search_block(archive, incident)),
        jump=safe(jump),
        sections=[(safe(heading(2, title)), safe(body.rstrip())) for title, body in shown],
        footer=safe(footer),
    )  # fmt: skip
