"""`postmortem import`: legacy postmortems (plain text, Markdown) → schema v1 YAML.

Whatever is guessed (severity, services, root causes, times) is written with a `# TODO`
comment above it; what could not be placed at all is returned as `unmapped`, for stderr.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import times
from ..scaffold import SCHEMA_COMMENT, check_incident_text, dump_yaml, slugify
from ..taxonomy import Taxonomy
from ..write import AuthoringError, write_new_file
from .common import Draft, repair_text
from .markdown import read_markdown
from .text import read_text

MAX_INPUT_BYTES = 1024 * 1024


@dataclass
class ImportedIncident:
    """A written incident file, what it says, and what the importer had to leave out."""

    path: Path
    text: str
    unmapped: list[str]


def read_postmortem(source: Path) -> Draft:
    """Read, repair and parse one legacy postmortem (Markdown by suffix or by headings)."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise AuthoringError(f"cannot read {source}: {exc.strerror}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise AuthoringError(f"{source} is over {MAX_INPUT_BYTES} bytes; is it a postmortem?")
    text = repair_text(raw.decode("utf-8", errors="replace"))
    is_markdown = source.suffix.lower() in (".md", ".markdown") or bool(
        re.search(r"^#{1,3} \S", text, re.MULTILINE)
    )
    return read_markdown(text) if is_markdown else read_text(text)


def import_postmortem(source: Path, out: Path, taxonomy: Taxonomy) -> ImportedIncident:
    """Convert `source` and write it into `out` (never over an existing file)."""
    draft = read_postmortem(source)
    stem, text = build_incident_yaml(draft, taxonomy, source.name)
    path = out / f"{stem}.yaml"
    check_incident_text(text, path, taxonomy)
    write_new_file(path, text)
    return ImportedIncident(path, text, draft.unmapped)


