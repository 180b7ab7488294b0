"""A read source (`Draft`) → the text of an incident file, facts only.

Nothing is invented: no severity the source does not state, no placeholder service, no
date that is not the source's. What the source does not say stays out of the file and is
listed in its header for review; what was derived (a title made from the first sentence,
`detected` from the timeline) carries a `# review:` comment above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .. import precision, times
from ..scaffold import SCHEMA_COMMENT, dump_yaml
from ..sentences import first_sentence, plain_text
from ..slugs import slugify
from ..taxonomy import Taxonomy
from .clock import find_day, find_month
from .common import Draft, ImportRefused
from .review_header import comment_text, review_header
from .vocabulary import (
    Proposals,
    document_kinds,
    guess_event_kind,
    root_causes_for,
    services_for,
    severity_for,
    suggest,
)


@dataclass
class Built:
    """An incident file's name and text, with what it leaves for review."""

    stem: str
    text: str
    unknown: list[str]
    derived: list[str]
    proposals: Proposals = field(default_factory=Proposals)


_OFFSET = re.compile(r"\d(Z|[+-]\d{2}:?\d{2})$")


class _Fields:
    """Fields in schema order, each with an optional review comment."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Any, str]] = []
        self.derived: list[str] = []

    def add(self, key: str, value: Any, review: str = "") -> None:
        if value not in (None, "", [], {}):
            self.entries.append((key, value, review))
            if review:
                self.derived.append(f"{key}: {review}")

    def render(self, header: list[str]) -> str:
        lines = [SCHEMA_COMMENT, *header]
        for key, value, review in self.entries:
            if review:
                lines.append(f"# review: {comment_text(review)}")
            lines.append(dump_yaml({key: value}).rstrip("\n"))
        return "\n".join(lines) + "\n"


def build_incident_yaml(
    draft: Draft, taxonomy: Taxonomy, source_label: str, fingerprint: str = ""
) -> Built:
    """The incident file for `draft` (`started: unknown` when the source gives no date)."""
    _drop_unreadable_clocks(draft)
    fields, unknown = _Fields(), []
    title, title_review = _title(draft)
    fields.add("title", title, title_review)
    severity, severity_note = severity_for(draft, taxonomy)
    fields.add("severity", severity)
    if severity is None:
        unknown.append(f"severity: {severity_note}")
    fields.add("status", "draft")
    fields.add("visibility", "internal")
    fields.add("organisation", draft.organisation)
    fields.add("product", draft.product)
    fields.add("source_url", draft.source_url)
    started, start_review = _start(draft)
    if started == precision.UNKNOWN:
        unknown.append(
            "started: no date the importer could read (see what was not understood)"
            if draft.not_understood
            else "started: the source gives no date"
        )
    if not _placeable(draft, started):
        draft.kept.insert(0, ("Timeline (the source gives no date)", _as_list(draft)))
        unknown.append("timeline: the source's times have no date; kept as text in the narrative")
        draft.timeline, draft.resolved = [], None
    zone = draft.timezone or _zone_of_offset(started)
    fields.add("timezone", zone)
    if zone is None and _has_bare_times(draft, started) and not _OFFSET.search(started):
        said = f"says '{draft.clock_note}'" if draft.clock_note else "names none"
        unknown.append(f"timezone: the source {said}; its times are read as UTC")
    fields.add("started", _in_own_clock(started, zone), start_review)
    unknown += _add_ends(fields, draft, started, zone or "UTC")
    services, service_terms, from_text = services_for(draft, taxonomy)
    fields.add("services", services, "named in the source's text" if from_text else "")
    if not services:
        unknown.append("services: the source names none the taxonomy knows")
    causes, cause_terms = root_causes_for(draft, title, taxonomy)
    for kind in document_kinds(draft.categories):
        unknown.append(f"root_causes: category '{kind}' names the kind of report, not a cause")
    fields.add("root_causes", causes, "from the source's categories and words" if causes else "")
    fields.add("keywords", list(dict.fromkeys(draft.keywords)))
    for key, text in (("trigger", draft.trigger), ("detection", draft.detection)):
        fields.add(key, suggest(key, text, taxonomy), f"{key} read from: {text[:50]}…")
    fields.add("impact", draft.impact)
    summary, summary_review = _summary(draft, title)
    fields.add("summary", summary, summary_review)
    narrative = _narrative(draft)
    if summary_review and narrative.strip() == summary.strip():
        narrative = ""  # a one-paragraph source: its summary is its whole story, shown once
    fields.add("narrative", narrative)
    trigger_note = f"\n\nTrigger: {draft.trigger}" if draft.trigger else ""
    fields.add("root_cause", (draft.root_cause + trigger_note).strip())
    fields.add("resolution", draft.resolution)
    events = [
        {"at": at, "kind": guess_event_kind(event), "event": event} for at, event in draft.timeline
    ]
    fields.add("timeline", events, "event kinds read from their words" if events else "")
    items = [{k: v for k, v in vars(action).items() if v is not None} for action in draft.actions]
    fields.add("action_items", items, "kinds read from their words" if items else "")
    lessons = {"went_well": draft.went_well, "went_wrong": draft.went_wrong, "lucky": draft.lucky}
    fields.add("lessons", {key: value for key, value in lessons.items() if value})
    fields.add("authors", list(dict.fromkeys(draft.authors)))
    fields.add("links", [{"title": title, "url": url} for title, url in draft.links])
    proposals = Proposals()
    proposals.merge(service_terms)
    proposals.merge(cause_terms)
    header = review_header(source_label, fingerprint, unknown, proposals, draft.not_imported, draft)
    stem = "-".join(part for part in (_day_part(started), slugify(title) or "incident") if part)
    review = [*draft.reading_notes, *(f"not understood: {n}" for n in draft.not_understood)]
    return Built(stem, fields.render(header), [*review, *unknown], fields.derived, proposals)


def _drop_unreadable_clocks(draft: Draft) -> None:
    """A stated start, end, day or zone the schema cannot take (`9999-12-31`, `+23:00`,
    `PST`) is listed as not understood and left out: the rest of the source still imports."""
    for name in ("start", "end"):
        value = getattr(draft, name)
        problem = value and _unreadable_moment(value)
        if problem:
            draft.not_understood.append(f"{name} '{value}': {problem}")
            setattr(draft, name, None)
    for name in ("day", "file_day"):
        day = getattr(draft, name)
        if day is not None and day.year not in times.YEARS:
            draft.not_understood.append(f"date {day.isoformat()}: not a year 1000 to 2999")
            setattr(draft, name, None)
    if draft.timezone:
        try:
            times.zone(draft.timezone)
        except ValueError as error:
            draft.not_understood.append(f"timezone '{draft.timezone}': {error}")
            draft.timezone = None


def _unreadable_moment(value: str) -> str:
    """Why `value` is no time the schema takes ('' when it is one)."""
    try:
        offset_zone = _zone_of_offset(value)
        if precision.parse_moment(value).tzinfo is not None and offset_zone:
            times.zone(offset_zone)
    except ValueError as error:
        return str(error)
    return ""


def _title(draft: Draft) -> tuple[str, str]:
    if draft.title:
        return " ".join(draft.title.split())[:200], ""
    source = draft.summary or draft.narrative or draft.root_cause or draft.impact
    source = source or next((text for _, text in draft.kept), "")
    sentence = first_sentence(plain_text(source)).rstrip(".!?。")
    sentence = re.sub(r"^(?:the )?(?:root )?cause (?:was|is)\s+", "", sentence, flags=re.I)
    sentence = " ".join(re.sub(r"^(?:a|an|the)\s+", "", sentence, flags=re.I).split())
    if len(sentence) > 100:
        sentence = sentence[:101].rsplit(" ", 1)[0].rstrip(",;:–—- ") + "…"
    if not sentence:
        raise ImportRefused("no title and no text to name the incident by")
    title = sentence[:1].upper() + sentence[1:]
    return title, "the source has no title; this one is its first sentence"


def _start(draft: Draft) -> tuple[str, str]:
    """`started` as the source gives it: a full time, a date only, or the file name's date."""
    if draft.start:
        return draft.start, draft.start_note
    day = draft.day
    if day is None and draft.file_day is not None:
        day = draft.file_day
        if draft.started is None:
            return day.isoformat(), "the date is the one in the source's file name"
    review = ""
    if day is None:
        story = " ".join((draft.summary, draft.impact, draft.narrative, draft.duration))
        day = find_day(story)
        review = "the date is the first one in the source's summary or story"
        month = None if day or draft.started else find_month(story)
        if month:
            return month, "the month is the first one the source's summary or story names"
    if day is None:
        return precision.UNKNOWN, "the source gives no date; write it here if you know it"
    if draft.started:
        return f"{day.isoformat()} {draft.started}", review
    first = draft.timeline[0][0] if draft.timeline else None
    note = f"; its first timeline event is at {first}" if first else ""
    return day.isoformat(), "; ".join(
        p for p in (review, f"the source states no start time{note}") if p
    )


