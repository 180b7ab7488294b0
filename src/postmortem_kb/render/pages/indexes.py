"""Index pages: the archive, root causes and services, and the home page's live figures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from ...archive import Archive, group_by_year
from ...metrics import TIME_TO_RESOLVE, distribution
from ...model import Incident
from ...taxonomy import Term
from ...text.markup import attribute, inline_html, prose_block
from ...times import format_duration
from ..charts import Bars, bar_table
from ..common import (
    INCIDENTS_DIR,
    ROOT_CAUSES_DIR,
    SERVICES_DIR,
    UNKNOWN_DATE,
    cause_chip,
    day,
    duration,
    front_matter,
    heading,
    incident_link,
    plural,
    service_chip,
    severity_badge,
    status_badge,
    table,
    unsearched,
)
from ..templates import render_template, safe


def median_time_to_resolve(incidents: Iterable[Incident]) -> timedelta | None:
    """Nearest-rank median (see metrics.py), as on /insights/."""
    return distribution(incidents, TIME_TO_RESOLVE).median


LISTED_CHIPS = 12
"""Root causes (and services) shown on an incident's row of a listing; its page has all."""


def _incident_cell(archive: Archive, incident: Incident, section: str) -> str:
    """The title, with its root causes and services as chips on a line under it: the title
    takes the table's width instead of sharing it with two columns of chips."""
    causes = incident.root_causes[:LISTED_CHIPS]
    chips = [cause_chip(archive, c, section) for c in causes]
    if len(incident.root_causes) > LISTED_CHIPS:  # each listing row stays small: the cost of
        # a cause page is not the number of causes its incidents carry
        chips.append(f"+{len(incident.root_causes) - LISTED_CHIPS} more")
    chips += [service_chip(archive, s, section) for s in incident.services[:LISTED_CHIPS]]
    link = incident_link(incident, section)
    # The archive filter's words: the names search knows its causes and services by too
    # (slugs and the taxonomy's aliases: "OOM" finds a memory leak), not shown.
    terms = [t for c in incident.root_causes if (t := archive.taxonomy.root_cause(c))]
    terms += [archive.taxonomy.service(s) for s in incident.services]
    names = " ".join(dict.fromkeys(n for t in terms for n in t.words()))
    words = f'<span class="pm-words" hidden>{inline_html(names)}</span>' if names else ""
    return f'{link}<br><span class="pm-chips">{" ".join(chips)}</span>{words}' if chips else link


def _incident_rows(archive: Archive, incidents: list[Incident], section: str) -> list[list[str]]:
    return [
        [
            day(i), _incident_cell(archive, i, section), severity_badge(archive, i.severity_label),
            status_badge(i.status), duration(i),
        ]
        for i in incidents
    ]  # fmt: skip


_UNDATED = "unknown"
"""The year filter's value for incidents whose start is unknown."""
_COLUMNS = ["Date", "Incident, root causes and services", "Severity", "Status", "Duration"]


def _options(name: str, label: str, values: list[tuple[str, str]]) -> str:
    options = "".join(
        f'<option value="{attribute(v)}">{inline_html(t)}</option>' for v, t in values
    )
    return (
        f'<label>{label} <select data-filter="{name}"><option value="">all</option>'
        f"{options}</select></label>"
    )


def render_archive_index(archive: Archive) -> str:
    """/incidents/: every incident, newest first, grouped by year, with a client-side filter."""
    taxonomy, services = archive.taxonomy, archive.by_service
    controls = " ".join([
        '<label>Words <input type="search" data-filter="text" placeholder="leak, OOM, dns…">'
        "</label>",
        _options("severity", "Severity", [(s.id, s.id) for s in taxonomy.severities]),
        _options("service", "Service", [(s, taxonomy.service(s).title) for s in services]),
        _options("cause", "Root cause", [
            (c, taxonomy.root_cause_title(c)) for c in archive.by_root_cause
        ]),
        _options("year", "Year", [(str(y), str(y)) for y in archive.by_year]
                 + ([(_UNDATED, "Date unknown")] if archive.undated else [])),
    ])  # fmt: skip
    groups: list[tuple[str, str, list[Incident]]] = [
        (str(year), str(year), incidents) for year, incidents in archive.by_year.items()
    ]
    if archive.undated:
        groups.append(("Date unknown", _UNDATED, archive.undated))
    years = [
        # Listings stay out of search: the incident pages themselves are indexed.
        (
            safe(heading(2, title, searchable=False)),
            key,
            safe(table(_COLUMNS, _incident_rows(archive, incidents, INCIDENTS_DIR))),
        )
        for title, key, incidents in groups
    ]
    return render_template(
        "archive-index.md.j2",
        archive=archive,
        front_matter=safe(front_matter("Incident archive", "Every incident review, newest first.")),
        count=plural(len(archive), "incident"),
        controls=safe(controls),
        years=years,
        cause_section=ROOT_CAUSES_DIR,
        service_section=SERVICES_DIR,
    )


