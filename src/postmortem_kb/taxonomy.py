"""The controlled vocabulary of an archive: incidents/taxonomy.yaml."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from .model import SLUG
from .publish_rules import PublishingRules

TAXONOMY_FILE = "taxonomy.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


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
    """What a review needs before `status: published` (see publish_rules); when absent,
    nothing is required."""

    def severity(self, severity_id: str | None) -> SeverityLevel | None:
        return next((s for s in self.severities if s.id == severity_id), None)

    def severity_rank(self, severity_id: str | None) -> int:
        """0 for the most severe; unknown ids and unrated incidents sort last."""
        ids = [s.id for s in self.severities]
        return ids.index(severity_id) if severity_id in ids else len(ids)

    def root_cause(self, slug: str) -> Term | None:
        return next((t for t in self.root_causes if t.slug == slug), None)

    def root_cause_title(self, slug: str) -> str:
        """The root cause's human name, or its slug when the taxonomy does not know it."""
        term = self.root_cause(slug)
        return term.title if term else slug

    def service(self, slug: str) -> Term:
        """The service's term, or a plain one made from its slug."""
        known = next((t for t in self.services or [] if t.slug == slug), None)
        return known or Term(slug=slug, title=slug)

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
