"""`postmortem draft`: read every export, tell each one's format from its content, merge,
check the draft as `postmortem validate` would, and write it without replacing anything.

Every malformed export is reported at once (file and entry) before anything is written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import times
from ..files.atomic import AuthoringError, FileAlreadyExists, write_new_file
from ..files.discover import UnreadableFile, label, read_bounded
from ..files.yaml_read import MAX_BYTES
from ..validation.writing import check_incident_text, read_taxonomy
from . import alerts, pagerduty, statuspage
from .csv_events import looks_like_csv, read_csv
from .draft_yaml import DraftFile, build_draft
from .merge import merge
from .records import CaptureError, CaptureProblem, Problems, Record, parse_instant, read_json
from .slack import ChatOptions, is_export, read_export

KNOWN = (
    "a Slack export (folder or zip), PagerDuty log entries or incident JSON, an Alertmanager, "
    "Grafana or Opsgenie alert JSON, a Statuspage incident JSON, or a `time,event` CSV"
)


@dataclass(frozen=True)
class DraftRequest:
    paths: tuple[Path, ...]
    out: Path
    zone: str | None = None
    """The draft's clock; None: the one most of the archive's incidents use (else UTC)."""
    title: str | None = None
    chat: ChatOptions = field(default_factory=ChatOptions)
    dry_run: bool = False


@dataclass
class DraftResult:
    path: Path
    draft: DraftFile
    records: list[tuple[Record, list[str]]]
    """Each record with the files it was read from."""
    zone: str
    written: bool


def archive_zone(folder: Path) -> str:
    """The time zone most of the archive's incident files state (UTC when none does)."""
    found: Counter[str] = Counter()
    pattern = re.compile(rb"^timezone:\s*['\"]?([A-Za-z0-9_+\-/:]+)", re.MULTILINE)
    for path in sorted(folder.glob("*.y*ml"))[:5000]:
        if path.name == "taxonomy.yaml":
            continue
        try:
            head, _ = read_bounded(path, 4096)
        except UnreadableFile:
            continue
        match = pattern.search(head)
        if match:
            found[match[1].decode()] += 1
    return found.most_common(1)[0][0] if found else "UTC"


def window_moment(text: str, zone: str) -> datetime:
    """A `--since`/`--until` value: ISO 8601 with an offset, or `YYYY-MM-DD HH:MM` on the
    draft's clock."""
    moment = parse_instant(text.strip().replace(" ", "T", 1))
    if moment is not None:
        return moment
    try:
        return times.localize(times.parse_datetime(text), times.zone(zone))
    except times.TimeFormatError as exc:
        raise AuthoringError(f"time window: {exc}") from None


def read_source(path: Path, request: DraftRequest, zone: str) -> tuple[Record | None, Problems]:
    problems = Problems(path)
    if path.is_dir():
        if is_export(path):
            return read_export(path, request.chat, problems), problems
        problems.add("", f"a folder that is not a Slack export (expected {KNOWN})")
        return None, problems
    try:
        head, _ = read_bounded(path, 256)
    except UnreadableFile as exc:
        problems.add("", exc.reason)
        return None, problems
    if head.startswith(b"PK\x03\x04"):
        if is_export(path):
            return read_export(path, request.chat, problems), problems
        problems.add("", f"a zip that is not a Slack export (expected {KNOWN})")
        return None, problems
    if looks_like_csv(path, head):
        return read_csv(path, times.zone(zone), problems), problems
    data = read_json(path, problems)
    if data is None:
        return None, problems
    return _read_json_export(data, path, problems), problems


def _read_json_export(data: object, path: Path, problems: Problems) -> Record | None:
    if pagerduty.is_log(data):
        return pagerduty.read_log(data, path, problems)  # type: ignore[arg-type]
    if pagerduty.is_incident(data):
        return pagerduty.read_incident(data, path, problems)  # type: ignore[arg-type]
    incident = statuspage.incident_of(data)
    if incident is not None:
        return statuspage.read_incident(incident, path, problems)
    sent = alerts.payloads(data)
    if sent is not None:
        return alerts.read_payloads(sent, path, problems)
    if alerts.is_opsgenie(data):
        return alerts.read_opsgenie(data, path, problems)  # type: ignore[arg-type]
    problems.add("", f"not an export this command reads (expected {KNOWN})")
    return None