def _figures(incidents: list[Incident]) -> str:
    if not incidents:
        return "No incident yet.\n"
    dated = [i for i in incidents if i.started_at is not None]
    first, last = (day(dated[-1]), day(dated[0])) if dated else (UNKNOWN_DATE, UNKNOWN_DATE)
    undated = len(incidents) - len(dated)
    resolve = distribution(incidents, TIME_TO_RESOLVE)
    return (
        f"- **Incidents:** {len(incidents)}"
        + (f" ({undated} with an unknown date)" if undated else "")
        + f"\n- **First seen:** {first}\n"
        f"- **Last seen:** {last}\n"
        f"- **Median time to resolve:** {format_duration(resolve.median)}\n"
        f"- **90th percentile time to resolve:** {format_duration(resolve.p90)}\n"
        f"- **Without a resolved time:** {len(resolve.missing)}\n"
    )


def _trend(incidents: list[Incident], archive: Archive) -> str:
    """Incidents and median time to resolve per year over the whole archive's span, so
    that every cause's and service's chart reads against the same years."""
    if not incidents or not archive.by_year:
        return ""
    years = group_by_year(incidents)
    span = list(range(min(archive.by_year), max(archive.by_year) + 1))
    bars = [
        Bars.counts("Incidents", [len(years.get(year, [])) for year in span]),
        Bars.durations(
            "Median time to resolve",
            [median_time_to_resolve(years.get(year, [])) for year in span],
        ),
    ]
    return (
        "\n"
        + heading(2, "Per year", searchable=False)
        + bar_table(["Year"], [[str(y)] for y in span], bars, "years", latest=True)
        + "\n"
    )


def _term_page(
    title: str,
    term: Term,
    incidents: list[Incident],
    archive: Archive,
    section: str,
    *,
    feed: str = "",
    more: str = "",
) -> str:
    rows = _incident_rows(archive, incidents, section)
    listing = (
        f'<div class="pm-archive" markdown>\n\n{table(_COLUMNS, rows)}\n\n</div>\n\n'
        if rows
        else "No incident carries it yet.\n\n"
    )
    return render_template(
        "term-page.md.j2",
        term=term,
        archive=archive,
        front_matter=safe(front_matter(title, term.description, boost=1.5)),
        title=safe(inline_html(title)),
        description=safe(prose_block(term.description)),
        feed=safe(feed),
        figures=safe(_figures(incidents)),
        trend=safe(_trend(incidents, archive)),
        incidents=safe(heading(2, "Incidents", searchable=False) + listing),
        more=safe(more),
    )


def render_root_cause_page(archive: Archive, term: Term, *, feed: bool = False) -> str:
    """/root-causes/<slug>/: its incidents, figures, and the causes seen with it; with
    `feed`, a link to its Atom feed (root-causes/<slug>/feed.xml)."""
    incidents = archive.by_root_cause.get(term.slug, [])
    together = archive.co_occurring_causes(term.slug)[:LISTED_CHIPS]
    more = heading(2, "Seen together with", searchable=False) + "\n".join(
        f"- {cause_chip(archive, slug, ROOT_CAUSES_DIR)} in {count} of these incidents"
        for slug, count in together
    ) + "\n" if together else ""  # fmt: skip
    return _term_page(
        f"Root cause: {term.title}", term, incidents, archive, ROOT_CAUSES_DIR, more=more,
        feed=f"[Atom feed of this root cause]({term.slug}/feed.xml)\n\n" if feed else "",
    )  # fmt: skip


