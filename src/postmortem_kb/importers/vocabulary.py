"""Words of a source → the archive's vocabulary: root causes, services, severities, kinds.

Terms are matched by their slug, title and `aliases:` in taxonomy.yaml. What a source
states outright (front matter `services`, `categories`) and the taxonomy lacks is proposed
as a new term, never dropped and never swapped for a placeholder. Severity is taken only
when the source states one the taxonomy knows: it is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..taxonomy import Taxonomy, Term
from ..text.slugs import slugify
from .common import Draft


@dataclass
class Proposals:
    """Terms the sources need and the taxonomy lacks: slug → title, per list."""

    root_causes: dict[str, str] = field(default_factory=dict)
    services: dict[str, str] = field(default_factory=dict)

    def merge(self, other: Proposals) -> None:
        for slug, title in other.root_causes.items():
            self.root_causes.setdefault(slug, title)
        for slug, title in other.services.items():
            self.services.setdefault(slug, title)

    def __bool__(self) -> bool:
        return bool(self.root_causes or self.services)


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
        ("customer-report", ("customer", "support", "complain", "user report")),
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
        (
            "mitigation",
            ("mitigat", "scaled", "breathe again", "recover", "disabled", "paus", "restored"),
        ),
        ("detection", ("alert", "paged", "pages", "detected", "notice", "report", "sos")),
        ("escalation", ("escalat", "incident commander", "declared", "war room")),
        ("communication", ("status page", "announce", "notified", "communicat", "tweet")),
        ("investigation", ("investigat", "logs", "checked", "suspect", "identified", "ruled out")),
        ("investigation", ("responded", "dove", "looked", "found", "traced")),
    ),
}


def mentions(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}", text, re.IGNORECASE) is not None


def _first_guess(table: str, text: str) -> str | None:
    return next(
        (slug for slug, words in _GUESSES[table] if any(mentions(text, w) for w in words)), None
    )


def guess_event_kind(event: str) -> str:
    """detection, mitigation, … from the words of a timeline event; note when unsure."""
    return _first_guess("event", event) or "note"


def suggest(field: str, text: str, taxonomy: Taxonomy) -> str | None:
    """A trigger or detection slug for `text`, when the taxonomy allows it."""
    slug = _first_guess(field, text) if text else None
    allowed = taxonomy.vocabulary(field)
    return slug if slug and (allowed is None or slug in allowed) else None


def names(text: str, phrase: str) -> bool:
    """`phrase` stands in `text` as whole words (`push` is not in "pushed")."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


def _matching(terms: list[Term], text: str) -> list[str]:
    return [term.slug for term in terms if any(names(text, word) for word in term.words())]


def _stated(values: list[str], terms: list[Term]) -> tuple[list[str], dict[str, str]]:
    """Stated names → (known slugs, proposed slug → title); a name matches a term's words."""
    known: list[str] = []
    proposed: dict[str, str] = {}
    for value in values:
        words = {value.lower(), value.lower().replace("-", " "), value.lower().replace("_", " ")}
        term = next((t for t in terms if words & {w.lower() for w in t.words()}), None)
        slug = term.slug if term else slugify(value)
        if term:
            known.append(slug)
        elif slug:
            proposed[slug] = " ".join(re.split(r"[\s_-]+", value.strip()))
    return list(dict.fromkeys(known)), proposed


# Categories that name the kind of document a collection files, not what caused it.
DOCUMENT_KINDS = frozenset(
    (
        "postmortem",
        "post-mortem",
        "post mortem",
        "postmortems",
        "incident",
        "incidents",
        "incident report",
        "incident review",
        "outage",
        "outages",
        "rca",
        "uncategorized",
        "uncategorised",
    )
)


def document_kinds(categories: list[str]) -> list[str]:
    """The categories that only say the source is a postmortem."""
    return [c for c in categories if c.strip().lower() in DOCUMENT_KINDS]


def root_causes_for(draft: Draft, title: str, taxonomy: Taxonomy) -> tuple[list[str], Proposals]:
    """Root causes the source states (its categories) and those its words name."""
    kinds = document_kinds(draft.categories)
    causes = [c for c in draft.categories if c not in kinds]
    stated, proposed = _stated(causes, taxonomy.root_causes)
    words = (title, draft.root_cause, draft.trigger, draft.resolution, *draft.keywords)
    text = " ".join(words)
    found = list(dict.fromkeys([*stated, *_matching(taxonomy.root_causes, text)]))
    return [*found, *proposed], Proposals(root_causes=proposed)


def services_for(draft: Draft, taxonomy: Taxonomy) -> tuple[list[str], Proposals, bool]:
    """Services the source names: outright (proposed when new) or in its text (known only);
    and whether any came from its text rather than a stated list."""
    known = list(taxonomy.services or [])
    stated, proposed = _stated(draft.services, known)
    if taxonomy.services is None:
        stated, proposed = [*stated, *proposed], {}
    if draft.organisation and not draft.services:
        # A report of a named organisation that states no service (a public collection's
        # entry): its tags and words name that organisation's systems, not this archive's.
        return [*stated, *proposed], Proposals(services=proposed), False
    tagged, _ = _stated(draft.keywords, known)  # a tag naming a known service or its alias
    stated = list(dict.fromkeys([*stated, *tagged]))
    text = " ".join((draft.title, draft.summary, draft.narrative, draft.impact, draft.root_cause))
    # Only a service's own name counts in running text: aliases (`push`, `email`) are
    # everyday words there.
    named = [
        term.slug
        for term in known
        if any(names(text, word) for word in (term.slug.replace("-", " "), term.title))
    ]
    found = list(dict.fromkeys([*stated, *named]))
    return [*found, *proposed], Proposals(services=proposed), bool(set(named) - set(stated))


def severity_for(draft: Draft, taxonomy: Taxonomy) -> tuple[str | None, str]:
    """The stated severity when the taxonomy knows it; else None and what the source said."""
    said = " ".join(draft.severity.strip().split("\n\n")[0].split())
    if not said:
        return None, "the source states no severity"
    stated = re.sub(r"[\s-]", "", said).lower()
    for level in taxonomy.severities:
        if re.search(rf"\b{re.escape(level.id.lower())}\b", stated):
            return level.id, ""
    known = ", ".join(s.id for s in taxonomy.severities)
    return None, f"the source says severity '{said[:40]}', not one of {known}"
