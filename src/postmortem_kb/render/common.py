"""Pieces every generated page shares: front matter, links, dates, chips, diagrams."""

from __future__ import annotations

import json
from datetime import date, datetime, tzinfo

from markdown.extensions.toc import slugify

from ..archive import Archive
from ..model import ActionItem, Incident
from ..partial_dates import format_partial
from ..taxonomy import Term
from ..text import sentences
from ..text.markup import attribute, inline_html, safe_url
from ..text.sentences import shortened
from ..times import format_duration
from . import palette
from .urls import INCIDENTS_DIR as INCIDENTS_DIR
from .urls import ROOT_CAUSES_DIR as ROOT_CAUSES_DIR
from .urls import SERVICES_DIR as SERVICES_DIR


def front_matter(
    title: str,
    description: str = "",
    boost: float | None = None,
    *,
    searchable: bool = True,
    pagefind: bool = False,
    hide: tuple[str, ...] = (),
) -> str:
    """YAML front matter. MkDocs' templates do not escape the title: it is escaped here.

    `searchable=False` keeps the whole page out of Material's search index; `pagefind`
    puts it in Pagefind's (the theme override reads it): only incident pages, since the
    generated listings repeat incidents' titles and would crowd the incidents out of the
    results. `hide` lists the parts of Material's frame the page goes without."""
    # ensure_ascii=False: YAML would read a JSON \ud83d\udd25 pair as two lone surrogates.
    lines = ["---", f"title: {json.dumps(attribute(title), ensure_ascii=False)}"]
    if description:
        summary = json.dumps(attribute(description)[:300], ensure_ascii=False)
        lines.append(f"description: {summary}")
    if not searchable:
        lines += ["search:", "  exclude: true"]
    elif boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    lines.append(f"pagefind: {'true' if pagefind else 'false'}")
    if hide:
        lines += ["hide:", *(f"  - {part}" for part in hide)]
    return "\n".join([*lines, "---", ""])


# Material's search makes one entry per heading; a heading carrying these attributes is
# left out with everything under it, up to the next heading. Pagefind leaves out the text
# of the element itself (its filters and meta still count): diagram sources, listings.
UNSEARCHED = "data-search-exclude data-pagefind-ignore"


def heading(level: int, title: str, *, anchor: str = "", searchable: bool = True) -> str:
    """A Markdown heading of plain `title`, with a fixed id (by default the one MkDocs would
    give it, but fixed, so an incident's title cannot take it) and, unless `searchable`, no
    entry in the search index."""
    attributes = f"#{anchor or slugify(title, '-')}" + ("" if searchable else f" {UNSEARCHED}")
    return f"{'#' * level} {title} {{ {attributes} }}\n\n"


def unsearched(block: str) -> str:
    """A Markdown block that the search index leaves out (it still shows on the page)."""
    return f'<div {UNSEARCHED}="" markdown>\n\n{block.strip()}\n\n</div>\n\n'


def link_from(section: str, target_section: str, slug: str) -> str:
    """A relative Markdown link target from a page in `section` (MkDocs checks and rewrites it)."""
    name = f"{slug}.md" if slug else "index.md"
    return name if section == target_section else f"../{target_section}/{name}"


def incident_link(incident: Incident, section: str) -> str:
    return f"[{inline_html(incident.title)}]({link_from(section, INCIDENTS_DIR, incident.id)})"


def cause_chip(archive: Archive, slug: str, section: str) -> str:
    label = inline_html(archive.taxonomy.root_cause_title(slug))
    return f"[{label}]({link_from(section, ROOT_CAUSES_DIR, slug)}){{ .pm-tag }}"


def service_chip(archive: Archive, slug: str, section: str) -> str:
    label = inline_html(archive.taxonomy.service(slug).title)
    return f"[{label}]({link_from(section, SERVICES_DIR, slug)}){{ .pm-tag .pm-service }}"


def severity_badge(archive: Archive, severity: str) -> str:
    """The severity's badge, in the colour of its rank in the taxonomy."""
    return palette.severity_badge(archive.taxonomy, severity)


STATUS_WORDS = {"in-progress": "in progress", "wont-do": "won't do", "in-review": "in review"}
"""How a status reads on every page: one spelling each."""


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("-", " "))


