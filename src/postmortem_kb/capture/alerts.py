"""Alerts: an Alertmanager or Grafana webhook payload (one, or a list of them), and an
Opsgenie alert's log (`GET /v2/alerts/{id}/logs`) or the alert itself.

An alert firing is a detection at its `startsAt` (also the earliest sign of impact the
records hold); an alert resolved is a mitigation at its `endsAt` (the symptom stopped; the
incident is resolved when people say so). The same alert sent again (a repeat
notification, or the group's resolved message) is one event, by its fingerprint.
Opsgenie's log lines are mapped by their words: created → detection, acknowledged →
investigation, escalated → escalation, closed → resolution, notes → note; lines that
only say someone was notified are counted, not listed.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from .records import Event, Problems, Record, entries, instant_of, mapping, parse_instant, text_of

ALERTMANAGER = "Alertmanager"
OPSGENIE = "Opsgenie"


def payloads(data: Any) -> list[Any] | None:
    """The webhook payloads in `data` (an object or a list of them), or None."""
    items = data if isinstance(data, list) else [data]
    ok = items and all(isinstance(i, dict) and isinstance(i.get("alerts"), list) for i in items)
    return items if ok else None


def is_opsgenie(data: Any) -> bool:
    inner = data.get("data") if isinstance(data, dict) else None
    if isinstance(inner, list):
        return all(isinstance(i, dict) and "log" in i for i in inner)
    return isinstance(inner, dict) and "tinyId" in inner


def read_payloads(items: list[dict[str, Any]], path: Path, problems: Problems) -> Record:
    source = (
        "Grafana" if any("orgId" in item or "state" in item for item in items) else ALERTMANAGER
    )
    record = Record(source)
    seen: set[tuple[str, str, datetime]] = set()
    count = 0
    for number, payload in enumerate(items):
        prefix = f"[{number}]." if len(items) > 1 else ""
        for where, alert in entries(payload["alerts"], f"{prefix}alerts", problems):
            count += 1
            _read_alert(alert, where, record, seen, problems)
    record.events.sort(key=lambda event: event.at)
    record.counts["alerts read"] = count
    record.counts["events kept"] = len(record.events)
    return record


def _read_alert(
    alert: dict[str, Any],
    where: str,
    record: Record,
    seen: set[tuple[str, str, datetime]],
    problems: Problems,
) -> None:
    labels = mapping(alert.get("labels"))
    annotations = mapping(alert.get("annotations"))
    name = text_of(labels.get("alertname"))
    if not name:
        problems.add(f"{where}.labels.alertname", "missing: the alert's name")
        return
    started = instant_of(alert, "startsAt", where, problems)
    if started is None:
        return
    identity = text_of(alert.get("fingerprint")) or repr(sorted(labels.items()))
    about = text_of(annotations.get("summary")) or text_of(annotations.get("description"))
    detail = f" — {about}" if about else ""
    if ("firing", identity, started) not in seen:
        seen.add(("firing", identity, started))
        text = f"Alert {name} firing{detail}"
        record.events.append(Event(started, "detection", text, record.source))
        if record.impact_started is None or started < record.impact_started:
            record.impact_started = started
    ended = parse_instant(alert.get("endsAt"))
    if text_of(alert.get("status")) == "resolved":
        if ended is None or ended.year < 1000:
            problems.add(f"{where}.endsAt", "a resolved alert needs the time it ended")
        elif ("resolved", identity, ended) not in seen:
            seen.add(("resolved", identity, ended))
            record.events.append(
                Event(ended, "mitigation", f"Alert {name} resolved", record.source)
            )
    service = text_of(labels.get("service"))
    if service and service not in record.services:
        record.services.append(service)
    record.title = record.title or about or name


_OPSGENIE_KINDS = (
    ("resolution", re.compile(r"\bclosed\b", re.I)),
    ("investigation", re.compile(r"\backnowledged\b", re.I)),
    ("escalation", re.compile(r"\bescalat|\bassigned\b|\bowner\b", re.I)),
    ("detection", re.compile(r"\bcreated\b|\btriggered\b", re.I)),
    ("note", re.compile(r"\bnote\b", re.I)),
)
_NOTIFIED = re.compile(r"\bnotified\b|\bnotification\b|\bsent to\b", re.I)


def read_opsgenie(data: dict[str, Any], path: Path, problems: Problems) -> Record:
    record = Record(OPSGENIE)
    inner = data["data"]
    if isinstance(inner, dict):
        record.title = text_of(inner.get("message"))
        record.severity = text_of(inner.get("priority"))
        moment = instant_of(inner, "createdAt", "data", problems)
        if moment is not None:
            text = f"Alert created: {record.title}" if record.title else "Alert created"
            record.events.append(Event(moment, "detection", text, OPSGENIE))
            record.impact_started = moment
        return record
    for where, item in entries(inner, "data", problems):
        moment = instant_of(item, "createdAt", where, problems)
        line = text_of(item.get("log"))
        if moment is None:
            continue
        if not line:
            problems.add(f"{where}.log", "missing: the log line")
            continue
        if _NOTIFIED.search(line) and not _OPSGENIE_KINDS[0][1].search(line):
            record.counts["notifications sent to responders"] = (
                record.counts.get("notifications sent to responders", 0) + 1
            )
            continue
        kind = next((k for k, words in _OPSGENIE_KINDS if words.search(line)), "note")
        owner = text_of(item.get("owner"))
        shown = owner and owner != "System" and owner not in line
        text = f"{line} ({owner})" if shown else line
        record.events.append(Event(moment, kind, text, OPSGENIE, order=len(record.events)))
    record.events.sort(key=lambda event: (event.at, event.order))
    record.counts["events kept"] = len(record.events)
    return record
