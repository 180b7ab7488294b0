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

TIME_OF_DAY = r"(\d{1,2}:\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\b\.?)?"
_TIMELINE_LINE = re.compile(
    r"^(?:[-*+]\s+|\d+\.\s+)?(?P<bold>\*\*|__)?(?:(?P<day>\d{4}-\d{2}-\d{2})[ T])?"
    r"(?P<clock>\d{1,2}:\d{2})(?::\d{2})?\s*(?P<meridiem>[AaPp]\.?[Mm]\b\.?)?"
    r"(?:\s*(?:UTC|GMT|Z|[A-Z]{1,3}T)\b)?(?(bold)(?:\*\*|__))\s*(?:[:\-–—|]\s*)?(?P<event>\S.*)$"
)
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = "january february march april may june july august september october november december"
_MONTH_NUMBER = {name[:3]: number for number, name in enumerate(_MONTHS.split(), 1)}
_WRITTEN_DAY = re.compile(
    r"\b(?:(?P<m1>[A-Za-z]{3,9})\.? (?P<d1>\d{1,2})(?:st|nd|rd|th)?,? (?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)? (?P<m2>[A-Za-z]{3,9}),? (?P<y2>\d{4}))\b"
)
_IMPACT_BEGINS = re.compile(r"\b(?:outage|impact)\s+(?:begins|began|starts|started)\b", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")

# Heading (lowercased, punctuation dropped) → the field it fills.
SECTION_FIELDS: dict[str, str] = {
    "issue summary": "summary",
    "summary": "summary",
    "executive summary": "summary",
    "overview": "summary",
    "description": "summary",
    "what happened": "narrative",
    "duration": "duration",
    "date": "date",
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
    """The field a heading fills, or None when no importer knows it."""
    key = re.sub(r"[^a-z0-9]+", " ", heading.lower().replace("'", "")).strip()
    key = re.sub(r"^\d+ ", "", key)  # numbered headings: "3. Impact"
    return SECTION_FIELDS.get(key)


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
    started: str | None = None
    resolved: str | None = None
    timezone: str | None = None
    severity: str = ""
    summary: str = ""
    narrative: str = ""
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
    unmapped: list[str] = field(default_factory=list)


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


def clock_24h(clock: str, meridiem: str | None) -> str | None:
    """`3:15` + `PM` → `15:15`; None for an impossible time."""
    hours, minutes = (int(part) for part in clock.split(":"))
    if meridiem:
        if not 1 <= hours <= 12:
            return None
        is_pm = meridiem.lower().startswith("p")
        hours = hours % 12 + (12 if is_pm else 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def find_times(text: str) -> list[str]:
    """Every time of day in `text`, as 24-hour HH:MM."""
    found = (clock_24h(m[1], m[2]) for m in re.finditer(TIME_OF_DAY, text))
    return [t for t in found if t]


def find_day(text: str) -> date | None:
    """The first date written as 2024-08-12, August 12, 2024 or 12 August 2024."""
    candidates: list[tuple[int, date]] = []
    for iso in _ISO_DAY.finditer(text):
        try:
            candidates.append((iso.start(), date(int(iso[1]), int(iso[2]), int(iso[3]))))
        except ValueError:
            continue
    for written in _WRITTEN_DAY.finditer(text):
        month = _MONTH_NUMBER.get((written["m1"] or written["m2"])[:3].lower())
        day, year = written["d1"] or written["d2"], written["y1"] or written["y2"]
        try:
            if month:
                candidates.append((written.start(), date(int(year), month, int(day))))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else None


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
    """The list items of a section (`- x`, `1. x`), or its paragraphs when it has none."""
    items: list[str] = []
    for _, text in section.lines:
        item = _LIST_ITEM.match(text)
        if item:
            items.append(item[1].strip())
        elif text.strip() and items and text.startswith((" ", "\t")):
            items[-1] += " " + text.strip()  # a wrapped item
        elif text.strip():
            items.append(text.strip())
    if section.inline:
        items.insert(0, section.inline)
    return [item for item in items if item]


def apply_sections(draft: Draft, sections: list[Section]) -> None:
    """Fill `draft` from `sections` by heading; note the ones no field takes."""
    for section in sections:
        name = section_field(section.heading)
        text = section.text()
        if name is None:
            draft.unmapped.append(f"{section.line}: section '{section.heading}' was not imported")
            draft.unmapped += [
                f"{n}: not imported: {t.strip()}" for n, t in section.lines if t.strip()
            ]
        elif name == "group":
            _apply_group(draft, section)
        elif name == "timeline":
            _apply_timeline(draft, section)
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
            previous = getattr(draft, name)
            # A second "Root Cause" (the detailed one, after a one-line summary) wins.
            if len(text) >= len(previous):
                setattr(draft, name, text)


def _apply_group(draft: Draft, section: Section) -> None:
    if section.text():
        draft.unmapped.append(
            f"{section.line}: text directly under '{section.heading}' was not imported"
        )


def _apply_timeline(draft: Draft, section: Section) -> None:
    day: date | None = None
    for number, text in section.lines:
        entry = timeline_entry(text)
        if entry is not None:
            at, event = entry
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
            draft.unmapped.append(
                f"{number}: timeline line without a time, not imported: {text.strip()}"
            )


def _apply_duration(draft: Draft, text: str) -> None:
    times = find_times(text)
    if len(times) >= 2:
        draft.started, draft.resolved = draft.started or times[0], draft.resolved or times[-1]
    zone = re.search(r"\b(UTC|GMT)\b", text)
    if zone:
        draft.timezone = "UTC"
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
