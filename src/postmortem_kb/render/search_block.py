"""What an incident page gives the site's search (Pagefind) besides its visible text.

Pagefind indexes the built pages themselves: an incident page is found by its title, card
(severity, impact, services, causes), summary, timeline, root cause, resolution, action
items and lessons. This module adds, in a block the reader does not see:

- filters (severity, service, root cause, year) and the result card's fields (date,
  severity and its colours, a draft's or a review's status, root causes, one line of
  what fixed it), as Pagefind's `data-pagefind-filter`
  and `data-pagefind-meta` elements, inside an element whose own text is not indexed;
- the words people type that the page may not hold: the taxonomy's slugs, titles and
  aliases of its causes and services (`OOM` finds a memory leak), the severity's name,
  the noun of a phrasal verb the text uses ("rolled back" → rollback), and the common
  slips of the taxonomy's words ("memroy", "conection").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from ..archive import Archive
from ..model import Incident
from ..taxonomy import Term
from ..text.markup import prose_html
from ..text.sentences import first_sentence, shortened
from .common import UNKNOWN_DATE, day, status_words
from .palette import severity_colour

FIX_LINE = 160
"""The result card's line of what fixed it: the resolution's first sentence, cut here."""

# Nouns people search for, and the verb phrases incident text tends to use instead.
PHRASAL_NOUNS: dict[str, tuple[str, ...]] = {
    "rollback": ("rolled back", "rolling back", "roll back", "rolls back", "reverted"),
    "failover": ("failed over", "failing over", "fail over"),
    "restart": ("restarted", "restarting", "rebooted", "bounced"),
    "hotfix": ("patched", "hot fix", "hot-fixed"),
    "outage": ("went down", "was down", "unavailable"),
    "timeout": ("timed out", "timing out", "time out"),
    "backfill": ("backfilled", "replayed"),
}
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h\d|br|pre|blockquote|table|tr|td|th|hr)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-z][A-Za-z]+")
_WHITESPACE = re.compile(r"\s+")


def plain_text(markdown_text: str) -> str:
    """Prose (Markdown) as one line of plain text."""
    return _WHITESPACE.sub(
        " ", html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", prose_html(markdown_text))))
    ).strip()


def fix_line(incident: Incident) -> str:
    """One line of what fixed it: the resolution's first sentence (or the impact's)."""
    return shortened(first_sentence(plain_text(incident.resolution)), FIX_LINE)


def typing_slips(word: str) -> Iterator[str]:
    """The commonest slips typing `word`: two adjacent letters swapped ("memroy"), and one
    of a doubled letter left out ("conection")."""
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            yield word[:i] + word[i + 1 :]


def _term_words(term: Term) -> list[str]:
    return [term.slug, term.slug.replace("-", ""), term.title, *term.aliases]


def search_terms(archive: Archive, incident: Incident) -> str:
    """The words an incident is also found by (see the module's docstring), one line."""
    taxonomy = archive.taxonomy
    terms: list[Term] = [t for c in incident.root_causes if (t := taxonomy.root_cause(c))]
    terms += [taxonomy.service(s) for s in incident.services]
    phrases = [phrase for term in terms for phrase in _term_words(term)]
    level = taxonomy.severity(incident.severity)
    phrases.append(f"{incident.severity} {level.title}" if level else incident.severity_label)
    phrases += incident.contributing_factors + ([incident.trigger] if incident.trigger else [])
    text = " ".join(
        plain_text(f) for f in (incident.summary, incident.root_cause, incident.resolution)
    ).lower()
    text += " " + " ".join(e.event for e in incident.timeline).lower()
    phrases += [noun for noun, verbs in PHRASAL_NOUNS.items() if any(v in text for v in verbs)]
    named = [phrase for term in terms for phrase in (term.title, *term.aliases)]
    words = {w.lower() for phrase in named for w in _WORD.findall(phrase)}
    phrases += sorted({slip for w in words if len(w) >= 5 for slip in typing_slips(w)})
    return " ".join(dict.fromkeys(p for p in phrases if p))


def _spans(kind: str, name: str, values: Iterable[str]) -> list[str]:
    return [
        f'<span data-pagefind-{kind}="{name}">{html.escape(value)}</span>'
        for value in dict.fromkeys(values)
        if value
    ]


def incident_search_block(archive: Archive, incident: Incident) -> str:
    """The hidden HTML block of an incident page for Pagefind (a raw block of its Markdown)."""
    taxonomy = archive.taxonomy
    causes = [taxonomy.root_cause(c) for c in incident.root_causes]
    cause_titles = [t.title if t else c for t, c in zip(causes, incident.root_causes, strict=True)]
    services = [taxonomy.service(s).title for s in incident.services]
    year = UNKNOWN_DATE if incident.started_at is None else str(incident.started_at.year)
    terms = search_terms(archive, incident)
    fill, text = severity_colour(taxonomy, incident.severity_label)
    status = "" if incident.status == "published" else status_words(incident.status)
    fields = [
        *_spans("meta", "date", [day(incident)]),
        *_spans("meta", "severity", [incident.severity_label]),
        # The card's badge in the severity's colours, as on the site's pages.
        *_spans("meta", "severity_colours", [f"{fill} {text}"]),
        *_spans("meta", "status", [status]),
        *_spans("meta", "causes", [", ".join(cause_titles)]),
        *_spans("meta", "fix", [fix_line(incident)]),
        # The hidden words again, so that the search box never shows them as an excerpt.
        *_spans("meta", "terms", [terms]),
        *_spans("filter", "severity", [incident.severity_label]),
        *_spans("filter", "service", services),
        *_spans("filter", "root cause", cause_titles),
        *_spans("filter", "year", [year]),
    ]
    return (
        '<div class="pm-search-data" hidden data-pagefind-ignore>'
        + "".join(fields)
        + "</div>\n\n"
        + '<p class="pm-search-terms" hidden data-pagefind-weight="2">'
        + html.escape(terms)
        + "</p>\n\n"
    )
