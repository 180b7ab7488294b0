"""/insights/ for the lead: what sets incidents off, how they are found, what makes them
worse, whether time to resolve improves, and how often a root cause comes back."""

from __future__ import annotations

from collections.abc import Callable

from ...archive import Archive, group_by_year
from ...metrics import TIME_TO_RESOLVE, distribution
from ...model import Incident
from ...taxonomy import Term
from ...text.markup import inline_html
from ..charts import Bars, bar_table
from ..common import heading, plural, term_title

_NONE = "(not recorded)"


def _breakdown(
    archive: Archive, title: str, terms: list[Term] | None, values: Callable[[Incident], list[str]]
) -> str:
    groups: dict[str, list[Incident]] = {}
    for incident in archive.incidents:
        for value in values(incident) or [""]:
            groups.setdefault(value, []).append(incident)
    known = sum(1 for incident in archive.incidents if any(values(incident)))
    what = title.lower()
    said = f"A {what} is recorded for {known} of {plural(len(archive), 'incident')}.\n\n"
    if not known:
        return heading(3, f"By {what}", searchable=False) + said
    ranked = sorted(groups.items(), key=lambda kv: (not kv[0], -len(kv[1]), kv[0]))
    names = [term_title(terms, slug) if slug else _NONE for slug, _ in ranked]
    counts = [len(found) for _, found in ranked]
    bars = [
        Bars.counts("Incidents", counts),
        Bars.durations(
            "Median time to resolve",
            [distribution(found, TIME_TO_RESOLVE).median for _, found in ranked],
        ),
    ]
    return (
        heading(3, f"By {what}", searchable=False)
        + said
        + bar_table([title], [[inline_html(name)] for name in names], bars, what + "s")
        + "\n\n"
    )


def breakdowns(archive: Archive) -> str:
    """Incidents by trigger, by how they were detected and by contributing factor."""
    taxonomy = archive.taxonomy
    return (
        heading(2, "What sets incidents off and how we find them", searchable=False)
        + "An incident with several contributing factors counts once for each.\n\n"
        + _breakdown(archive, "Trigger", taxonomy.triggers, lambda i: [i.trigger or ""])
        + _breakdown(
            archive, "Detection", taxonomy.detection_methods, lambda i: [i.detection or ""]
        )
        + _breakdown(
            archive,
            "Contributing factor",
            taxonomy.contributing_factors,
            lambda i: list(i.contributing_factors),
        )
    )


def resolve_over_time(archive: Archive) -> str:
    """Median time to resolve per year, with how many incidents of the year have one."""
    years = group_by_year(archive.incidents)
    if not years:
        return ""
    span = list(range(min(years), max(years) + 1))
    figures = [distribution(years.get(y, []), TIME_TO_RESOLVE) for y in span]
    rows = [
        [str(y), f"{f.count} of {len(years.get(y, []))}"]
        for y, f in zip(span, figures, strict=True)
    ]
    bars = [Bars.durations("Median time to resolve", [f.median for f in figures])]
    known = sum(f.count for f in figures)
    return (
        heading(2, "Time to resolve over the years", searchable=False)
        + f"{known} of {plural(len(archive), 'incident')} have this time recorded.\n\n"
        + bar_table(["Year", "Incidents with the time"], rows, bars, "years", latest=True)
        + "\n\n"
    )  # fmt: skip


def recurrence(archive: Archive) -> str:
    """The share of incidents with a root cause that an earlier incident already had."""
    seen: set[str] = set()
    repeats: list[Incident] = []
    with_cause = 0
    # Oldest first; an incident with no date is neither before nor after another.
    for incident in reversed(archive.incidents):
        if incident.started_at is None:
            continue
        if incident.root_causes:
            with_cause += 1
            if seen & set(incident.root_causes):
                repeats.append(incident)
        seen |= set(incident.root_causes)
    if not with_cause:
        return ""
    share = round(100 * len(repeats) / with_cause)
    return (
        heading(2, "Root causes seen before", searchable=False)
        + f"**{share}%** of the incidents with a known root cause ({len(repeats)} of "
        f"{with_cause}) had a root cause that an earlier incident already had."
        + (f" Left out: {plural(len(archive.undated), 'incident')} with no known date."
           if archive.undated else "")
        + "\n\n"
    )  # fmt: skip
