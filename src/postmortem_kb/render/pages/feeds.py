"""Machine-readable views of the archive: Atom feeds and the incidents.json export.

incidents.json (at the site root) holds the incidents of the build (internal ones only
in internal builds), newest first:

    {
      "schema_version": 1,               # bumped on any incompatible change
      "generated": "2026-11-01",         # the build date (overdue is measured against it)
      "site_url": "https://…/",
      "incidents": [{
        "id": "2024-08-12-payment-gateway-memory-leak",   # the YAML file's stem
        "url": "https://…/incidents/<id>/",
        "title": "…", "severity": "SEV1", "status": "published", "visibility": "public",
        "timezone": "UTC",
        "started": "2024-08-12T11:30:00+00:00",           # ISO 8601 with offset, or
        "detected": "…", "mitigated": "…", "resolved": "…",  # as much as the file says
                           # (2024-08-12, 2024-08, 2024); "unknown" where the file says so
                           # (started, resolved); null when not given
        "services": ["payment-gateway"], "root_causes": ["memory-leak"],
        "durations": {                                      # seconds, null when unknown
          "time_to_detect": 300,      # detected − started
          "time_to_mitigate": 12600,  # mitigated − started
          "time_to_resolve": 13500,   # resolved − started
          "impact": 12600             # mitigated (else resolved) − started
        },
        "action_items": [{"title": "…", "kind": "fix", "owner": "payments-team",
                          "status": "open", "due": "2024-09-15", "link": "https://…",
                          "overdue": true}],
        "timeline": [{"at": "2024-08-12T11:35:00+00:00",   # the instant, ISO 8601 with the
                      "kind": "detection",                 # offset of the incident's clock
                      "event": "…"}]                       # at that moment; in file order
      }]
    }

Feeds list published incidents only (no drafts, no reviews in progress), newest first:
feed.xml for the whole archive, root-causes/<slug>/feed.xml for each root cause. An entry
needs a date: an incident with no known time at all (`started: unknown` and nothing
after it) is in incidents.json and on the site, not in the feeds.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from ...archive import Archive
from ...metrics import IMPACT_TIME
from ...model import SCHEMA_VERSION, Incident
from ...partial_dates import format_partial
from ...text.markup import safe_url
from ..common import INCIDENTS_DIR, ROOT_CAUSES_DIR
from ..urls import ARCHIVE_FEED as ARCHIVE_FEED
from ..urls import JSON_EXPORT as JSON_EXPORT
from ..urls import cause_feed_uri as cause_feed_uri


def incident_url(site_url: str, incident: Incident) -> str:
    return f"{site_url.rstrip('/')}/{INCIDENTS_DIR}/{incident.id}/"


def _seconds(delta: timedelta | None) -> int | None:
    return None if delta is None else int(delta.total_seconds())


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _stated(incident: Incident, name: str) -> str | None:
    """An ISO timestamp, or only the date, month or year when that is all the file says."""
    moment: datetime | None = getattr(incident, f"{name}_at")
    precision = incident.precision(name)
    if precision == "unknown":
        return precision
    if moment is None or precision == "minute":
        return _iso(moment)
    return format_partial(moment, precision).split(" ")[0]


def _incident_record(incident: Incident, site_url: str, today: date) -> dict[str, Any]:
    return {
        "id": incident.id,
        "url": incident_url(site_url, incident),
        "title": incident.title,
        "severity": incident.severity,
        "status": incident.status,
        "visibility": incident.visibility,
        "timezone": incident.timezone,
        "started": _stated(incident, "started"),
        "detected": _stated(incident, "detected"),
        "mitigated": _stated(incident, "mitigated"),
        "resolved": _stated(incident, "resolved"),
        "services": incident.services,
        "root_causes": incident.root_causes,
        "durations": {
            "time_to_detect": _seconds(incident.time_to_detect),
            "time_to_mitigate": _seconds(incident.time_to_mitigate),
            "time_to_resolve": _seconds(incident.time_to_resolve),
            "impact": _seconds(IMPACT_TIME.measure(incident)),
        },
        "action_items": [
            {
                "title": item.title,
                "kind": item.kind,
                "owner": item.owner,
                "status": item.status,
                "due": item.due.isoformat() if item.due else None,
                "link": safe_url(item.link or "") or None,
                "overdue": item.is_overdue(today),
            }
            for item in incident.action_items
        ],
        "timeline": _timeline(incident),
    }


def _timeline(incident: Incident) -> list[dict[str, str]]:
    """Each event at its instant, with the offset of the incident's clock at that moment."""
    moments = incident.event_times()
    return [
        {"at": moment.astimezone(incident.tz).isoformat(), "kind": event.kind, "event": event.event}
        for event, moment in zip(incident.timeline, moments, strict=True)
    ]


