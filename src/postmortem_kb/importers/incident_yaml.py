"""A read source (`Draft`) → the text of an incident file, facts only.

Nothing is invented: no severity the source does not state, no placeholder service, no
date that is not the source's. What the source does not say stays out of the file and is
listed in its header for review; what was derived (a title made from the first sentence,
`detected` from the timeline) carries a `# review:` comment above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .. import partial_dates, times
from ..files.yaml_write import ReviewedFields
from ..taxonomy import Taxonomy
from ..text.sentences import first_sentence, plain_text
from ..text.slugs import slugify
from .common import LABEL_LINE, Draft, ImportRefused
from .review_header import comment_text, review_header
from .timing.moments import Times, write_moments, zone_of_offset
from .vocabulary import (
    Proposals,
    document_kinds,
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
    read: list[str] = field(default_factory=list)
    """What was read: events, action items, the clock and why, what the narrative keeps."""


_OFFSET = re.compile(r"\d(Z|[+-]\d{2}:?\d{2})$")


def build_incident_yaml(
    draft: Draft, taxonomy: Taxonomy, source_label: str, fingerprint: str = ""
) -> Built:
    """The incident file for `draft` (`started: unknown` when the source gives no date)."""
    _drop_unreadable_clocks(draft)
    fields, unknown = ReviewedFields(comment_text), []
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
    clock = write_moments(draft, fields.add, unknown)
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
    fields.add(
        "timeline", clock.events, "event kinds read from their words" if clock.events else ""
    )
    items = [_action(vars(action)) for action in draft.actions]
    fields.add("action_items", items, "kinds read from their words" if items else "")
    lessons = {"went_well": draft.went_well, "went_wrong": draft.went_wrong, "lucky": draft.lucky}
    fields.add("lessons", {key: value for key, value in lessons.items() if value})
    fields.add("authors", list(dict.fromkeys(draft.authors)))
    fields.add("links", [{"title": title, "url": url} for title, url in draft.links])
    proposals = Proposals()
    proposals.merge(service_terms)
    proposals.merge(cause_terms)
    header = review_header(source_label, fingerprint, unknown, proposals, draft.not_imported, draft)
    day = _day_part(clock.started)
    stem = "-".join(part for part in (day, _undated_slug(title, day) or "incident") if part)
    read = _what_was_read(draft, clock, items)
    review = [*draft.reading_notes, *(f"not understood: {n}" for n in draft.not_understood)]
    return Built(stem, fields.render(header), [*review, *unknown], fields.reviews, proposals, read)


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
        offset_zone = zone_of_offset(value)
        if partial_dates.parse_moment(value).tzinfo is not None and offset_zone:
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


def _undated_slug(title: str, day: str) -> str:
    """The title's slug without the date the file name already starts with."""
    slug = slugify(title)
    if not day:
        return slug
    forms = {day, day.replace("-", "")}
    if len(day) == 10:
        value = datetime.strptime(day, "%Y-%m-%d")
        for fmt in ("%b-%d-%Y", "%B-%d-%Y", "%d-%b-%Y", "%d-%B-%Y", "%b-%-d-%Y", "%B-%-d-%Y",
                    "%-d-%b-%Y", "%-d-%B-%Y"):  # fmt: skip
            forms.add(value.strftime(fmt).lower())
    for form in sorted(forms, key=len, reverse=True):
        slug = re.sub(rf"(?:^|-){re.escape(form)}(?=-|$)", "", slug)
    return slug.strip("-")


def _action(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _what_was_read(draft: Draft, clock: Times, items: list[dict[str, Any]]) -> list[str]:
    done = sum(1 for item in items if item.get("status") == "done")
    read = [
        f"read: {clock.placed} timeline event(s)"
        + (f", {clock.left_out} kept as text" if clock.left_out else "")
        + (
            f", {draft.timeline_notes} timeline line(s) kept in the narrative"
            if draft.timeline_notes
            else ""
        ),
        f"read: {len(items)} action item(s), {done} done",
        f"read: clock {clock.zone or 'none'}: {clock.why}",
    ]
    kept = list(
        dict.fromkeys(heading or "text before the first section" for heading, _ in draft.kept)
    )
    if kept:
        read.append("read: the narrative keeps " + ", ".join(f"'{k}'" for k in kept))
    return read


def _day_part(started: str) -> str:
    """The date a file name starts with: as much of it as is known, nothing when unknown."""
    return {"year": started[:4], "month": started[:7], "unknown": ""}.get(
        partial_dates.precision_of(started), started[:10]
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
    story = (draft.narrative or next((text for _, text in draft.kept), "")).split("\n\n")
    first = next((p for p in story if not LABEL_LINE.match(p)), "")
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
