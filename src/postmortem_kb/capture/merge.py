"""Records of several sources → one timeline in time order, and the incident's times as
the records show them (each a proposal for review, never more than the records say).

- detected: the first detection event (an alert firing, a page, a message that says so);
- started: that moment, or an alert's `startsAt` when earlier (the condition that fired it
  began then); impact may have begun before anything noticed it, hence the review mark;
  with no detection at all, the first event (a file needs a start; the mark says why);
- resolved: the last stated resolution (the pager resolved, the status page resolved, the
  alert closed); none when no record says so;
- mitigated: the last stated mitigation (an alert resolved, the status page monitoring)
  before that resolution.
Events whose kind was read from words (chat, CSV) never set `mitigated` or `resolved`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .records import Event, Record


@dataclass(frozen=True)
class Proposal:
    """A proposed incident time and the event it comes from."""

    at: datetime
    because: str


@dataclass
class Merged:
    events: list[Event]
    times: dict[str, Proposal] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)


def merge(records: list[Record]) -> Merged:
    rank = {id(record): number for number, record in enumerate(records)}
    tagged = [(event, rank[id(record)]) for record in records for event in record.events]
    tagged.sort(key=lambda pair: (pair[0].at, pair[1], pair[0].order))
    events = [event for event, _ in tagged]
    return Merged(events, *_times(events, records))


def _said(event: Event) -> str:
    words = event.text if len(event.text) <= 60 else event.text[:59].rstrip() + "…"
    return f"{event.source}: {words}"


def _times(events: list[Event], records: list[Record]) -> tuple[dict[str, Proposal], list[str]]:
    found: dict[str, Proposal] = {}
    left_out: list[str] = []
    first = next((e for e in events if e.kind == "detection"), None)
    if first is not None:
        found["detected"] = Proposal(first.at, f"the first detection, {_said(first)}")
    fired = [(r.impact_started, r.source) for r in records if r.impact_started is not None]
    earliest = min(fired, default=None, key=lambda pair: pair[0])
    if earliest is not None and (first is None or earliest[0] < first.at):
        found["started"] = Proposal(
            earliest[0],
            f"{earliest[1]}: the alert's condition began; impact may have begun earlier",
        )
    elif first is not None:
        found["started"] = Proposal(
            first.at, "the first sign in the records; impact may have begun earlier"
        )
    elif events:
        found["started"] = Proposal(
            events[0].at,
            f"no record shows a detection; this is the first event, {_said(events[0])}",
        )
    stated = [e for e in events if not e.guessed]
    resolution = next((e for e in reversed(stated) if e.kind == "resolution"), None)
    if resolution is not None:
        found["resolved"] = Proposal(resolution.at, f"the last resolution, {_said(resolution)}")
    before = [e for e in stated if resolution is None or e.at <= resolution.at]
    mitigation = next((e for e in reversed(before) if e.kind == "mitigation"), None)
    if mitigation is not None:
        found["mitigated"] = Proposal(mitigation.at, f"the last mitigation, {_said(mitigation)}")
    previous: datetime | None = None
    for name in ("started", "detected", "mitigated", "resolved"):
        proposal = found.get(name)
        if proposal is None:
            continue
        if previous is not None and proposal.at < previous:
            left_out.append(f"{name}: the records' {name} comes before an earlier time; left out")
            del found[name]
            continue
        previous = proposal.at
    return found, left_out
