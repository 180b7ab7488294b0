"""/insights/: trends and distributions across the archive, as charts and as tables."""

from __future__ import annotations

from datetime import date

from ...archive import Archive, group_by_year
from ...metrics import (
    DURATION_METRICS,
    HISTOGRAM_BUCKETS,
    IMPACT_TIME,
    PERCENTILE_DEFINITION,
    TIME_TO_RESOLVE,
    Distribution,
    Metric,
    distribution,
    histogram,
    last_months,
    per_month,
)
from ...model import Incident
from ...text.markup import inline_html
from ...times import format_duration
from ..charts import Bars, bar_table
from ..common import (
    cause_chip,
    folded_table,
    front_matter,
    incident_link,
    plural,
    severity_badge,
    table,
)
from ..palette import severity_colour
from .lead import breakdowns, recurrence, resolve_over_time

SECTION = "insights"
MONTHS = 24

_DISTRIBUTION_COLUMNS = ["Known", "Median", "p90", "Max", "Missing"]


def _distribution_cells(figures: Distribution) -> list[str]:
    return [
        str(figures.count), format_duration(figures.median), format_duration(figures.p90),
        format_duration(figures.maximum), str(len(figures.missing)),
    ]  # fmt: skip


def _definitions() -> str:
    lines = [f"- **{m.name}** = {m.definition}." for m in (*DURATION_METRICS, IMPACT_TIME)]
    # Folded: the figures come first; what each word means is one click away.
    return (
        '<details class="pm-fold" markdown>\n<summary>Definitions: how each figure is '
        "measured</summary>\n\n" + "\n".join(lines) + "\n"
        f"- **Percentiles:** {PERCENTILE_DEFINITION}\n"
        "- **Known / Missing:** incidents with / without the timestamp a metric needs. "
        "Missing ones are counted and listed below, never silently dropped.\n"
        "- **Months and years** are those of `started` in the incident's own time zone.\n\n"
        "</details>\n\n"
    )


def _per_month(archive: Archive, today: date) -> str:
    """Incidents per month over the last 24 months when the archive fits in them, else per
    year over the archive's whole span."""
    months = last_months(today, MONTHS)
    starts = [i.started_at.date() for i in archive.incidents if i.started_at is not None]
    first = min(starts, default=today)
    if (first.year, first.month) < months[0]:
        return _per_year(archive)
    counts = per_month(archive.incidents, months)
    coarse = sum(1 for i in archive.incidents if i.precision("started") == "year")
    labels = [f"{year}-{month:02d}" for year, month in months]
    return (
        "## Incidents per month\n\n"
        f"The last {MONTHS} months up to {today.isoformat()}: "
        f"{plural(sum(counts), 'incident')}.{_uncounted(archive, coarse)}\n\n"
        + bar_table(["Month"], [[label] for label in labels],
                    [Bars.counts("Incidents", counts)], "months") + "\n\n"
    )  # fmt: skip


def _uncounted(archive: Archive, year_only: int = 0) -> str:
    """The sentence naming the incidents a chart by date leaves out, if any."""
    left_out = [
        f"{len(archive.undated)} whose start is unknown" if archive.undated else "",
        f"{year_only} known only to the year" if year_only else "",
    ]
    said = " and ".join(part for part in left_out if part)
    return f" Not counted: {said}." if said else ""


def _per_year(archive: Archive) -> str:
    years = group_by_year(archive.incidents)
    if not years:
        return f"## Incidents per year\n\nNo incident has a known start.{_uncounted(archive)}\n\n"
    span = list(range(min(years), max(years) + 1))
    counts = [len(years.get(year, [])) for year in span]
    resolve = [distribution(years.get(y, []), TIME_TO_RESOLVE).median for y in span]
    bars = [Bars.counts("Incidents", counts), Bars.durations("Median time to resolve", resolve)]
    return (
        "## Incidents per year\n\n"
        f"The archive spans {span[0]} to {span[-1]}, more than {MONTHS} months: counted by year "
        f"of `started`, {plural(len(archive) - len(archive.undated), 'incident')}."
        f"{_uncounted(archive)}\n\n"
        + bar_table(["Year"], [[str(year)] for year in span], bars, "years", latest=True)
        + "\n\n"
    )  # fmt: skip


def _per_severity(archive: Archive) -> str:
    counts = {severity: len(found) for severity, found in archive.by_severity.items()}
    titles = {s.id: s.title for s in archive.taxonomy.severities}
    labels = [[severity_badge(archive, sev), inline_html(titles.get(sev, ""))] for sev in counts]
    colours = [severity_colour(archive.taxonomy, sev)[0] for sev in counts]
    bars = [Bars.counts("Incidents", list(counts.values()), colours)]
    return (
        "## Incidents per severity\n\n"
        + bar_table(["Severity", "Name"], labels, bars, "severities") + "\n\n"
    )  # fmt: skip


