"""Every generated file of the site, as {source path: content}: Markdown pages, and with a
site URL the Atom feeds and incidents.json (they need absolute links)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from ..archive import Archive
from ..model import incident_json_schema
from .markers import fill_markers as fill_markers
from .pages.action_items import render_action_items
from .pages.feeds import (
    ARCHIVE_FEED,
    JSON_EXPORT,
    cause_feed_uri,
    render_archive_feed,
    render_cause_feed,
    render_json_export,
)
from .pages.incident import render_incident_page
from .pages.indexes import (
    render_archive_index,
    render_root_cause_index,
    render_root_cause_page,
    render_service_index,
    render_service_page,
)
from .pages.insights import render_insights
from .urls import (
    ACTION_ITEMS_DIR,
    INCIDENTS_DIR,
    INSIGHTS_DIR,
    ROOT_CAUSES_DIR,
    SCHEMA_FILE,
    SERVICES_DIR,
    index_uri,
    page_uri,
)


def generated_pages(
    archive: Archive, *, today: date, site_url: str | None = None
) -> dict[str, str]:
    """Source path (`incidents/<id>.md`, `feed.xml`, …) → content of every generated file.

    `today` is the build date (overdue items, the insights window); `site_url` (mkdocs.yml's)
    turns on the feeds and incidents.json, whose links must be absolute."""
    return dict(iter_generated_pages(archive, today=today, site_url=site_url))


def iter_generated_pages(
    archive: Archive, *, today: date, site_url: str | None = None
) -> Iterator[tuple[str, str]]:
    """`generated_pages` one file at a time, so a caller need not hold them all at once."""
    feeds = site_url is not None
    yield index_uri(INCIDENTS_DIR), render_archive_index(archive)
    for incident in archive.incidents:
        yield (
            page_uri(INCIDENTS_DIR, incident.id),
            render_incident_page(archive, incident, today=today),
        )
    yield index_uri(ROOT_CAUSES_DIR), render_root_cause_index(archive)
    # Pages and feeds for the causes this build's incidents carry, not for every cause of
    # the taxonomy: none for a cause only internal incidents use in a public build, and a
    # taxonomy of 10,000 causes costs what the causes used cost.
    used = [term for slug in archive.by_root_cause if (term := archive.taxonomy.root_cause(slug))]
    for term in used:
        yield (
            page_uri(ROOT_CAUSES_DIR, term.slug),
            render_root_cause_page(archive, term, feed=feeds),
        )
    yield index_uri(SERVICES_DIR), render_service_index(archive)
    for slug in archive.by_service:
        yield page_uri(SERVICES_DIR, slug), render_service_page(archive, slug)
    yield index_uri(INSIGHTS_DIR), render_insights(archive, today=today)
    yield index_uri(ACTION_ITEMS_DIR), render_action_items(archive, today=today)
    if site_url is not None:
        yield ARCHIVE_FEED, render_archive_feed(archive, site_url=site_url, today=today)
        for term in used:
            yield (
                cause_feed_uri(term.slug),
                render_cause_feed(archive, term.slug, site_url=site_url, today=today),
            )
        yield JSON_EXPORT, render_json_export(archive, site_url=site_url, today=today)
    # The same file as schema/incident.schema.json in the repository, for editors.
    yield SCHEMA_FILE, json.dumps(incident_json_schema(), indent=2, ensure_ascii=False) + "\n"


def ascii_markdown(markdown: str) -> str:
    """`markdown` with every non-ASCII character as a character reference (`&#8212;`), for
    MkDocs (the build hook applies it to every generated page).

    MkDocs keeps several copies of every page (its source, the source without front matter,
    the HTML) until the build ends, and Python stores a string with one character beyond
    Latin-1 (an em dash, an ellipsis) at two or four bytes a character: ASCII pages halve
    the build's memory. Browsers and Material's search read the references as the
    characters; Mermaid sources never hold one (`render.mermaid.escape` codes its own way).
    """
    return (
        markdown if markdown.isascii() else markdown.encode("ascii", "xmlcharrefreplace").decode()
    )
