"""PagerDuty: an incident's `log_entries` (REST API v2) and the incident itself.

Every state change and note becomes an event: trigger → detection, acknowledge →
investigation, escalate/assign/unacknowledge (the acknowledgement timed out and the
incident triggered again) → escalation, annotate (a note) → note, resolve → resolution.
Notifications (`notify_log_entry`: each SMS, call or e-mail to a responder) are counted,
not listed; an entry type not known here is kept as a note with its summary.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .records import Event, Problems, Record, entries, instant_of, mapping, text_of

SOURCE = "PagerDuty"

_KINDS = {
    "trigger_log_entry": "detection",
    "acknowledge_log_entry": "investigation",
    "unacknowledge_log_entry": "escalation",
    "escalate_log_entry": "escalation",
    "assign_log_entry": "escalation",
    "delegate_log_entry": "escalation",
    "responder_request_log_entry": "escalation",
    "repeat_escalation_path_log_entry": "escalation",
    "exhaust_escalation_path_log_entry": "escalation",
    "reach_trigger_limit_log_entry": "escalation",
    "annotate_log_entry": "note",
    "urgency_change_log_entry": "note",
    "priority_change_log_entry": "note",
    "snooze_log_entry": "note",
    "link_log_entry": "note",
    "status_update_log_entry": "communication",
    "resolve_log_entry": "resolution",
}
_LEFT_OUT = {"notify_log_entry": "notifications sent to responders"}


def is_log(data: Any) -> bool:
    return isinstance(data, dict) and "log_entries" in data


def is_incident(data: Any) -> bool:
    incident = data.get("incident") if isinstance(data, dict) else None
    return isinstance(incident, dict) and (
        "incident_number" in incident or "escalation_policy" in incident or "urgency" in incident
    )


def read_log(data: dict[str, Any], path: Path, problems: Problems) -> Record:
    record = Record(SOURCE)
    count = 0
    for where, item in entries(data["log_entries"], "log_entries", problems):
        count += 1
        kind_name = item.get("type")
        if not isinstance(kind_name, str):
            problems.add(f"{where}.type", "missing: the entry's type (trigger_log_entry, …)")
            continue
        moment = instant_of(item, "created_at", where, problems)
        if moment is None:
            continue
        if kind_name in _LEFT_OUT:
            reason = _LEFT_OUT[kind_name]
            record.counts[reason] = record.counts.get(reason, 0) + 1
            continue
        kind = _KINDS.get(kind_name, "note")
        text = _describe(item, kind_name)
        record.events.append(Event(moment, kind, text, SOURCE, order=len(record.events)))
        _note_incident(item, record)
    if data.get("more") is True:
        record.notes.append(
            "the PagerDuty log is one page of a longer list (`more: true`): "
            "export every page (offset=…) for the whole timeline"
        )
    record.counts["log entries read"] = count
    record.counts["events kept"] = len(record.events)
    return record


def _describe(item: dict[str, Any], kind_name: str) -> str:
    """The entry's own summary, with who did it and a note's text."""
    summary = text_of(item.get("summary")) or kind_name.removesuffix("_log_entry").replace("_", " ")
    channel = mapping(item.get("channel"))
    agent = mapping(item.get("agent"))
    if kind_name == "annotate_log_entry":
        note = text_of(channel.get("summary")) or text_of(item.get("note"))
        who = text_of(agent.get("summary"))
        return f"Note{f' by {who}' if who else ''}: {note}" if note else summary
    detail = text_of(channel.get("summary")) if kind_name == "trigger_log_entry" else ""
    return f"{summary.rstrip('.')}: {detail}" if detail else summary


def _note_incident(item: dict[str, Any], record: Record) -> None:
    incident = item.get("incident")
    if isinstance(incident, dict) and not record.links:
        url = text_of(incident.get("html_url"))
        if url.startswith("https://"):
            record.links.append(("PagerDuty incident", url))
        summary = re.sub(r"^\[#\d+\]\s*", "", text_of(incident.get("summary")))
        record.title = record.title or summary
    service = item.get("service")
    if isinstance(service, dict):
        name = text_of(service.get("summary"))
        if name and name not in record.services:
            record.services.append(name)


def read_incident(data: dict[str, Any], path: Path, problems: Problems) -> Record:
    incident: dict[str, Any] = data["incident"]
    record = Record(SOURCE)
    record.title = text_of(incident.get("title")) or text_of(incident.get("summary"))
    if not record.title:
        problems.add("incident.title", "missing: the incident's title")
    priority = incident.get("priority")
    if isinstance(priority, dict):
        record.severity = text_of(priority.get("summary")) or text_of(priority.get("name"))
    service = incident.get("service")
    if isinstance(service, dict) and text_of(service.get("summary")):
        record.services.append(text_of(service.get("summary")))
    url = text_of(incident.get("html_url"))
    if url.startswith("https://"):
        number = incident.get("incident_number")
        record.links.append(
            (f"PagerDuty incident #{number}" if number else "PagerDuty incident", url)
        )
    instant_of(incident, "created_at", "incident", problems, required=False)
    urgency = text_of(incident.get("urgency"))
    if urgency:
        record.notes.append(f"PagerDuty urgency: {urgency}")
    return record
