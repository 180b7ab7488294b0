"""The controlled vocabulary of an archive: incidents/taxonomy.yaml."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .files.discover import TAXONOMY_FILE as TAXONOMY_FILE
from .model import SLUG

RequiredField = Literal[
    "summary", "root_cause", "resolution", "impact", "action_items", "root_causes", "services",
    "timeline", "lessons",
]  # fmt: skip
ActionItemField = Literal["owner", "due"]
REQUIRED: tuple[RequiredField, ...] = (
    "summary", "root_cause", "resolution", "impact", "action_items", "root_causes", "services",
)  # fmt: skip
ACTION_ITEM_FIELDS: tuple[ActionItemField, ...] = ("owner", "due")
PLACEHOLDERS = ("TODO", "TBD", "FIXME")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class PublishingRules(_Strict):
    """What a review needs before `status: published` (taxonomy.yaml's `publishing:`)."""

    required: tuple[RequiredField, ...] = REQUIRED
    """Fields a published review fills: any of summary, root_cause, resolution, impact,
    action_items, root_causes, services, timeline, lessons."""
    action_items_need: tuple[ActionItemField, ...] = ACTION_ITEM_FIELDS
    """What each action item of a published review gives: owner, due (the date)."""
    placeholders: tuple[str, ...] = PLACEHOLDERS
    """Words that mark unfinished text; none may be left in a published review."""
    placeholder_start: bool = True
    """Flag a start at 00:00 sharp, the time `postmortem new` leaves for the author."""
    timeline_checks: bool = True
    """Warn where the timeline or the file name disagree with the incident's times."""


class SeverityLevel(_Strict):
    """A severity, most severe first in the file."""

    id: Annotated[str, Field(min_length=1)]
    """What incident files write, such as SEV1."""
    title: str = ""
    """A short name: Critical, Major, …"""
    description: Annotated[str, Field(min_length=1)]
    """When to use it, so that two reviewers pick the same one."""


class Term(_Strict):
    """One tag of the vocabulary: a root cause, service, trigger, …"""

    slug: Annotated[str, Field(pattern=SLUG)]
    """What incident files write: lowercase words joined by hyphens."""
    title: Annotated[str, Field(min_length=1)]
    """The human name, shown on the site."""
    description: str = ""
    """What it means and how to tell it apart from its neighbours."""
    group: str = ""
    """An optional family (software, infrastructure, process, …)."""
    aliases: list[str] = []
    """Other names people search for it by (`OOM`, `out of memory`): synonyms in search."""

    def words(self) -> tuple[str, ...]:
        """Every way of naming this term: its slug as words, its title, its aliases."""
        return (self.slug.replace("-", " "), self.title, *self.aliases)


class Taxonomy(_Strict):
    """Severities and tags. Optional lists, when present, restrict what incidents may use."""

    severities: Annotated[list[SeverityLevel], Field(min_length=1)]
    """Severity levels, most severe first."""
    root_causes: Annotated[list[Term], Field(min_length=1)]
    """Root-cause tags."""
    services: list[Term] | None = None
    """Known services; when absent, any slug is accepted."""
    contributing_factors: list[Term] | None = None
    """Known contributing factors; when absent, any slug is accepted."""
    triggers: list[Term] | None = None
    """Known triggers; when absent, any slug is accepted."""
    detection_methods: list[Term] | None = None
    """Known ways of detection; when absent, any slug is accepted."""

    publishing: PublishingRules | None = None
    """What a review needs before `status: published` (see validation.rules.publish); when absent,
    nothing is required."""

    _indexes: dict[str, tuple[Any, dict[str, Any]]] = PrivateAttr(default_factory=dict)
    """List name → (the list, its items by id): every lookup is one dict access, so a
    taxonomy of 10,000 causes costs what the causes incidents use cost. Keyed by the list
    object itself, so a `model_copy` with another list never reads a stale index."""

    def _index(self, name: str, items: list[Any] | None, key: str = "slug") -> dict[str, Any]:
        cached = self._indexes.get(name)
        if cached is None or cached[0] is not items:
            index: dict[str, Any] = {}
            for item in items or []:
                index.setdefault(getattr(item, key), item)
            cached = (items, index)
            self._indexes[name] = cached
        return cached[1]

    def severity(self, severity_id: str | None) -> SeverityLevel | None:
        if severity_id is None:
            return None
        found: SeverityLevel | None = self._index("severities", self.severities, "id").get(
            severity_id
        )
        return found

    def severity_rank(self, severity_id: str | None) -> int:
        """0 for the most severe; unknown ids and unrated incidents sort last."""
        ranks = self._index("severity_ranks", self.severities, "id")
        level = ranks.get(severity_id) if severity_id is not None else None
        return self.severities.index(level) if level is not None else len(self.severities)

    def root_cause(self, slug: str) -> Term | None:
        found: Term | None = self._index("root_causes", self.root_causes).get(slug)
        return found

    def root_cause_title(self, slug: str) -> str:
        """The root cause's human name, or its slug when the taxonomy does not know it."""
        term = self.root_cause(slug)
        return term.title if term else slug

    def service(self, slug: str) -> Term:
        """The service's term, or a plain one made from its slug."""
        known: Term | None = self._index("services", self.services).get(slug)
        return known or Term(slug=slug, title=slug)

    def knows(self, field: str, value: str) -> bool:
        """Whether `value` is allowed in `field` (always, for a list the taxonomy leaves open)."""
        lists: dict[str, list[Any] | None] = {
            "severity": self.severities,
            "root_causes": self.root_causes,
            "services": self.services,
            "contributing_factors": self.contributing_factors,
            "trigger": self.triggers,
            "detection": self.detection_methods,
        }
        items = lists.get(field)
        if items is None:
            return True
        return value in self._index(field, items, "id" if field == "severity" else "slug")

    def vocabulary(self, field: str) -> list[str] | None:
        """Allowed values of an incident field, or None when any slug is allowed."""
        terms: dict[str, list[Term] | None] = {
            "root_causes": self.root_causes,
            "services": self.services,
            "contributing_factors": self.contributing_factors,
            "trigger": self.triggers,
            "detection": self.detection_methods,
        }
        if field == "severity":
            return [s.id for s in self.severities]
        chosen = terms.get(field)
        return None if chosen is None else [t.slug for t in chosen]
