"""What every importer shares: sections → schema v1 fields, with text repaired.

An importer cuts its input into `Section`s (a heading and the lines under it); this module
maps them by name onto a `Draft` and reads times, list items and timeline lines the same
way for every source format. Whatever it cannot place is kept in `Draft.unmapped`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import ftfy

from . import lines
from .clock import clock_24h, find_day
from .duration import read_duration
from .lines import heading_note

_TIMELINE_LINE = re.compile(
    r"^(?:[-*+]\s+|\d+\.\s+)?(?P<bold>\*\*|__)?(?:(?P<day>\d{4}-\d{2}-\d{2})[ T])?"
    r"(?P<clock>\d{1,2}:\d{2})(?::\d{2})?\s*(?P<meridiem>[AaPp]\.?[Mm]\b\.?)?"
    r"(?:\s*(?:UTC|GMT|Z|[A-Z]{1,3}T)\b)?(?(bold)(?:\*\*|__))\s*(?:[:\-–—|]\s*)?(?P<event>\S.*)$"
)
_IMPACT_BEGINS = re.compile(r"\b(?:outage|impact)\s+(?:begins|began|starts|started)\b", re.I)

# Heading (lowercased, punctuation dropped) → the field it fills.
SECTION_FIELDS: dict[str, str] = {
    "issue summary": "summary",
    "summary": "summary",
    "executive summary": "summary",
    "overview": "summary",
    "description": "summary",
    "what happened": "narrative",
    "background": "narrative",
    "leadup": "narrative",
    "lead up": "narrative",
    "fault": "narrative",
    "response": "narrative",
    "incident summary": "summary",
    "recovery": "resolution",
    "five whys": "root_cause",
    "root cause analysis": "root_cause",
    "blameless root cause": "root_cause",
    "corrective actions": "todo",
    "follow up actions": "todo",
    "remediation": "todo",
    "remediations": "todo",
    "incident timeline": "timeline",
    "duration": "duration",
    "date": "date",
    "incident date": "date",
    "severity": "severity",
    "status": "status",
    "impact": "impact",
    "customer impact": "impact",
    "user impact": "impact",
    "root cause": "root_cause",
    "root causes": "root_cause",
    "contributing factors": "root_cause",
    "contributing factor": "root_cause",
    "trigger": "trigger",
    "resolution": "resolution",
    "resolution and recovery": "resolution",
    "mitigation": "resolution",
    "detection": "detection",
    "timeline": "timeline",
    "corrective and preventative measures": "measures",
    "corrective and preventive measures": "measures",
    "improvements fixes": "measures",
    "todo list": "todo",
    "todo": "todo",
    "action items": "todo",
    "follow ups": "todo",
    "next steps": "todo",
    "what went well": "went_well",
    "what went wrong": "went_wrong",
    "where we got lucky": "lucky",
    "responders": "authors",
    "authors": "authors",
    # Headings that only group the ones above.
    "root cause and resolution": "group",
    "lessons learned": "group",
    "lessons learnt": "group",
}


def section_field(heading: str) -> str | None:
    """The field a heading fills, or None when no importer knows it.

    A closing parenthetical is the heading's note, not its name: `Timeline (all times in
    UTC)` is the timeline."""
    heading, _ = heading_note(heading)
    key = re.sub(r"[^a-z0-9]+", " ", heading.lower().replace("'", "")).strip()
    key = re.sub(r"^\d+ ", "", key)  # numbered headings: "3. Impact"
    return SECTION_FIELDS.get(key)


class ImportRefused(Exception):
    """The source cannot become an incident file without inventing a fact; says why."""


@dataclass
class Section:
    """A heading, the text on its own line (`Impact: 80% of users…`) and the lines under it."""

    heading: str
    line: int
    inline: str = ""
    lines: list[tuple[int, str]] = field(default_factory=list)

    def text(self) -> str:
        """The inline text and the body as paragraphs, blank lines squeezed."""
        body = "\n".join(text for _, text in self.lines).strip()
        body = re.sub(r"\n{3,}", "\n\n", body)
        return "\n\n".join(part for part in (self.inline, body) if part)


@dataclass
class Action:
    title: str
    kind: str
    owner: str | None = None
    status: str = "open"
    link: str | None = None


@dataclass
class Draft:
    """A legacy postmortem read into the fields of schema v1, still as text."""

    title: str = ""
    day: date | None = None
    file_day: date | None = None
    """A date in the source's file name (2024-08-12-…), used when the text gives none."""
    started: str | None = None
    """A clock time `HH:MM` on `day`, or a full stated start (`start` wins when set)."""
    resolved: str | None = None
    start: str | None = None
    """The start as the source states it in full: `2024-08-12T11:30:00-07:00`, `2024-08-12`."""
    end: str | None = None
    """The end as the source states it in full (a later day for an incident over midnight)."""
    start_note: str = ""
    """Where `start` came from, when the source does not call it the start."""
    timezone: str | None = None
    clock_note: str = ""
    """What the timeline's heading says of its clock when it is not UTC: kept, not guessed."""
    severity: str = ""
    organisation: str = ""
    product: str = ""
    services: list[str] = field(default_factory=list)
    """Services the source names outright (front matter), as written."""
    categories: list[str] = field(default_factory=list)
    """The source's own cause categories (front matter `categories`, `root_causes`)."""
    keywords: list[str] = field(default_factory=list)
    source_url: str = ""
    summary: str = ""
    narrative: str = ""
    intro: str = ""
    """The first paragraph before any section: the summary when the source has none."""
    duration: str = ""
    impact: str = ""
    root_cause: str = ""
    trigger: str = ""
    detection: str = ""
    resolution: str = ""
    timeline: list[tuple[str, str]] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    went_well: list[str] = field(default_factory=list)
    went_wrong: list[str] = field(default_factory=list)
    lucky: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)
    """Field → the heading that first filled it."""
    kept: list[tuple[str, str]] = field(default_factory=list)
    """(heading, text) of what no field takes: the narrative keeps it."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(title, url) of other copies the source points to (an archived copy)."""
    not_imported: list[str] = field(default_factory=list)
    """Stated values no field takes (`uuid: …`), listed in the file's header."""
    unmapped: list[str] = field(default_factory=list)
    """`line: what happened to it`, for the review list."""
    not_understood: list[str] = field(default_factory=list)
    """Stated values that could not be read (`date '0000-00-00'`): listed for review."""
    reading_notes: list[str] = field(default_factory=list)
    """How the file was read when it matters (its encoding): listed for review."""


def repair_text(text: str) -> str:
    """Undo mojibake (UTF-8 read as Mac Roman or Windows-1252) and normalise line ends.

    ftfy's heuristics leave an emoji alone when its first byte became U+F8FF (the Apple
    logo, Mac Roman 0xF0); those runs are decoded back with ftfy's own plan.
    """
    fixed = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    return re.sub("\uf8ff[^\x00-\x7f]{3}", _redecode_mac_roman, fixed)


def _redecode_mac_roman(match: re.Match[str]) -> str:
    try:
        return ftfy.apply_plan(match[0], [("encode", "macroman"), ("decode", "utf-8")])
    except UnicodeError:
        return match[0]


def timeline_entry(line: str) -> tuple[str, str] | None:
    """`11:35 AM: Alert fired` → ("11:35", "Alert fired"); a day before the time is kept."""
    match = _TIMELINE_LINE.match(line.strip())
    if not match:
        return None
    clock = clock_24h(match["clock"], match["meridiem"])
    if clock is None:
        return None
    at = f"{match['day']} {clock}" if match["day"] else clock
    return at, match["event"].strip().strip("|").strip()


def list_items(section: Section) -> list[str]:
    """The list items of a section (`- x`, `1. x`), or its lines when it has none."""
    return lines.list_items(section.lines, section.inline)


def apply_sections(draft: Draft, sections: list[Section]) -> None:
    """Fill `draft` from `sections` by heading; note the ones no field takes."""
    for section in sections:
        name = section_field(section.heading)
        text = section.text()
        if name is None or (name == "group" and text):
            keep(draft, section.heading, text, section.line)
        elif name == "timeline":
            _apply_timeline(draft, section)
        elif name == "narrative" and text:
            own = section.heading.lower().strip(" :*_#") == "what happened" and not draft.narrative
            part = text if own else f"**{section.heading.strip(' :*_#')}**\n\n{text}"
            draft.narrative = "\n\n".join(p for p in (draft.narrative, part) if p)
        elif name in ("measures", "todo"):
            kind = "prevent" if name == "measures" else "fix"
            draft.actions += [
                Action(item, guess_action_kind(item, kind)) for item in list_items(section)
            ]
        elif name in ("went_well", "went_wrong", "lucky", "authors"):
            getattr(draft, name).extend(
                _author_names(section) if name == "authors" else list_items(section)
            )
        elif name == "date":
            draft.day = draft.day or find_day(text)
        elif name == "status":
            continue  # a legacy review's status says nothing reliable about schema v1's
        elif name == "duration":
            draft.duration = text
            _apply_duration(draft, text)
        elif text:
            _fill(draft, name, section.heading, text)


def _fill(draft: Draft, name: str, heading: str, text: str) -> None:
    """A field's text; a second section for the same field adds to it under its heading.

    The same heading twice ("Root Cause:" in one line, then in detail) keeps the longer."""
    previous = getattr(draft, name)
    key = re.sub(r"[^a-z0-9]+", " ", heading.lower()).strip()
    earlier = draft.headings.setdefault(name, key)
    if not previous or (earlier == key and len(text) >= len(previous)):
        setattr(draft, name, text)
    elif earlier != key and text not in previous:
        setattr(draft, name, f"{previous}\n\n**{heading.strip(' :*_#')}**\n\n{text}")


def keep(draft: Draft, heading: str, text: str, line: int) -> None:
    """Text no field takes goes to the narrative under its own heading, never dropped."""
    if text.strip():
        draft.kept.append((heading, text.strip()))
        where = f"section '{heading}'" if heading else "text before the first section"
        draft.unmapped.append(f"{line}: {where} kept in `narrative`")


def _apply_timeline(draft: Draft, section: Section) -> None:
    _, note = heading_note(section.heading)
    if note and lines.UTC_NOTE.search(note):
        draft.timezone = draft.timezone or "UTC"
    elif note:
        draft.clock_note = note
        keep(draft, "Timeline notes", f"The source's timeline heading says: {note}", section.line)
    day: date | None = None
    for number, text in section.lines:
        entry = timeline_entry(text)
        if entry is not None:
            at, event = entry
            if re.search(r"\d\s*(?:UTC|GMT|Z)\b", text):
                draft.timezone = draft.timezone or "UTC"
            if " " in at:
                draft.day = draft.day or date.fromisoformat(at.split()[0])
            if _IMPACT_BEGINS.search(event):
                draft.started = draft.started or at.split()[-1]
            if day is not None and " " not in at and day != draft.day:
                at = f"{day.isoformat()} {at}"
            draft.timeline.append((at, event))
        elif find_day(text) is not None and len(text) < 60:
            day = find_day(text)  # "2024-05-03 (all times UTC)" sets the day of what follows
            draft.timezone = draft.timezone or ("UTC" if "UTC" in text else None)
            draft.day = draft.day or day
        elif text.strip() and draft.timeline and text.startswith((" ", "\t")):
            at, event = draft.timeline[-1]
            draft.timeline[-1] = (at, f"{event} {text.strip()}")
        elif text.strip():
            keep(draft, "Timeline notes", text.strip(), number)


def _apply_duration(draft: Draft, text: str) -> None:
    span = read_duration(text)
    draft.start, draft.end = draft.start or span.start, draft.end or span.end
    draft.started = draft.started or span.clock_start
    draft.resolved = draft.resolved or span.clock_end
    draft.timezone = draft.timezone or span.zone
    draft.day = draft.day or find_day(text)


def _author_names(section: Section) -> list[str]:
    """One name per list item ("Jane Doe, incident commander"), or a comma-separated line."""
    if any(text.strip() for _, text in section.lines):
        items = [item for item in list_items(section) if item != section.inline]
        return [re.split(r"\s*[,(—–]|\s-\s", item)[0].strip("* ") for item in items]
    parts = re.split(r",|\band\b", section.inline)
    return [part.strip() for part in parts if part.strip()]


_ACTION_KINDS = (
    ("process", ("training", "review", "process", "checklist", "postmortem", "document")),
    ("detect", ("monitor", "alert", "dashboard", "detect", "page ")),
    ("mitigate", ("rollback", "roll back", "runbook", "failover", "circuit breaker")),
    ("prevent", ("staged", "canary", "load test", "load-test", "stress-test", "rate limit")),
    ("fix", ("patch", "fix", "bug", "repair")),
)


def guess_action_kind(title: str, default: str) -> str:
    """fix, prevent, detect, mitigate or process from the words of an action item."""
    lowered = title.lower()
    for kind, words in _ACTION_KINDS:
        if any(word in lowered for word in words):
            return kind
    return default
