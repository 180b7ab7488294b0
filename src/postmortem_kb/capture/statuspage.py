"""Atlassian Statuspage: one incident's JSON (`incident_updates`, `components`).

Each update is an event at its `created_at`: investigating → communication (the first
public word), identified → investigation, monitoring → mitigation, resolved → resolution;
postmortem and scheduled states are communication. The affected components name services.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .records import Event, Problems, Record, entries, instant_of, text_of

SOURCE = "Status page"
_KINDS = {
    "investigating": "communication",
    "identified": "investigation",
    "monitoring": "mitigation",
    "resolved": "resolution",
}


def incident_of(data: Any) -> dict[str, Any] | None:
    """The incident object: the whole file, or its `incident` (the webhook's shape)."""
    if isinstance(data, dict) and isinstance(data.get("incident"), dict):
        data = data["incident"]
    return data if isinstance(data, dict) and "incident_updates" in data else None


def read_incident(incident: dict[str, Any], path: Path, problems: Problems) -> Record:
    record = Record(SOURCE)
    record.title = text_of(incident.get("name"))
    record.severity = ""  # Statuspage's `impact` (minor, major, critical) is not a severity
    url = text_of(incident.get("shortlink"))
    if url.startswith("https://"):
        record.links.append(("Status page incident", url))
    for where, update in entries(incident["incident_updates"], "incident_updates", problems):
        status = text_of(update.get("status"))
        moment = instant_of(update, "created_at", where, problems)
        if moment is None:
            continue
        if not status:
            problems.add(f"{where}.status", "missing: investigating, identified, monitoring, …")
            continue
        body = text_of(update.get("body"))
        text = f"{status.capitalize()}: {body}" if body else status.capitalize()
        kind = _KINDS.get(status, "communication")
        record.events.append(Event(moment, kind, text, SOURCE, order=len(record.events)))
        for component in update.get("affected_components") or []:
            if isinstance(component, dict):
                _add(record.services, text_of(component.get("name")))
        if status == "resolved" and body:
            record.summary = body
    for _, component in entries(incident.get("components") or [], "components", problems):
        _add(record.services, text_of(component.get("name")))
    # Updates are listed newest first in the API; the timeline wants them in time order.
    record.events.sort(key=lambda event: event.at)
    record.counts["updates"] = len(record.events)
    impact = text_of(incident.get("impact"))
    if impact:
        record.notes.append(f"status page impact: {impact}")
    return record


def _add(names: list[str], name: str) -> None:
    if name and name not in names:
        names.append(name)
