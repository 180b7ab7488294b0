"""All incidents of an archive, with the indexes the site is built from."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from .model import Incident
from .similar import SimilarityIndex
from .taxonomy import Taxonomy

RELATED_LIMIT = 5


def group_by_year(incidents: Iterable[Incident]) -> dict[int, list[Incident]]:
    """Year (of `started`, in the incident's zone) → incidents, in the order given.
    Incidents whose start is unknown belong to no year (see `Archive.undated`)."""
    years: dict[int, list[Incident]] = defaultdict(list)
    for incident in incidents:
        if incident.started_at is not None:
            years[incident.started_at.year].append(incident)
    return dict(years)


def newest_first(incidents: Iterable[Incident]) -> list[Incident]:
    """Dated incidents newest first, then those whose start is unknown, by title."""
    incidents = list(incidents)
    dated = [(i.started_at, i) for i in incidents if i.started_at is not None]
    undated = [i for i in incidents if i.started_at is None]
    dated.sort(key=lambda pair: (pair[0], pair[1].id), reverse=True)
    undated.sort(key=lambda i: (i.title.casefold(), i.id))
    return [i for _, i in dated] + undated


@dataclass(frozen=True)
class Related:
    """Another incident worth reading, and why."""

    incident: Incident
    reason: str


class Archive:
    """Validated incidents, newest first, and their indexes (computed once, on demand)."""

    def __init__(self, taxonomy: Taxonomy, incidents: list[Incident]) -> None:
        self.taxonomy = taxonomy
        self.incidents = newest_first(incidents)
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
    def undated(self) -> list[Incident]:
        """Incidents whose start is unknown (`started: unknown`), by title."""
        return [i for i in self.incidents if i.started_at is None]

    @cached_property
    def by_severity(self) -> dict[str, list[Incident]]:
        """Severity id → incidents, newest first; every taxonomy level, most severe first,
        even when it has none, then any id the taxonomy does not know, then "unrated"."""
        levels: dict[str, list[Incident]] = {s.id: [] for s in self.taxonomy.severities}
        for incident in self.incidents:
            levels.setdefault(incident.severity_label, []).append(incident)
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
    def similarity(self) -> SimilarityIndex:
        """Incidents alike by content and tags (built once, on first use)."""
        return SimilarityIndex(self.incidents, self.taxonomy)

    @cached_property
    def _linked_from(self) -> dict[str, list[str]]:
        back: dict[str, list[str]] = defaultdict(list)
        for incident in self.incidents:
            for other in incident.related:
                back[other].append(incident.id)
        return back

    def related(self, incident: Incident, limit: int = RELATED_LIMIT) -> list[Related]:
        """The authors' links first (both ways), then the incidents most alike in what they
        say and in their rarer causes and services (`similar.SimilarityIndex`)."""
        chosen: dict[str, str] = {}
        for linked in incident.related:
            chosen.setdefault(linked, "linked by the authors")
        # A link from another incident's authors counts when the two are alike, too: a
        # later review may link back to every incident it cites for one broad reason.
        linking = set(self._linked_from.get(incident.id, []))
        position = self._position[incident.id]
        for other, _ in self.similarity.nearest(position, limit + len(chosen)):
            other_id = self.incidents[other].id
            if len(chosen) >= limit:
                break
            if other_id not in chosen:
                reason = self.similarity.reason(position, other)
                chosen[other_id] = f"links here; {reason}" if other_id in linking else reason
        return [Related(self.by_id[i], reason) for i, reason in chosen.items() if i in self.by_id][
            :limit
        ]
