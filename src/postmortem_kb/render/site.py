"""Every generated file of the site, as {source path: content}: Markdown pages, and with a
site URL the Atom feeds and incidents.json (they need absolute links)."""

from __future__ import annotations

import json
import re
from datetime import date

from ..archive import Archive
from ..model import incident_json_schema
from .action_items import render_action_items
from .common import INCIDENTS_DIR, ROOT_CAUSES_DIR, SERVICES_DIR, page_uri
from .feeds import (
    ARCHIVE_FEED,
    JSON_EXPORT,
    cause_feed_uri,
    render_archive_feed,
    render_cause_feed,
    render_json_export,
)
from .incident import render_incident_page
from .indexes import (
    render_archive_index,
    render_home_figures,
    render_root_cause_index,
    render_root_cause_page,
    render_service_index,
    render_service_page,
)
from .insights import render_insights

SCHEMA_FILE = "schema/incident.schema.json"
_MARKER = re.compile(r"<!--\s*postmortem-kb:([a-z-]+)\s*-->")


def generated_pages(
    archive: Archive, *, today: date, site_url: str | None = None
) -> dict[str, str]:
    """Source path (`incidents/<id>.md`, `feed.xml`, …) → content of every generated file.

    `today` is the build date (overdue items, the insights window); `site_url` (mkdocs.yml's)
    turns on the feeds and incidents.json, whose links must be absolute."""
    feeds = site_url is not None
    pages = {f"{INCIDENTS_DIR}/index.md": render_archive_index(archive)}
    for incident in archive.incidents:
        pages[page_uri(INCIDENTS_DIR, incident.id)] = render_incident_page(
            archive, incident, today=today
        )
    pages[f"{ROOT_CAUSES_DIR}/index.md"] = render_root_cause_index(archive)
    for term in archive.taxonomy.root_causes:
        pages[page_uri(ROOT_CAUSES_DIR, term.slug)] = render_root_cause_page(
            archive, term, feed=feeds
        )
    pages[f"{SERVICES_DIR}/index.md"] = render_service_index(archive)
    for slug in archive.by_service:
        pages[page_uri(SERVICES_DIR, slug)] = render_service_page(archive, slug)
    pages["insights/index.md"] = render_insights(archive, today=today)
    pages["action-items/index.md"] = render_action_items(archive, today=today)
    if site_url is not None:
        pages[ARCHIVE_FEED] = render_archive_feed(archive, site_url=site_url, today=today)
        for term in archive.taxonomy.root_causes:
            pages[cause_feed_uri(term.slug)] = render_cause_feed(
                archive, term.slug, site_url=site_url, today=today
            )
        pages[JSON_EXPORT] = render_json_export(archive, site_url=site_url, today=today)
    # The same file as schema/incident.schema.json in the repository, for editors.
    pages[SCHEMA_FILE] = json.dumps(incident_json_schema(), indent=2, ensure_ascii=False) + "\n"
    return pages


def fill_markers(markdown: str, archive: Archive) -> str:
    """Replace `<!-- postmortem-kb:NAME -->` in a hand-written page with live figures."""
    if "postmortem-kb:" not in markdown:
        return markdown
    figures = render_home_figures(archive)
    return _MARKER.sub(lambda m: figures.get(m.group(1), m.group(0)), markdown)
