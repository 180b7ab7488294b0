"""Similar incidents by what they say, computed once per build for the whole archive.

Each incident is a TF-IDF vector (log-scaled term counts, stemmed) over its title, impact,
summary, root cause, resolution and timeline, plus one pseudo-word per root cause and per
service, counted several times so that a shared tag weighs like a few shared words. IDF
damps what many incidents share: a broad cause on a quarter of the archive adds little, a
rare one a lot, and the same holds for words ("payment" against "heap"). Two incidents are
similar by the cosine of their vectors; a pair below `MIN_SIMILARITY` is not linked.

Linear in the archive (plus n·log n sorting): an inverted index holds, per word, only the
incidents where it weighs most (`POSTINGS`), and each incident is compared with those
reached through its own strongest words (`QUERY_TERMS`), ranked by those words' share
of the cosine; the best few get their whole cosine. 10,000 incidents take seconds.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .model import Incident
from .taxonomy import Taxonomy

MIN_SIMILARITY = 0.07
"""Below this cosine two incidents are not called similar (judged on the relevance set)."""
VECTOR_TERMS = 30
"""The strongest words of an incident: its vector (compared after normalisation)."""
QUERY_TERMS = 16
"""The strongest words of an incident that look for candidates."""
POSTINGS = 60
"""Per word, the incidents it weighs most in: the only ones it leads to."""
SHORTLIST = 4
"""Candidates per wanted neighbour whose whole cosine is computed."""
CAUSE_REPEAT = 3
SERVICE_REPEAT = 1

_WORD = re.compile(r"[a-z][a-z0-9]+")
_STOP = frozenset(
    """a about after again all also an and any are as at back be been before being both but
    by can could did do does down during each even first for from further had has have having
    he her here him his how i if in into is it its just more most no nor not now of off on
    once only or other our out over own same she should so some still such than that the their
    them then there these they this those through to too under until up very was we were what
    when where which while who why will with would you your per via one two three four five
    min minutes hour hours utc incident""".split()  # noqa: SIM905
)
_stemmer = snowballstemmer.stemmer("english")
# Addresses and host names (`shop.example.com`, `https://…`): their pieces count for
# similarity, but a reason in words never cites them ("both mention shop and example").
_ADDRESS = re.compile(r"\S+://\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b\S*")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """Stemmed content words of `text` (no stop words, no single letters)."""
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


@dataclass(frozen=True)
class Similar:
    """Another incident like this one: how alike (cosine, 0–1) and why, in words."""

    incident: Incident
    score: float
    reason: str


class SimilarityIndex:
    """Every incident's nearest neighbours by content and tags, computed once."""

    def __init__(self, incidents: list[Incident], taxonomy: Taxonomy) -> None:
        self.incidents = incidents
        self.taxonomy = taxonomy
        self._surface: dict[str, Counter[str]] = defaultdict(Counter)
        self._prose: set[str] = set()  # stems seen outside addresses: a reason may cite them
        counts = [self._counts(incident) for incident in incidents]
        document_frequency: Counter[str] = Counter()
        for count in counts:
            document_frequency.update(count.keys())
        total = len(incidents)
        self.idf = {t: math.log((1 + total) / (1 + df)) for t, df in document_frequency.items()}
        self.vectors = [self._vector(count) for count in counts]
        self._postings = self._inverted_index()

    def _counts(self, incident: Incident) -> Counter[str]:
        text = " ".join([
            incident.title, incident.impact, incident.summary, incident.root_cause,
            incident.resolution, *(event.event for event in incident.timeline),
        ])  # fmt: skip
        counts: Counter[str] = Counter()
        self._prose.update(_stem(w) for w in _WORD.findall(_ADDRESS.sub(" ", text.lower())))
        for surface in _WORD.findall(text.lower()):
            if surface not in _STOP:
                stem = _stem(surface)
                counts[stem] += 1
                self._surface[stem][surface] += 1
        for cause in incident.root_causes:
            counts[f"cause:{cause}"] += CAUSE_REPEAT
        for service in incident.services:
            counts[f"service:{service}"] += SERVICE_REPEAT
        return counts

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        weights = {t: (1 + math.log(n)) * self.idf[t] for t, n in counts.items()}
        # The words that set an incident apart; the rest is what every review says.
        weights = dict(heapq.nlargest(VECTOR_TERMS, weights.items(), key=lambda tw: tw[1]))
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items() if w > 0}

    def _inverted_index(self) -> dict[str, list[tuple[int, float]]]:
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for position, vector in enumerate(self.vectors):
            for term, weight in vector.items():
                postings[term].append((position, weight))
        return {
            term: heapq.nlargest(POSTINGS, found, key=lambda pw: pw[1])
            if len(found) > POSTINGS
            else found
            for term, found in postings.items()
        }

    def nearest(self, position: int, limit: int) -> list[tuple[int, float]]:
        """Positions and cosines of the `limit` incidents most like the one at `position`."""
        vector = self.vectors[position]
        strongest = heapq.nlargest(QUERY_TERMS, vector.items(), key=lambda tw: tw[1])
        partial: defaultdict[int, float] = defaultdict(float)
        for term, weight in strongest:
            for other, other_weight in self._postings.get(term, ()):
                partial[other] += weight * other_weight
        partial.pop(position, None)
        # The strongest words' share of the cosine picks a shortlist; it gets the whole one.
        shortlist = heapq.nlargest(SHORTLIST * limit, partial.items(), key=lambda ps: ps[1])
        scored = ((p, self.cosine(vector, self.vectors[p])) for p, _ in shortlist)
        best = heapq.nlargest(limit, scored, key=lambda ps: (ps[1], -ps[0]))
        return [(p, s) for p, s in best if s >= MIN_SIMILARITY]

    @staticmethod
    def cosine(one: dict[str, float], other: dict[str, float]) -> float:
        if len(other) < len(one):
            one, other = other, one
        return sum(w * other.get(t, 0.0) for t, w in one.items())

    def reason(self, position: int, other: int) -> str:
        """Why two incidents are alike: their shared causes and services (from the files,
        whether or not they are among the strongest terms), then the words that weigh most
        in both: words of the text, not pieces of an address, at least three letters."""
        one, two = self.vectors[position], self.vectors[other]
        first, second = self.incidents[position], self.incidents[other]
        shared = sorted((t for t in one if t in two), key=lambda t: -one[t] * two[t])
        causes = [self._title("cause", f"cause:{c}") for c in first.root_causes
                  if c in second.root_causes]  # fmt: skip
        services = [self._title("service", f"service:{s}") for s in first.services
                    if s in second.services]  # fmt: skip
        common = [
            self._word(t) for t in shared
            if ":" not in t and t in self._prose and len(self._word(t)) >= 3
        ][:4]  # fmt: skip
        parts = []
        if causes:
            parts.append("same cause: " + ", ".join(causes))
        if services:
            parts.append("same service: " + ", ".join(services))
        if common:
            parts.append("both mention " + _and(common))
        return "; ".join(parts) or "similar wording"

    def _title(self, kind: str, term: str) -> str:
        slug = term.split(":", 1)[1]
        if kind == "cause":
            found = self.taxonomy.root_cause(slug)
            return found.title if found else slug
        return self.taxonomy.service(slug).title

    def _word(self, stem: str) -> str:
        return self._surface[stem].most_common(1)[0][0]


def _and(items: Iterable[str]) -> str:
    listed = list(items)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
