"""Pieces every generated page shares: front matter, links, dates, chips."""

from __future__ import annotations

import json
from datetime import date, datetime, tzinfo

from ..archive import Archive
from ..model import Incident
from ..times import format_duration
from .text import attribute, inline_html

INCIDENTS_DIR = "incidents"
ROOT_CAUSES_DIR = "root-causes"
SERVICES_DIR = "services"


def front_matter(title: str, description: str = "", boost: float | None = None) -> str:
    """YAML front matter. MkDocs' templates do not escape the title: it is escaped here."""
    lines = ["---", f"title: {json.dumps(attribute(title))}"]
    if description:
        lines.append(f"description: {json.dumps(attribute(description)[:300])}")
    if boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    return "\n".join([*lines, "---", ""])


def page_uri(section: str, slug: str) -> str:
    """The source path of a generated page: `incidents/<id>.md`."""
    return f"{section}/{slug}.md"


def link_from(section: str, target_section: str, slug: str) -> str:
    """A relative Markdown link target from a page in `section` (MkDocs checks and rewrites it)."""
    name = f"{slug}.md" if slug else "index.md"
    return name if section == target_section else f"../{target_section}/{name}"


def incident_link(incident: Incident, section: str) -> str:
    return f"[{inline_html(incident.title)}]({link_from(section, INCIDENTS_DIR, incident.id)})"


def cause_chip(archive: Archive, slug: str, section: str) -> str:
    term = archive.taxonomy.root_cause(slug)
    label = inline_html(term.title if term else slug)
    return f"[{label}]({link_from(section, ROOT_CAUSES_DIR, slug)}){{ .pm-tag }}"


def service_chip(archive: Archive, slug: str, section: str) -> str:
    label = inline_html(archive.taxonomy.service(slug).title)
    return f"[{label}]({link_from(section, SERVICES_DIR, slug)}){{ .pm-tag .pm-service }}"


def severity_badge(severity: str) -> str:
    return (
        f'<span class="pm-sev pm-sev-{attribute(severity.lower())}">{inline_html(severity)}</span>'
    )


def status_badge(status: str) -> str:
    return f'<span class="pm-status pm-status-{status}">{status}</span>'


def local_time(moment: datetime | None, tz: tzinfo) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def day(incident: Incident) -> str:
    return incident.started_at.strftime("%Y-%m-%d")


def duration(incident: Incident) -> str:
    """The headline duration: time to resolve, or to mitigate when not resolved."""
    return format_duration(incident.time_to_resolve or incident.time_to_mitigate)


def is_overdue(status: str, due: date | None, today: date) -> bool:
    return due is not None and due < today and status in ("open", "in-progress")


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be inline-safe (see `inline_html`)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