def _combined(found: list[tuple[Record, Path]]) -> list[tuple[Record, list[str]]]:
    """One record per source: a PagerDuty incident and its log entries are one source."""
    merged: dict[str, tuple[Record, list[str]]] = {}
    for record, path in found:
        if record.source not in merged:
            merged[record.source] = (record, [label(path)])
            continue
        into, paths = merged[record.source]
        paths.append(label(path))
        base = len(into.events)
        into.events += [
            type(e)(e.at, e.kind, e.text, e.source, e.guessed, base + e.order)
            for e in record.events
        ]
        into.events.sort(key=lambda e: (e.at, e.order))
        into.title = into.title or record.title
        into.severity = into.severity or record.severity
        into.services += [s for s in record.services if s not in into.services]
        into.links = list(dict.fromkeys([*record.links, *into.links]))
        into.summary = into.summary or record.summary
        into.notes += record.notes
        for key, count in record.counts.items():
            into.counts[key] = into.counts.get(key, 0) + count
        if record.impact_started is not None:
            into.impact_started = min(
                t for t in (into.impact_started, record.impact_started) if t is not None
            )
    return list(merged.values())


_SOURCE_ORDER = ("PagerDuty", "Opsgenie", "Alertmanager", "Grafana", "Status page")


def _rank(record: Record) -> int:
    """Stated records first (their titles win), chat and CSV last."""
    return next((n for n, name in enumerate(_SOURCE_ORDER) if record.source == name), 99)


def draft(request: DraftRequest) -> DraftResult:
    """Read, merge, check and (unless a dry run) write the draft; CaptureError lists every
    malformed export, AuthoringError any other reason to stop."""
    taxonomy = read_taxonomy(request.out)
    zone = times.check_zone(request.zone or archive_zone(request.out))  # `+05:30` → UTC+05:30
    found: list[tuple[Record, Path]] = []
    problems: list[CaptureProblem] = []
    for path in request.paths:
        record, file_problems = read_source(path, request, zone)
        problems += file_problems.found
        if record is not None:
            found.append((record, path))
    if problems:
        raise CaptureError(problems)
    records = sorted(_combined(found), key=lambda pair: _rank(pair[0]))
    merged = merge([record for record, _ in records])
    if not merged.events:
        raise AuthoringError("the records hold no event in the time window: nothing to draft")
    built = build_draft([r for r, _ in records], merged, taxonomy, zone, request.title)
    path = request.out / f"{built.stem}.yaml"
    if path.exists():
        raise FileAlreadyExists(path)
    size = len(built.text.encode("utf-8"))
    if size > MAX_BYTES:
        raise AuthoringError(
            f"the draft would be {size:,} bytes ({len(merged.events):,} timeline events), over "
            f"the {MAX_BYTES:,} bytes an incident file may hold: narrow the chat with --since "
            "and --until, or keep only its pinned and flagged messages (no --all-messages)"
        )
    check_incident_text(built.text, path, taxonomy)
    if not request.dry_run:
        write_new_file(path, built.text)
    return DraftResult(path, built, records, zone, not request.dry_run)


def format_summary(result: DraftResult) -> str:
    """What was read from each source, what was kept and left out, and what to review."""
    verb = "Wrote" if result.written else "Would write"
    events = sum(len(record.events) for record, _ in result.records)
    lines = [f"{verb} {label(result.path)} (status: draft, times in {result.zone})"]
    lines.append(f"  timeline: {events} event(s)")
    for record, paths in result.records:
        counts = ", ".join(f"{key} {value:,}" for key, value in record.counts.items())
        lines.append(f"  {record.source} ({', '.join(paths)}): {len(record.events)} event(s)")
        if counts:
            lines.append(f"      {counts}")
    if result.draft.review:
        lines.append(f"  to review (# review: in the file): {len(result.draft.review)}")
        lines += [f"      {item}" for item in result.draft.review]
    if result.draft.unknown:
        lines.append("  not in the records (left out):")
        lines += [f"      {item}" for item in result.draft.unknown]
    if result.written:
        lines.append(f"Next: postmortem validate {label(result.path)}")
    return "\n".join(lines)