def _root_causes(archive: Archive) -> str:
    figures = {
        slug: distribution(found, IMPACT_TIME) for slug, found in archive.by_root_cause.items()
    }
    counts = {slug: len(found) for slug, found in archive.by_root_cause.items()}

    def row(rank: int, slug: str) -> list[str]:
        impact = figures[slug]
        return [
            str(rank), cause_chip(archive, slug, SECTION), str(counts[slug]),
            format_duration(impact.total), str(len(impact.missing)),
        ]  # fmt: skip

    by_count = sorted(counts, key=lambda s: (-counts[s], -figures[s].total, s))
    by_impact = sorted(counts, key=lambda s: (-figures[s].total, -counts[s], s))
    headers = ["Rank", "Root cause", "Incidents", "Total impact time", "Without impact time"]
    return (
        "## Root causes\n\nAn incident with several root causes counts once for each. "
        "Total impact time adds up the impact time of the cause's incidents.\n\n"
        "### By number of incidents\n\n"
        + folded_table(headers, [row(n, s) for n, s in enumerate(by_count, 1)], "causes")
        + "\n\n### By total impact time\n\n"
        + folded_table(headers, [row(n, s) for n, s in enumerate(by_impact, 1)], "causes")
        + "\n\n"
    )  # fmt: skip


def _histograms(archive: Archive) -> str:
    columns = [
        (metric, histogram(distribution(archive.incidents, metric).durations))
        for metric in DURATION_METRICS
    ]
    known = "".join(
        f"- {metric.name}: {sum(counts)} of {plural(len(archive), 'incident')}\n"
        for metric, counts in columns
    )
    bars = [Bars.counts(metric.name, counts) for metric, counts in columns]
    return (
        "### Histograms\n\nIncidents per range of duration. Incidents with the time "
        f"recorded:\n\n{known}\n"
        + bar_table(["Range"], [[b.label] for b in HISTOGRAM_BUCKETS], bars, "ranges")
        + "\n\n"
    )


def _grouped(
    title: str, label: str, groups: list[tuple[str, list[Incident]]], metric: Metric
) -> str:
    # The distribution only: with a histogram's columns too the table was twice as wide
    # as the page's column (the histogram of all incidents is above).
    headers = [label, *_DISTRIBUTION_COLUMNS]
    rows = [[name, *_distribution_cells(distribution(found, metric))] for name, found in groups]
    return f"#### {title}\n\n" + folded_table(headers, rows, "rows") + "\n\n"


def _distributions(archive: Archive) -> str:
    overall = [
        [m.name, *_distribution_cells(distribution(archive.incidents, m))] for m in DURATION_METRICS
    ]
    severities = [(inline_html(s), found) for s, found in archive.by_severity.items() if found]
    causes = [(cause_chip(archive, s, SECTION), f) for s, f in archive.by_root_cause.items()]
    parts = [
        "## Time to detect, mitigate and resolve\n\n",
        "Distributions, not means: one long incident moves a mean a lot and a median little.\n\n",
        "### All incidents\n\n",
        table(["Metric", *_DISTRIBUTION_COLUMNS], overall) + "\n\n",
        _histograms(archive),
    ]
    for heading, label, groups in (
        ("Per severity", "Severity", severities),
        ("Per root cause", "Root cause", causes),
    ):
        parts.append(f"### {heading}\n\n")
        parts += [
            _grouped(f"{m.name}, {heading.lower()}", label, groups, m) for m in DURATION_METRICS
        ]
    return "".join(parts)


def _missing(archive: Archive) -> str:
    parts = ["## Incidents lacking a timestamp\n\n"]
    for metric in (*DURATION_METRICS, IMPACT_TIME):
        missing = distribution(archive.incidents, metric).missing
        parts.append(f"- **{metric.name}** (no {metric.needs}): {len(missing)}")
        parts.append(
            "".join(f"\n    - {incident_link(i, SECTION)}" for i in missing) + "\n"
            if missing
            else "\n"
        )
    return "".join(parts) + "\n"


def render_insights(archive: Archive, *, today: date) -> str:
    """The Markdown of /insights/."""
    return "".join([
        front_matter("Insights", "Incidents per month and severity, recurring root causes, "
                     "and how long we take to detect, mitigate and resolve."),
        "# Insights\n\n",
        f"Figures over the {plural(len(archive), 'incident')} of this build, "
        f"as of {today.isoformat()}. "
        "Each chart is a table: every bar has its number beside it.\n\n",
        _definitions(),
        _per_month(archive, today),
        _per_severity(archive),
        _root_causes(archive),
        recurrence(archive),
        breakdowns(archive),
        resolve_over_time(archive),
        _distributions(archive),
        _missing(archive),
    ])  # fmt: skip
