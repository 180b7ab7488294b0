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
from .actions import read_items
from .formats.headings import section_field
from .lines import heading_note
from .timing.clock import find_day
from .timing.duration import read_duration, read_length
from .timing.timeline import Event, read_timeline
from .timing.when import When, read_when
from .timing.zones import Clock, note_clock, stated_clock


class ImportRefused(Exception):
    """The source cannot become an incident file without inventing a fact; says why."""


@dataclass
class Section:
    """A heading, the text on its own line (`Impact: 80% of users…`) and the lines under it."""

    heading: str
    line: int
    inline: str = ""
    lines: list[tuple[int, str]] = field(default_factory=list)
    level: int = 7
    field: str | None = None
    """The field it fills when its heading alone does not say (a sub-heading's parent's)."""
    hint: str = ""
    """The kind its heading gives its action items (`### Process`)."""
    own_level: int | None = None
    """The level its own heading had, when `level` was lowered to take in time headings."""

    def name(self) -> str | None:
        return self.field or section_field(self.heading)

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
    due: str | None = None
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
    """What the timeline's heading says of its clock when no clock can be read from it."""
    clock: Clock | None = None
    """The clock the source states for its times (`All times in PST`)."""
    clock_said: str = ""
    """The words that state it."""
    impact_start: When | None = None
    """The start of impact as a labelled line states it (`Impact time: 2022-04-15 4:35`)."""
    impact_end: When | None = None
    length: str = ""
    """How long the incident lasted, as `Duration: 2 h 15 min` states it (minutes)."""
    year_hint: int | None = None
    literal: frozenset[int] = frozenset()
    """Line numbers of code blocks: never read as timeline entries."""
    timeline_notes: int = 0
    """Lines of the timeline that are no event, kept in the narrative."""
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
    timeline: list[Event] = field(default_factory=list)
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
    when = read_when(line)
    if when is None or when.clock is None or not when.rest:
        return None
    at = f"{when.day.isoformat()} {when.clock}" if when.day else when.clock
    return at, when.rest


def list_items(section: Section) -> list[str]:
    """The list items of a section (`- x`, `1. x`), or its lines when it has none."""
    return lines.list_items(section.lines, section.inline)


def apply_sections(draft: Draft, sections: list[Section]) -> None:
    """Fill `draft` from `sections` by heading; note the ones no field takes."""
    draft.day = draft.day or find_day(draft.title)  # "# 2021-07-04 Fireworks overloaded…"
    draft.year_hint = draft.year_hint or _year_hint(draft, sections)
    _find_clock(draft, sections)
    for section in sections:
        name = section.name()
        if name in _ONE_LINE and section.inline and any(t.strip() for _, t in section.lines):
            _after_label(draft, section)
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
            _apply_actions(draft, section, "prevent" if name == "measures" else "fix")
        elif name in ("went_well", "went_wrong", "lucky", "authors"):
            getattr(draft, name).extend(
                _author_names(section) if name == "authors" else list_items(section)
            )
        elif name == "date":
            draft.day = draft.day or find_day(text)
        elif name in ("status", "clock"):
            continue  # a legacy review's status says nothing reliable about schema v1's
        elif name in ("impact_start", "impact_end"):
            _apply_moment(draft, name, section, text)
        elif name == "duration":
            draft.duration = text
            _apply_duration(draft, text)
        elif text:
            _fill(draft, name, section.heading, text)


_ONE_LINE = ("date", "status", "clock", "severity", "impact_start", "impact_end", "duration")
"""Labels whose value is the rest of their line (`**Date:** 2020-09-17`): the paragraphs
below them are the story, not the value."""


def _after_label(draft: Draft, section: Section) -> None:
    body = "\n".join(t for _, t in section.lines).strip()
    first = next(n for n, t in section.lines if t.strip())
    section.lines = []
    story = [p for p in body.split("\n\n") if not LABEL_LINE.match(p) and not _is_clock(p)]
    draft.intro = draft.intro or (story[0] if story else "")
    keep(draft, "", body, first)


LABEL_LINE = re.compile(r"^[*_]*[^\s:*_][^:\n]{0,40}:[*_]*\s+\S")