def _described(link: str, description: str | None) -> str:
    """A term's link with its description under it: the description wraps in the column
    the name takes, instead of a column of its own that a phone cannot fit."""
    if not description:
        return link
    return f'{link}<br><span class="pm-from">{inline_html(description)}</span>'


def render_root_cause_index(archive: Archive) -> str:
    rows = []
    for slug, incidents in archive.by_root_cause.items():
        term = archive.taxonomy.root_cause(slug)
        if term is None:
            continue
        rows.append([
            _described(f"[{inline_html(term.title)}]({term.slug}.md)", term.description),
            inline_html(term.group or "—"), str(len(incidents)),
            day(incidents[0]) if incidents else "—",
        ])  # fmt: skip
    rows.sort(key=lambda r: -int(r[2]))
    unused = len(archive.taxonomy.root_causes) - len(rows)
    others = (
        f" {plural(unused, 'other cause')} of the taxonomy, in no incident here, are not listed."
    )
    return render_template(
        "term-index.md.j2",
        archive=archive,
        front_matter=safe(front_matter(
            "Root causes", "Every root cause of the archive, with its incidents."
        )),
        title="Root causes",
        intro=(
            "Each cause links to every incident that carries it, most frequent first."
            + (others if unused else "")
            + "\n\n"
        ),
        listing=safe(unsearched(table(
            ["Root cause", "Group", "Incidents", "Last seen"], rows
        ))),
    )  # fmt: skip


def render_service_page(archive: Archive, slug: str) -> str:
    term = archive.taxonomy.service(slug)
    incidents = archive.by_service.get(slug, [])
    causes: dict[str, int] = {}
    for incident in incidents:
        for cause in incident.root_causes:
            causes[cause] = causes.get(cause, 0) + 1
    ranked = sorted(causes.items(), key=lambda kv: (-kv[1], kv[0]))
    more = heading(2, "Root causes on this service", searchable=False) + "\n".join(
        f"- {cause_chip(archive, c, SERVICES_DIR)}: {n}" for c, n in ranked
    ) + "\n" if ranked else ""  # fmt: skip
    title = f"Service: {term.title}"
    return _term_page(title, term, incidents, archive, SERVICES_DIR, more=more)


def render_service_index(archive: Archive) -> str:
    rows = []
    for slug, incidents in sorted(archive.by_service.items(), key=lambda kv: -len(kv[1])):
        term = archive.taxonomy.service(slug)
        rows.append([
            _described(f"[{inline_html(term.title)}]({slug}.md)", term.description),
            str(len(incidents)), day(incidents[0]),
            format_duration(median_time_to_resolve(incidents)),
        ])  # fmt: skip
    return render_template(
        "term-index.md.j2",
        archive=archive,
        front_matter=safe(front_matter("Services", "Every service that had an incident.")),
        title="Services",
        intro="",
        listing=safe(unsearched(table(
            ["Service", "Incidents", "Last incident", "Median time to resolve"], rows
        ))),
    )  # fmt: skip


def render_home_figures(archive: Archive, base: str = "") -> dict[str, str]:
    """Markdown for the markers of a hand-written page (docs/index.md here), whose links
    reach the archive's root through `base` (`SiteLayout.base_from`)."""
    latest = "\n".join(
        f"- {day(i)} {severity_badge(archive, i.severity_label)} "
        f"[{inline_html(i.title)}]({base}{INCIDENTS_DIR}/{i.id}.md)"
        + ("" if i.status == "published" else f" {status_badge(i.status)}")
        for i in archive.incidents[:5]
    )
    ranked = sorted(archive.by_root_cause.items(), key=lambda kv: -len(kv[1]))[:8]
    causes = "\n".join(
        f"- [{inline_html(archive.taxonomy.root_cause_title(c))}]"
        f"({base}{ROOT_CAUSES_DIR}/{c}.md): {plural(len(found), 'incident')}"
        for c, found in ranked
    )
    # Each count says what it counts: the causes the incidents carry, of the taxonomy's.
    known = len(archive.taxonomy.root_causes)
    count = (f"**{len(archive)}** incidents · **{len(archive.by_root_cause)}** root causes "
             f"seen (of {known} in the taxonomy) · **{len(archive.by_service)}** services "
             "affected")  # fmt: skip
    return {"figures": count, "latest": latest, "top-causes": causes}