def _placeable(draft: Draft, started: str) -> bool:
    """Whether the timeline's times can be placed: the first carries its date, or `started`
    names the day a bare `HH:MM` stands on."""
    first = draft.timeline[0][0] if draft.timeline else draft.resolved
    if first is None or times.parse_clock(first) is None:
        return True
    return precision.precision_of(started) in ("minute", "day")


def _as_list(draft: Draft) -> str:
    lines = [f"- {at}: {event}" for at, event in draft.timeline]
    if draft.resolved:
        lines.append(f"- {draft.resolved}: resolved")
    return "\n".join(lines)


def _zone_of_offset(started: str) -> str | None:
    """`UTC-07:00` for a start at -07:00 (`UTC` at Z): the source states its clock, not its
    place, so its bare timeline times are read, and shown, in that clock."""
    if not _OFFSET.search(started) or precision.precision_of(started) != "minute":
        return None
    offset = precision.parse_moment(started).utcoffset()
    if not offset:
        return "UTC"
    sign, size = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    hours, seconds = divmod(int(size.total_seconds()), 3600)
    return times.offset_name(sign, hours, seconds // 60)


def _in_own_clock(stated: str, zone_name: str | None) -> str:
    """A source's timestamp in the incident's clock (`2024-09-14 19:10`) when the clock is
    UTC or a fixed offset and the timestamp's offset is that one; else as the source wrote it
    (a place's offset changes over the year: the stated one is kept)."""
    if zone_name is None or not (zone_name == "UTC" or times.OFFSET_ZONE.match(zone_name)):
        return stated
    if not _OFFSET.search(stated) or precision.precision_of(stated) != "minute":
        return stated
    moment = precision.parse_moment(stated)
    if moment.utcoffset() != times.zone(zone_name).utcoffset(None):
        return stated
    return moment.strftime("%Y-%m-%d %H:%M" + (":%S" if moment.second else ""))


def _has_bare_times(draft: Draft, started: str) -> bool:
    naive_start = precision.precision_of(started) == "minute" and not re.search(
        r"(Z|[+-]\d{2}:?\d{2})$", started
    )
    return naive_start or any(" " not in at for at, _ in draft.timeline)


def _add_ends(fields: _Fields, draft: Draft, started: str, zone_name: str) -> list[str]:
    """detected and mitigated from the timeline's words; resolved as stated, or `unknown`.

    Bare timeline times are read in the start's own offset when it has one; when `started`
    names no day, the timeline starts with a full date (see `_placeable`)."""
    parsed = precision.parse_or_unknown(started)
    zone = (parsed and parsed.tzinfo) or times.zone(zone_name)
    start = None if parsed is None else times.localize(parsed, zone)
    anchor = start if precision.precision_of(started) in ("minute", "day") else None
    moments = times.resolve_event_times([at for at, _ in draft.timeline], anchor, zone)
    kinds = [guess_event_kind(event) for _, event in draft.timeline]
    pairs = list(zip(moments, kinds, strict=True))
    found: dict[str, tuple[datetime | str | None, str]] = {
        "detected": (next((m for m, k in pairs if k == "detection"), None), "from the timeline"),
        "mitigated": (
            next((m for m, k in reversed(pairs) if k == "mitigation"), None),
            "from the timeline",
        ),
        "resolved": (
            moments[-1] if moments and kinds[-1] == "resolution" else None,
            "the timeline's last event",
        ),
    }
    if draft.end:
        found["resolved"] = (draft.end, "")
    elif draft.resolved and (anchor or times.parse_clock(draft.resolved) is None):
        found["resolved"] = (times.resolve_event_times([draft.resolved], anchor, zone)[0], "")
    previous = start
    unknown = []
    for name, (moment, review) in found.items():
        if isinstance(moment, str):
            fields.add(name, _in_own_clock(moment, zone_name), review)
            continue
        if moment is None or (previous is not None and moment < previous):
            if name == "resolved":
                fields.add("resolved", precision.UNKNOWN)
                unknown.append("resolved: the source records no end")
            continue
        fields.add(name, _written(moment, zone_name, bool(parsed and parsed.tzinfo)), review)
        previous = moment
    return unknown


def _written(moment: datetime, zone_name: str, offset_start: bool) -> str:
    """In the named zone when there is one; else with the source's own offset."""
    if offset_start and zone_name == "UTC" and moment.utcoffset():
        return moment.isoformat(timespec="minutes")
    return moment.astimezone(times.zone(zone_name)).strftime("%Y-%m-%d %H:%M")


def _day_part(started: str) -> str:
    """The date a file name starts with: as much of it as is known, nothing when unknown."""
    return {"year": started[:4], "month": started[:7], "unknown": ""}.get(
        precision.precision_of(started), started[:10]
    )


def _summary(draft: Draft, title: str) -> tuple[str, str]:
    if draft.summary:
        return draft.summary, ""
    if draft.intro:
        return draft.intro, "the source has no summary; this is its first paragraph"
    facts = [draft.impact, draft.root_cause.split("\n\n")[0]]
    summary = "\n\n".join(part for part in facts if part)
    if summary:
        return summary, "assembled from the source's facts; rewrite for someone who was not there"
    first = (draft.narrative or next((text for _, text in draft.kept), "")).split("\n\n")[0]
    if first:
        return first, "the source has no summary; this is the first paragraph of its story"
    return title, "the source has no summary; this is its title"


def _narrative(draft: Draft) -> str:
    """The source's story and every section no field takes, under its own heading."""
    parts = [draft.narrative] if draft.narrative else []
    if draft.detection:
        parts.append(f"**Detection**\n\n{draft.detection}")
    previous = None
    for heading, text in draft.kept:
        if heading and heading == previous:
            parts[-1] += "\n" + text
        else:
            parts.append(f"**{heading}**\n\n{text}" if heading else text)
        previous = heading
    return "\n\n".join(part for part in parts if part)