def render_json_export(archive: Archive, *, site_url: str, today: date) -> str:
    """incidents.json: the archive of this build, documented in the module docstring."""
    export = {
        "schema_version": SCHEMA_VERSION,
        "generated": today.isoformat(),
        "site_url": site_url,
        "incidents": [_incident_record(i, site_url, today) for i in archive.incidents],
    }
    return json.dumps(export, indent=1, ensure_ascii=False) + "\n"


FEED_CATEGORIES = 12
"""Root causes named as an entry's categories (its page lists them all)."""


def _feed(
    site_url: str,
    heading: tuple[str, str],
    feed_url: str,
    page_url: str,
    incidents: list[Incident],
    today: date,
) -> str:
    title, subtitle = heading
    generator = FeedGenerator()
    generator.id(feed_url)
    generator.title(title)
    generator.subtitle(subtitle)
    generator.link(href=page_url, rel="alternate")
    generator.link(href=feed_url, rel="self")
    generator.language("en")
    published = [
        (incident, ended)
        for incident in incidents
        if incident.status == "published" and (ended := incident.ended_at) is not None
    ]
    # A fixed `updated` (never "now") keeps two builds of the same archive identical.
    updated = max((e for _, e in published), default=datetime.combine(today, time(), UTC))
    generator.updated(updated)
    for incident, ended in published:
        link = incident_url(site_url, incident)
        entry = generator.add_entry(order="append")
        entry.id(link)
        entry.title(incident.title)
        entry.link(href=link, rel="alternate")
        if incident.started_at is not None:
            entry.published(incident.started_at)
        entry.updated(ended)
        entry.summary(incident.impact or incident.summary)
        # One call (feedgen redoes its list on each) and a bounded list: an entry is in the
        # feed of each of its causes, so its size must not grow with their number.
        terms = [incident.severity] if incident.severity else []
        terms += incident.root_causes[:FEED_CATEGORIES]
        if terms:
            entry.category([{"term": term} for term in terms])
    return str(generator.atom_str(pretty=True).decode("utf-8"))


def render_archive_feed(archive: Archive, *, site_url: str, today: date) -> str:
    """feed.xml: published incidents, newest first."""
    root = site_url.rstrip("/") + "/"
    return _feed(
        root,
        ("Incident reviews", "Published postmortems, newest first."),
        root + ARCHIVE_FEED,
        root,
        archive.incidents,
        today,
    )


def render_cause_feed(archive: Archive, slug: str, *, site_url: str, today: date) -> str:
    """root-causes/<slug>/feed.xml: published incidents with this root cause, newest first."""
    root = site_url.rstrip("/") + "/"
    name = archive.taxonomy.root_cause_title(slug)
    return _feed(
        root,
        (f"Incident reviews: {name}", f"Published postmortems with the root cause {name}."),
        root + cause_feed_uri(slug),
        f"{root}{ROOT_CAUSES_DIR}/{slug}/",
        archive.by_root_cause.get(slug, []),
        today,
    )
