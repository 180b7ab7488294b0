"""Every generated page of the site, as {source path: Markdown}."""

from __future__ import annotations

import re
from datetime import date

from ..archive import Archive
from .common import INCIDENTS_DIR, ROOT_CAUSES_DIR, SERVICES_DIR, page_uri
from .incident import render_incident_page
from .indexes import (
    render_archive_index,
    render_home_figures,
    render_root_cause_index,
    render_root_cause_page,
    render_service_index,
    render_service_page,
)

_MARKER = re.compile(r"<!--\s*postmortem-kb:([a-z-]+)\s*-->")


def generated_pages(archive: Archive, *, today: date) -> dict[str, str]:
    """Source path (`incidents/<id>.md`, …) → Markdown for every page the archive makes."""
    pages = {f"{INCIDENTS_DIR}/index.md": render_archive_index(archive)}
    for incident in archive.incidents:
        pages[page_uri(INCIDENTS_DIR, incident.id)] = render_incident_page(
            archive, incident, today=today
        )
    pages[f"{ROOT_CAUSES_DIR}/index.md"] = render_root_cause_index(archive)
    for term in archive.taxonomy.root_causes:
        pages[page_uri(ROOT_CAUSES_DIR, term.slug)] = render_root_cause_page(archive, term)
    pages[f"{SERVICES_DIR}/index.md"] = render_service_index(archive)
    for slug in archive.by_service:
        pages[page_uri(SERVICES_DIR, slug)] = render_service_page(archive, slug)
    return pages


def fill_markers(markdown: str, archive: Archive) -> str:
    """Replace `<!-- postmortem-kb:NAME -->` in a hand-written page with live figures."""
    if "postmortem-kb:" not in markdown:
        return markdown
    figures = render_home_figures(archive)
    return _MARKER.sub(lambda m: figures.get(m.group(1), m.group(0)), markdown)