def status_badge(status: str) -> str:
    return f'<span class="pm-status pm-status-{status}">{status_words(status)}</span>'


def local_time(moment: datetime | None, tz: tzinfo) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


UNKNOWN_DATE = "date unknown"


def day(incident: Incident) -> str:
    """The start day; only the month or year when that is all the file gives."""
    started = incident.started_at
    if started is None:
        return UNKNOWN_DATE
    precision = incident.precision("started")
    if precision in ("month", "year"):
        return format_partial(started, precision).split(" ")[0]
    return f"{started:%Y-%m-%d}"


def duration(incident: Incident) -> str:
    """The headline duration: time to resolve, or to mitigate when not resolved."""
    return format_duration(incident.time_to_resolve or incident.time_to_mitigate)


def action_title(item: ActionItem) -> str:
    """An action item's title, linked to its ticket when the link is an address a page may
    link; any other reference (a ticket id such as INF-210) is shown as text beside it."""
    title = inline_html(item.title)
    url = safe_url(item.link or "")
    if url:
        return f'<a href="{attribute(url)}" rel="noopener nofollow">{title}</a>'
    return f"{title} ({inline_html(item.link)})" if item.link else title


def how_late(due: date, today: date) -> str:
    """`3 days`, `5 weeks`, `7 months`, `2 years`: how long ago `due` was, roughly."""
    days = (today - due).days
    for size, unit in ((365, "year"), (30, "month"), (7, "week")):
        if days >= 2 * size:
            return f"{days // size} {unit}s"
    return plural(days, "day")


def due_cell(item: ActionItem, today: date) -> str:
    """The due date, and how long overdue when it is."""
    if item.due is None:
        return "—"
    if not item.is_overdue(today):
        return item.due.isoformat()
    late = how_late(item.due, today)
    return f'{item.due.isoformat()} <span class="pm-overdue">overdue {late}</span>'


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be inline-safe (see `inline_html`)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def diagram(source: str, label: str) -> str:
    """A Mermaid fence inside a block that search leaves out (prose ranks, syntax doesn't)."""
    if not source:
        return ""
    return (
        f'<div class="pm-diagram" {UNSEARCHED}="" markdown role="figure" '
        f'aria-label="{attribute(label)}">\n\n'
        f"``` pm-diagram\n{source}\n```\n\n</div>\n\n"
    )


SHOWN_ROWS = 10
"""Rows a long table shows before its "Show all N" fold."""


def folded_table(
    headers: list[str],
    rows: list[list[str]],
    what: str,
    *,
    wrap: str = "",
    limit: int = 12,
    shown: int = SHOWN_ROWS,
    latest: bool = False,
) -> str:
    """A table, whole when it has at most `limit` rows; longer, `shown` rows and the rest
    under "Show all N <what>" (a fold never hides a whole list). `latest`: the rows are in
    time order and the last ones show, the earlier ones folded above them. `wrap`: a class
    for the div around each table (the listings' cards on a phone)."""

    def wrapped(block: str) -> str:
        return f'<div class="{wrap}" markdown>\n\n{block}\n\n</div>' if wrap else block

    def fold(part: list[list[str]], more: str) -> str:
        summary = f"<summary>Show all {len(rows)} {what} ({len(part)} {more})</summary>"
        block = wrapped(table(headers, part))
        return f'<details class="pm-fold" markdown>\n{summary}\n\n{block}\n\n</details>'

    if len(rows) <= limit:
        return wrapped(table(headers, rows)) if rows else ""
    if latest:
        cut = len(rows) - shown
        return fold(rows[:cut], "earlier") + "\n\n" + wrapped(table(headers, rows[cut:]))
    return wrapped(table(headers, rows[:shown])) + "\n\n" + fold(rows[shown:], "more")


def first_sentence(text: str | None, limit: int = 200) -> str:
    """The first sentence of a prose field, for a one-line answer in the header card."""
    return shortened(sentences.first_sentence(text or ""), limit)


def term_title(terms: list[Term] | None, slug: str | None) -> str:
    """A vocabulary term's title, or the slug when the taxonomy has no such list or term."""
    if not slug:
        return ""
    term = next((t for t in terms or [] if t.slug == slug), None)
    return term.title if term else slug


def plural(n: int, word: str) -> str:
    """`1 incident`, `2 incidents`."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
