"""Figures across incidents: nearest-rank percentiles, duration histograms, monthly counts.

Pure functions over `Incident`s; the render modules turn them into tables and charts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Incident

PERCENTILE_DEFINITION = (
    "Percentiles use the nearest-rank method: with the n known durations sorted in "
    "ascending order, the p-th percentile is the one at rank ⌈p/100 × n⌉ (counting from 1). "
    "The median is the 50th percentile, so it is always one of the observed durations "
    "(the lower of the two middle ones when n is even)."
)


def nearest_rank(sorted_values: Sequence[float], percent: float) -> float:
    """The `percent`-th percentile of ascending `sorted_values` by the nearest-rank method."""
    if not sorted_values:
        raise ValueError("no values")
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass(frozen=True)
class Metric:
    """A duration measured from `started`, and the field that ends it."""

    name: str
    definition: str
    measure: Callable[[Incident], timedelta | None]
    needs: str


def _impact(incident: Incident) -> timedelta | None:
    return incident.time_to_mitigate or incident.time_to_resolve


TIME_TO_DETECT = Metric(
    "Time to detect", "detected − started", lambda i: i.time_to_detect, "detected"
)
TIME_TO_MITIGATE = Metric(
    "Time to mitigate", "mitigated − started", lambda i: i.time_to_mitigate, "mitigated"
)
TIME_TO_RESOLVE = Metric(
    "Time to resolve", "resolved − started", lambda i: i.time_to_resolve, "resolved"
)
IMPACT_TIME = Metric(
    "Impact time",
    "mitigated − started, or resolved − started when the incident has no `mitigated`",
    _impact,
    "mitigated or resolved",
)
DURATION_METRICS = (TIME_TO_DETECT, TIME_TO_MITIGATE, TIME_TO_RESOLVE)


@dataclass(frozen=True)
class Distribution:
    """Known durations of one metric over a group of incidents, and who lacks one."""

    durations: tuple[timedelta, ...]
    missing: tuple[Incident, ...]

    @property
    def count(self) -> int:
        return len(self.durations)

    def percentile(self, percent: float) -> timedelta | None:
        if not self.durations:
            return None
        seconds = [d.total_seconds() for d in self.durations]
        return timedelta(seconds=nearest_rank(seconds, percent))

    @property
    def median(self) -> timedelta | None:
        return self.percentile(50)

    @property
    def p90(self) -> timedelta | None:
        return self.percentile(90)

    @property
    def maximum(self) -> timedelta | None:
        return self.durations[-1] if self.durations else None

    @property
    def total(self) -> timedelta:
        return sum(self.durations, timedelta(0))


def distribution(incidents: Iterable[Incident], metric: Metric) -> Distribution:
    """The metric over `incidents`: known durations sorted ascending, the rest as missing."""
    known: list[timedelta] = []
    missing: list[Incident] = []
    for incident in incidents:
        value = metric.measure(incident)
        if value is None:
            missing.append(incident)
        else:
            known.append(value)
    return Distribution(tuple(sorted(known)), tuple(missing))


@dataclass(frozen=True)
class Bucket:
    """A histogram bin: durations in [low, high); `high` None is open-ended."""

    label: str
    low: timedelta
    high: timedelta | None


def _minutes(value: int) -> timedelta:
    return timedelta(minutes=value)


# ASCII labels: they go into Mermaid axis strings as they are.
HISTOGRAM_BUCKETS = (
    Bucket("under 15 min", timedelta(0), _minutes(15)),
    Bucket("15-30 min", _minutes(15), _minutes(30)),
    Bucket("30-60 min", _minutes(30), _minutes(60)),
    Bucket("1-2 h", _minutes(60), _minutes(120)),
    Bucket("2-4 h", _minutes(120), _minutes(240)),
    Bucket("4-8 h", _minutes(240), _minutes(480)),
    Bucket("8-24 h", _minutes(480), _minutes(1440)),
    Bucket("1 d or more", _minutes(1440), None),
)


def histogram(durations: Iterable[timedelta]) -> list[int]:
    """How many durations fall in each of `HISTOGRAM_BUCKETS` (negative ones in the first)."""
    counts = [0] * len(HISTOGRAM_BUCKETS)
    for value in durations:
        index = next(
            (n for n, b in enumerate(HISTOGRAM_BUCKETS) if b.high is None or value < b.high),
            len(HISTOGRAM_BUCKETS) - 1,
        )
        counts[index] += 1
    return counts


def last_months(today: date, count: int) -> list[tuple[int, int]]:
    """The `count` calendar months ending with `today`'s, oldest first, as (year, month)."""
    index = today.year * 12 + today.month - 1
    return [(n // 12, n % 12 + 1) for n in range(index - count + 1, index + 1)]


def per_month(incidents: Iterable[Incident], months: list[tuple[int, int]]) -> list[int]:
    """Incidents started (in their own zone) in each of `months`, (year, month) pairs."""
    slots = {month: n for n, month in enumerate(months)}
    counts = [0] * len(months)
    for incident in incidents:
        started = incident.started_at
        if started is None or incident.precision("started") == "year":
            continue  # no month is known
        slot = slots.get((started.year, started.month))
        if slot is not None:
            counts[slot] += 1
    return counts