def _is_clock(paragraph: str) -> bool:
    return len(paragraph) < 80 and stated_clock(paragraph) is not None


def _year_hint(draft: Draft, sections: list[Section]) -> int | None:
    """The year of the incident, for dates written without one (`Apr 15 14:02`)."""
    if draft.start and draft.start[:4].isdigit():
        return int(draft.start[:4])
    if draft.day:
        return draft.day.year
    for section in sections:
        day = find_day(f"{section.heading} {section.text()}")
        if day:
            return day.year
    return None


def _find_clock(draft: Draft, sections: list[Section]) -> None:
    """The clock the source states: the timeline heading's note first, then a sentence
    anywhere (`All times in PST`, `Timezone: CET`)."""
    if draft.clock is not None:
        return
    for section in sections:
        name = section.name()
        _, note = heading_note(section.heading)
        if name == "timeline" and note:
            clock = note_clock(note)
            if clock is not None:
                draft.clock, draft.clock_said = clock, note
                return
        if name == "clock":
            clock = note_clock(section.text())
            if clock is not None:
                draft.clock, draft.clock_said = clock, f"{section.heading}: {section.text()}"
                return
    for text in (draft.intro, draft.narrative, *(f"{s.heading}: {s.inline}" for s in sections),
                 *(t for s in sections for _, t in s.lines if s.name() != "todo")):  # fmt: skip
        clock = stated_clock(text)
        if clock is not None:
            draft.clock, draft.clock_said = clock, " ".join(text.split())[:80]
            return


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
    elif note and note_clock(note) is None:
        draft.clock_note = note
        keep(draft, "Timeline notes", f"The source's timeline heading says: {note}", section.line)
    body = list(section.lines)
    if section.inline:
        body.insert(0, (section.line, section.inline))
    found = read_timeline(body, year_hint=draft.year_hint, literal=draft.literal)
    if found.clock is not None and draft.clock is None:
        draft.clock, draft.clock_said = found.clock, found.clock_said
    for event in found.events:
        if event.text:
            draft.timeline.append(event)
        else:
            draft.unmapped.append(f"{event.line}: a time with no event ({event.clock}) left out")
    for number, text in found.notes:
        keep(draft, "Timeline notes", text.rstrip() if text.strip() else text, number)
    draft.timeline_notes += len(found.notes)


def _apply_actions(draft: Draft, section: Section, default: str) -> None:
    items, rest = read_items(section.lines, draft.year_hint)
    if section.inline:
        first, _ = read_items([(section.line, section.inline)], draft.year_hint)
        items = first + items
    kind_hint = section.hint
    for item in items:
        if not item.title.strip():
            continue
        kind = kind_hint or guess_action_kind(item.title, default)
        draft.actions.append(Action(item.title, kind, item.owner, item.status, item.due, item.link))
    if rest:
        text = "\n".join(t for _, t in rest)
        keep(draft, section.heading, text, rest[0][0])


def _apply_moment(draft: Draft, name: str, section: Section, text: str) -> None:
    """`Impact time: 2022-04-15 04:35 PST` (a range too: `04:35 – 05:20 PST`)."""
    when = read_when(text, year_hint=draft.year_hint)
    if when is None or (when.clock is None and when.day is None):
        keep(draft, section.heading, text, section.line)
        return
    setattr(draft, name, when)
    if when.clock_written is not None and draft.clock is None:
        draft.clock, draft.clock_said = when.clock_written, f"{section.heading}: {text}"[:80]
    if name == "impact_start" and when.rest:
        end = read_when(
            re.sub(r"^(?:to|until|till|[-–—])\s*", "", when.rest), year_hint=draft.year_hint
        )
        if end is not None and end.clock is not None and draft.impact_end is None:
            draft.impact_end = end


def _apply_duration(draft: Draft, text: str) -> None:
    span = read_duration(text)
    draft.start, draft.end = draft.start or span.start, draft.end or span.end
    draft.started = draft.started or span.clock_start
    draft.resolved = draft.resolved or span.clock_end
    draft.timezone = draft.timezone or span.zone
    draft.day = draft.day or find_day(text)
    if not (span.start or span.clock_start):
        draft.length = draft.length or read_length(text)


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
