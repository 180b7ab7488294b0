"""One search entry per incident, added to the site's search index after the build.

Material's search makes an entry of every heading of a page, each repeating the page's
address, with whatever sits under the heading: an incident page gave nine, carrying the
card's figures, the timeline table's times, the action items and the lists of other
incidents, about 9 KB an incident. So incident pages stay out of Material's index (their
front matter says so), and each incident gets one entry instead, holding what a reader
searches for ("have we had a memory leak in the payment gateway? what fixed it?"): title,
root causes, services, trigger and contributing factors, summary, root cause, resolution
and the timeline's events. A result opens the incident's page.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..archive import Archive
from ..model import Incident
from ..text.markup import plain_html, prose_html

SEARCH_INDEX = "search/search_index.json"
"""Where Material's search plugin writes its index, under the site folder."""

# One paragraph of text: tags other than `code` go (Material keeps `code` in results).
_DROPPED_TAG = re.compile(r"<(?!/?code>)[^>]*>")
_WHITESPACE = re.compile(r"\s+")
_JSON = (",", ":")


def search_boost(archive: Archive, incident: Incident) -> float:
    """Published reviews rank above drafts, and the more severe above the less (1 to 2)."""
    if incident.status != "published":
        return 1.0
    levels = len(archive.taxonomy.severities)
    return round(1 + (levels - archive.taxonomy.severity_rank(incident.severity)) / levels, 2)


def _prose(text: str) -> str:
    return _WHITESPACE.sub(" ", _DROPPED_TAG.sub("", prose_html(text))).strip()


def incident_search_entry(archive: Archive, incident: Incident, location: str) -> dict[str, Any]:
    """The search entry of one incident, whose page is at `location` (site-relative URL)."""
    taxonomy = archive.taxonomy
    terms = [
        ("Root causes", [taxonomy.root_cause_title(c) for c in incident.root_causes]),
        ("Services", [taxonomy.service(s).title for s in incident.services]),
        ("Trigger", [incident.trigger] if incident.trigger else []),
        ("Contributing factors", incident.contributing_factors),
    ]  # fmt: skip
    head = ". ".join(f"{name}: {', '.join(values)}" for name, values in terms if values)
    events = " ".join(event.event for event in incident.timeline)
    parts = [
        f"{plain_html(head)}." if head else "",
        _prose(incident.summary),
        _prose(incident.root_cause),
        _prose(incident.resolution),
        plain_html(events),
    ]
    return {
        "location": location,
        "title": plain_html(incident.title),
        "text": "<p>" + " ".join(part for part in parts if part) + "</p>",
        "boost": search_boost(archive, incident),
    }


def incident_search_entries(archive: Archive, urls: Mapping[str, str]) -> list[str]:
    """The entry of each incident of `archive` whose page URL `urls` (id → URL) knows, as
    compact JSON: 3 KB an incident, where the incident itself holds several times more."""
    return [
        json.dumps(incident_search_entry(archive, incident, urls[incident.id]), separators=_JSON)
        for incident in archive.incidents
        if incident.id in urls
    ]


def add_to_search_index(site_dir: Path, entries: Iterable[str]) -> bool:
    """Append `entries` (JSON objects) to the search index of the built site; False when
    it has none. Written entry by entry, the way Material writes it: compact, ASCII."""
    path = site_dir / SEARCH_INDEX
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.pop("docs", [])
    head = json.dumps(index, separators=_JSON, default=str)
    with path.open("w", encoding="utf-8") as out:
        out.write(head[:-1] + (',"docs":[' if index else '"docs":['))
        encoded = (json.dumps(doc, separators=_JSON, default=str) for doc in docs)
        for number, entry in enumerate(itertools.chain(encoded, entries)):
            out.write(("," if number else "") + entry)
        out.write("]}")
    return True
