"""The merged records → the text of a draft incident file (`status: draft`), facts only.

Every time is written in the draft's clock (`YYYY-MM-DD HH:MM:SS` local wall time; with
its UTC offset when that wall time happens twice, the night clocks go back). Each timeline
event names the source that recorded it. What the records propose rather than state
(the incident's times, services read from names, kinds read from chat words) carries a
`# review:` comment; what they do not say is listed in the header and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from .. import times
from ..files.atomic import AuthoringError
from ..files.yaml_write import ReviewedFields
from ..importers.common import Draft
from ..importers.vocabulary import names as mentions_whole
from ..importers.vocabulary import services_for, severity_for
from ..taxonomy import Taxonomy
from ..text.slugs import slugify
from .merge import Merged
from .records import Record

SUMMARY_FALLBACK = "the records hold no account of the incident; this is its title"


@dataclass
class DraftFile:
    stem: str
    text: str
    review: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def comment_text(text: str) -> str:
    """Export text made safe for a `#` comment line: one line, no control characters."""
    return " ".join(_CONTROL.sub(" ", text).split())


def written(moment: datetime, zone: tzinfo) -> str:
    """`moment` on the clock of `zone`: wall time, seconds when there are any, and the
    offset when the wall time alone would name another instant (clocks going back)."""
    moment = moment.replace(microsecond=0)  # exports give milliseconds; files seconds
    local = moment.astimezone(zone)
    wall = local.replace(tzinfo=None)
    shown = wall.strftime("%Y-%m-%d %H:%M:%S" if wall.second else "%Y-%m-%d %H:%M")
    if times.localize(wall, zone) != moment:
        return local.isoformat()
    return shown


def build_draft(
    records: list[Record],
    merged: Merged,
    taxonomy: Taxonomy,
    zone_name: str,
    title: str | None = None,
) -> DraftFile:
    zone = times.zone(zone_name)
    fields, unknown = ReviewedFields(comment_text), list(merged.left_out)
    title_text, title_review = _title(records, title)
    fields.add("title", title_text, title_review)
    stated = next((r.severity for r in records if r.severity), "")
    severity, why = severity_for(Draft(severity=stated), taxonomy)
    fields.add("severity", severity, f"the records' priority {stated}" if severity else "")
    if severity is None:
        unknown.append(f"severity: {why}")
    fields.add("status", "draft")
    fields.add("visibility", "internal")
    fields.add("timezone", zone_name)
    for name in ("started", "detected", "mitigated", "resolved"):
        proposal = merged.times.get(name)
        if proposal is None:
            unknown.append(f"{name}: no record shows it")
        else:
            fields.add(name, written(proposal.at, zone), proposal.because)
    services, unknown_services = _services(records, taxonomy)
    names = sorted({name for record in records for name in record.services})
    fields.add("services", services, f"mapped from {', '.join(names)}" if services else "")
    if unknown_services:
        unknown.append(
            f"services: {', '.join(unknown_services)} match no service of taxonomy.yaml "
            "(add an alias there, or the service)"
        )
    elif not services:
        unknown.append("services: the records name none")
    summary = next((r.summary for r in records if r.summary), "")
    fields.add(
        "summary",
        summary or title_text,
        "the status page's final update; rewrite it for someone who was not there"
        if summary
        else SUMMARY_FALLBACK,
    )
    timeline = [
        {"at": written(e.at, zone), "kind": e.kind, "event": f"{e.source}: {e.text}"}
        for e in merged.events
    ]
    guessed = sum(1 for e in merged.events if e.guessed)
    fields.add(
        "timeline",
        timeline,
        f"{guessed} event kind(s) from chat or CSV were read from their words" if guessed else "",
    )
    links: dict[str, str] = {}
    for name, url in (link for record in records for link in record.links):
        if len(name) > len(links.get(url, "")):
            links[url] = name  # the incident's own file names it best (`… #4127`)
    fields.add("links", [{"title": t, "url": u} for u, t in links.items()])
    notes = [note for record in records for note in record.notes]
    header = _header(records, unknown, notes)
    first = merged.times.get("started")
    day = f"{first.at.astimezone(zone):%Y-%m-%d}-" if first else ""
    stem = day + (slugify(title_text) or "incident")
    return DraftFile(stem, fields.render(header), fields.reviews, unknown)


def _title(records: list[Record], given: str | None) -> tuple[str, str]:
    if given:
        return " ".join(given.split())[:200], ""
    for record in records:
        if record.title:
            return record.title[:200], f"the title {record.source} gives"
    raise AuthoringError("no record states a title: give one with --title")


def _services(records: list[Record], taxonomy: Taxonomy) -> tuple[list[str], list[str]]:
    """Known service slugs for the records' service and component names, and the names
    that match none. A name matches a service whose slug, title or alias it is, or holds
    as whole words (`Checkout API` → checkout, `Payments (EU)` → the alias payments)."""
    names = list(dict.fromkeys(name for record in records for name in record.services))
    if taxonomy.services is None:
        return list(dict.fromkeys(s for s in (slugify(n) for n in names) if s)), []
    known: list[str] = []
    unmatched: list[str] = []
    for name in names:
        found, proposals, _ = services_for(Draft(services=[name]), taxonomy)
        slugs = [slug for slug in found if slug not in proposals.services]
        slugs = slugs or [
            term.slug
            for term in taxonomy.services
            if any(mentions_whole(name, word) for word in term.words())
        ]
        if slugs:
            known += slugs
        else:
            unmatched.append(name)
    return list(dict.fromkeys(known)), unmatched


def _header(records: list[Record], unknown: list[str], notes: list[str]) -> list[str]:
    sources = comment_text(", ".join(dict.fromkeys(record.source for record in records)))
    lines = [
        f"# Drafted by `postmortem draft` from the records of: {sources}.",
        "# Check every `# review:` line and write what records cannot say (impact, root cause,",
        "# resolution, action items), then set status: in-review.",
    ]
    if unknown:
        lines.append("# Not in the records, left out rather than guessed:")
        lines += [f"#   - {comment_text(item)}" for item in unknown]
    if notes:
        lines.append("# In the records, with no field to take it:")
        lines += [f"#   - {comment_text(note)}" for note in notes]
    return lines
