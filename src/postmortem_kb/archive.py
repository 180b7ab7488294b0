"""All incidents of an archive, with the indexes the site is built from."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from .model import Incident
from .taxonomy import Taxonomy

RELATED_LIMIT = 5


def group_by_year(incidents: Iterable[Incident]) -> dict[int, list[Incident]]:
    """Year (of `started`, in the incident's zone) → incidents, in the order given."""
    years: dict[int, list[Incident]] = defaultdict(list)
    for incident in incidents:
        years[incident.started_at.year].append(incident)
    return dict(years)


@dataclass(frozen=True)
class Related:
    """Another incident worth reading, and why."""

    incident: Incident
    reason: str


class Archive:
    """Validated incidents, newest first, and their indexes (computed once, on demand)."""

    def __init__(self, taxonomy: Taxonomy, incidents: list[Incident]) -> None:
        self.taxonomy = taxonomy
        self.incidents = sorted(incidents, key=lambda i: (i.started_at, i.id), reverse=True)
        self.by_id = {incident.id: incident for incident in self.incidents}

    def __len__(self) -> int:
        return len(self.incidents)

    def visible(self, *, include_internal: bool, include_drafts: bool) -> Archive:
        """The archive a build publishes: internal incidents and drafts left out on request."""
        kept = [
            i
            for i in self.incidents
            if (include_internal or i.visibility == "public")
            and (include_drafts or i.status != "draft")
        ]
        if len(kept) == len(self.incidents):
            return self
        ids = {i.id for i in kept}
        pruned = [
            i.model_copy(update={"related": [r for r in i.related if r in ids]}) for i in kept
        ]
        for before, after in zip(kept, pruned, strict=True):
            after.bind(before.id, before.source)
        return Archive(self.taxonomy, pruned)

    @cached_property
    def by_root_cause(self) -> dict[str, list[Incident]]:
        """Root-cause slug → incidents carrying it, newest first; taxonomy order."""
        return self._index(lambda i: i.root_causes, [t.slug for t in self.taxonomy.root_causes])

    @cached_property
    def by_service(self) -> dict[str, list[Incident]]:
        """Service slug → incidents affecting it, newest first; by name."""
        return self._index(lambda i: i.services, None)

    @cached_property
    def by_year(self) -> dict[int, list[Incident]]:
        """Year (of `started`, in the incident's zone) → incidents, newest year first."""
        return group_by_year(self.incidents)

    @cached_property
    def by_severity(self) -> dict[str, list[Incident]]:
        """Severity id → incidents, newest first; every taxonomy level, most severe first,
        even when it has none, then any id the taxonomy does not know."""
        levels: dict[str, list[Incident]] = {s.id: [] for s in self.taxonomy.severities}
        for incident in self.incidents:
            levels.setdefault(incident.severity, []).append(incident)
        return levels

    def _index(
        self, tags: Callable[[Incident], list[str]], order: list[str] | None
    ) -> dict[str, list[Incident]]:
        index: dict[str, list[Incident]] = defaultdict(list)
        for incident in self.incidents:
            for tag in tags(incident):
                index[tag].append(incident)
        keys = [k for k in order if k in index] if order is not None else sorted(index)
        return {key: index[key] for key in keys}

    def co_occurring_causes(self, slug: str) -> list[tuple[str, int]]:
        """Other root causes seen in the same incidents as `slug`, most frequent first."""
        counts: Counter[str] = Counter()
        for incident in self.by_root_cause.get(slug, []):
            counts.update(c for c in incident.root_causes if c != slug)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    @cached_property
    def _position(self) -> dict[str, int]:
        """Newest first: 0 is the most recent incident."""
        return {incident.id: index for index, incident in enumerate(self.incidents)}

    @cached_property
    def _positions_by_cause(self) -> dict[str, list[int]]:
        return {k: [self._position[i.id] for i in v] for k, v in self.by_root_cause.items()}

    @cached_property
    def _positions_by_service(self) -> dict[str, list[int]]:
        return {k: [self._position[i.id] for i in v] for k, v in self.by_service.items()}

    @staticmethod
    def _shared(incident: Incident, other: Incident) -> str:
        causes = [c for c in incident.root_causes if c in other.root_causes]
        services = [s for s in incident.services if s in other.services]
        parts = ["same root cause: " + ", ".join(causes)] if causes else []
        parts += ["same service: " + ", ".join(services)] if services else []
        return "; ".join(parts)

    @cached_property
    def _linked_from(self) -> dict[str, list[str]]:
        back: dict[str, list[str]] = defaultdict(list)
        for incident in self.incidents:
            for other in incident.related:
                back[other].append(incident.id)
        return back

    def related(self, incident: Incident, limit: int = RELATED_LIMIT) -> list[Related]:
        """Explicit links first, then incidents sharing root causes (2 points) or services (1)."""
        chosen: dict[str, str] = {}
        for linked in incident.related:
            chosen.setdefault(linked, "linked by the authors")
        for linking in self._linked_from.get(incident.id, []):
            chosen.setdefault(linking, "links to this incident")
        # Candidates come from the cause and service indexes, not a scan of the archive:
        # every incident page asks, so a scan would make the build quadratic.
        # Scores are kept by position (newest first), which is also the tie-break.
        scores: Counter[int] = Counter()
        for cause in incident.root_causes:
            scores.update(dict.fromkeys(self._positions_by_cause.get(cause, ()), 2))
        for service in incident.services:
            scores.update(dict.fromkeys(self._positions_by_service.get(service, ()), 1))
        ranked = sorted(scores, key=lambda p: (-scores[p], p))
        wanted = max(0, limit - len(chosen))
        for position in ranked:
            if wanted == 0:
                break
            other = self.incidents[position]
            if other.id != incident.id and other.id not in chosen:
                chosen[other.id] = self._shared(incident, other)
                wanted -= 1
        return [Related(self.by_id[i], reason) for i, reason in chosen.items() if i in self.by_id][
            :limit
        ]