class _Fields:
    """Fields in schema order, each with an optional TODO comment."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Any, str]] = []

    def add(self, key: str, value: Any, todo: str = "") -> None:
        if value not in (None, "", [], {}):
            self.entries.append((key, value, todo))

    def render(self, source_name: str) -> str:
        lines = [
            SCHEMA_COMMENT,
            f"# Imported by `postmortem import` from {source_name}.",
            "# Check every TODO below, then set status: in-review.",
        ]
        for key, value, todo in self.entries:
            if todo:
                lines.append(f"# TODO: {todo}")
            lines.append(dump_yaml({key: value}).rstrip("\n"))
        return "\n".join(lines) + "\n"


def build_incident_yaml(draft: Draft, taxonomy: Taxonomy, source_name: str) -> tuple[str, str]:
    """(file stem, YAML text) for `draft`."""
    fields = _Fields()
    title, title_todo = _title(draft)
    fields.add("title", title, title_todo)
    severity, severity_todo = guess_severity(draft, taxonomy)
    fields.add("severity", severity, severity_todo)
    fields.add("status", "draft")
    fields.add("visibility", "internal", "public once the review may be published")
    zone_todo = "" if draft.timezone else "the source names no time zone; UTC assumed"
    fields.add("timezone", draft.timezone or "UTC", zone_todo)
    day, day_todo = _day(draft, source_name)
    _add_times(fields, draft, day, day_todo)
    services, services_todo = suggest_services(draft, taxonomy)
    fields.add("services", services, services_todo)
    causes = suggest_root_causes(draft, title, taxonomy)
    causes_todo = "suggested from keywords; keep the ones that apply"
    fields.add("root_causes", causes, causes_todo if causes else "")
    for key, text in (("trigger", draft.trigger), ("detection", draft.detection)):
        fields.add(key, suggest(key, text, taxonomy), f"{key} guessed from: {text[:50]}…")
    fields.add("impact", draft.impact)
    summary, summary_todo = _summary(draft)
    fields.add("summary", summary, summary_todo)
    trigger_note = f"\n\nTrigger: {draft.trigger}" if draft.trigger else ""
    fields.add("root_cause", (draft.root_cause + trigger_note).strip())
    fields.add("resolution", draft.resolution)
    events = [
        {"at": at, "kind": guess_event_kind(event), "event": event} for at, event in draft.timeline
    ]
    fields.add("timeline", events, "event kinds guessed from their words" if events else "")
    items = [{k: v for k, v in vars(action).items() if v is not None} for action in draft.actions]
    fields.add("action_items", items, "kinds guessed; add owners and due dates" if items else "")
    lessons = {"went_well": draft.went_well, "went_wrong": draft.went_wrong, "lucky": draft.lucky}
    fields.add("lessons", {key: value for key, value in lessons.items() if value})
    fields.add("authors", draft.authors)
    return f"{day.isoformat()}-{slugify(title) or 'incident'}", fields.render(source_name)


def _title(draft: Draft) -> tuple[str, str]:
    if draft.title:
        return draft.title[:200], ""
    source = draft.root_cause or draft.summary or draft.impact or "Imported incident"
    sentence = re.split(r"(?<=[.!?])\s", source.strip(), maxsplit=1)[0].rstrip(".!?")
    sentence = re.sub(r"^(?:the )?(?:root )?cause (?:was|is)\s+", "", sentence, flags=re.I)
    sentence = re.sub(r"^(?:a|an|the)\s+", "", sentence, flags=re.I)
    if len(sentence) > 100:
        sentence = sentence[:101].rsplit(" ", 1)[0]
    title = sentence[:1].upper() + sentence[1:]
    return title, "the source has no title; this one is made from its first sentences"


def _day(draft: Draft, source_name: str) -> tuple[date, str]:
    if draft.day:
        return draft.day, ""
    match = re.match(r"(\d{4}-\d{2}-\d{2})", source_name)
    if match:
        return date.fromisoformat(match[1]), "date taken from the file name"
    return date.today(), "no date found; today's date is a placeholder"


def _add_times(fields: _Fields, draft: Draft, day: date, day_todo: str) -> None:
    """started/detected/mitigated/resolved, from the stated times or the timeline."""
    zone = times.zone(draft.timezone or "UTC")
    first_at = draft.timeline[0][0] if draft.timeline else None
    if draft.started:
        started, todo = f"{day.isoformat()} {draft.started}", day_todo
    elif first_at:
        at = first_at if " " in first_at else f"{day.isoformat()} {first_at}"
        started, todo = at, "no start time stated; the first timeline event is assumed"
    else:
        started, todo = f"{day.isoformat()} 00:00", "no start time found; set when impact began"
    fields.add("started", started, todo)
    start = times.localize(times.parse_datetime(started), zone)
    moments = times.resolve_event_times([at for at, _ in draft.timeline], start, zone)
    kinds = [guess_event_kind(event) for _, event in draft.timeline]
    found: dict[str, datetime | None] = {
        "detected": next(
            (m for m, k in zip(moments, kinds, strict=True) if k == "detection"), None
        ),
        "mitigated": next(
            (m for m, k in reversed(list(zip(moments, kinds, strict=True))) if k == "mitigation"),
            None,
        ),
        "resolved": moments[-1] if moments and kinds[-1] == "resolution" else None,
    }
    if draft.resolved:
        found["resolved"] = times.resolve_event_times([draft.resolved], start, zone)[0]
    previous = start
    for name, moment in found.items():
        if moment is None or moment < previous:
            continue  # unknown, or out of order: leave it for the author
        guessed = "" if name == "resolved" and draft.resolved else "guessed from the timeline"
        fields.add(name, moment.strftime("%Y-%m-%d %H:%M"), guessed)
        previous = moment


def _summary(draft: Draft) -> tuple[str, str]:
    parts = [draft.summary, draft.narrative]
    if draft.detection:
        parts.append(f"Detection: {draft.detection}")
    summary = "\n\n".join(part for part in parts if part)
    if draft.summary:
        return summary, ""
    facts = [draft.duration, draft.impact, draft.root_cause.split("\n\n")[0]]
    summary = "\n\n".join(part for part in [*facts, summary] if part)
    todo = "assembled from the source's facts; rewrite for someone who was not there"
    return summary or "TODO: what happened, for someone who was not there.", todo


_GUESSES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "trigger": (
        ("config-change", ("config", "feature flag")),
        ("migration", ("migration",)),
        ("deploy", ("deploy", "release", "rollout", "push", "update")),
        ("traffic-spike", ("traffic", "spike", "load")),
        ("scheduled-job", ("cron", "scheduled", "batch")),
        ("time-based", ("expir", "leap", "calendar")),
        ("vendor-change", ("vendor", "provider", "third-party")),
        ("hardware-failure", ("hardware", "host failure", "disk failure")),
    ),
    "detection": (
        ("customer-report", ("customer", "support ticket", "user report")),
        ("synthetic-check", ("synthetic", "probe", "canary check", "uptime check")),
        ("vendor-notice", ("vendor", "provider notified")),
        ("automated-alert", ("alert", "paged", "page", "monitoring", "borgmon", "pagerduty")),
        ("internal-report", ("engineer", "noticed", "employee", "internal")),
    ),
    "event": (
        ("resolution", ("resolved", "all systems", "back online", "back to normal", "closed")),
        (
            "mitigation",
            ("rollback", "rolled back", "roll back", "restart", "failover", "failed over"),
        ),
        ("mitigation", ("mitigat", "scaled", "breathe again", "recover", "disabled", "paus")),
        ("detection", ("alert", "paged", "pages", "detected", "noticed", "report", "sos")),
        ("escalation", ("escalat", "incident commander", "declared", "war room")),
        ("communication", ("status page", "announce", "notified", "communicat", "tweet")),
        ("investigation", ("investigat", "logs", "checked", "suspect", "identified", "ruled out")),
        ("investigation", ("responded", "dove", "looked", "found", "traced")),
    ),
}


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}", text, re.IGNORECASE) is not None


def _first_guess(table: str, text: str) -> str | None:
    return next(
        (slug for slug, words in _GUESSES[table] if any(_mentions(text, w) for w in words)), None
    )


def guess_event_kind(event: str) -> str:
    """detection, mitigation, … from the words of a timeline event; note when unsure."""
    return _first_guess("event", event) or "note"


def suggest(field: str, text: str, taxonomy: Taxonomy) -> str | None:
    """A trigger or detection slug for `text`, when the taxonomy allows it."""
    slug = _first_guess(field, text) if text else None
    allowed = taxonomy.vocabulary(field)
    return slug if slug and (allowed is None or slug in allowed) else None


def suggest_root_causes(draft: Draft, title: str, taxonomy: Taxonomy) -> list[str]:
    """Taxonomy root causes whose words appear in the title, root cause or resolution."""
    text = " ".join((title, draft.root_cause, draft.trigger, draft.resolution))
    found = []
    for term in taxonomy.root_causes:
        if any(_mentions(text, word) for word in term.words()):
            found.append(term.slug)
    return found


def suggest_services(draft: Draft, taxonomy: Taxonomy) -> tuple[list[str], str]:
    """Services the text names, or a placeholder that validates; with the TODO to show."""
    text = " ".join((draft.title, draft.summary, draft.narrative, draft.impact, draft.root_cause))
    known = taxonomy.services or []
    named = [
        term.slug
        for term in known
        if any(_mentions(text, name.removesuffix("s")) for name in (term.slug, term.title))
    ]
    if named:
        return named, "services guessed from the text; add the others that were affected"
    placeholder = known[0].slug if known else "unknown-service"
    return [placeholder], "the source names no known service; this is a placeholder"


def guess_severity(draft: Draft, taxonomy: Taxonomy) -> tuple[str, str]:
    """The stated severity when the taxonomy knows it, else a guess from the impact."""
    ids = [level.id for level in taxonomy.severities]
    stated = re.sub(r"[\s-]", "", draft.severity).lower()
    for severity_id in ids:
        if stated and re.search(rf"\b{re.escape(severity_id.lower())}\b", stated):
            return severity_id, ""
    shares = [int(p) for p in re.findall(r"(\d{1,3})\s?%", draft.impact + " " + draft.summary)]
    share = max(shares, default=0)
    rank = 0 if share >= 50 else 1 if share >= 10 else 2
    severity_id = ids[min(rank, len(ids) - 1)]
    return severity_id, f"severity guessed from the impact; check taxonomy.yaml ({', '.join(ids)})"
