"""What an incident page gives Pagefind (render/search_block.py): filters, result card, synonyms."""

from __future__ import annotations

from postmortem_kb.archive import Archive
from postmortem_kb.model import Incident
from postmortem_kb.render.search_block import (
    fix_line,
    incident_search_block,
    search_terms,
    typing_slips,
)
from postmortem_kb.validation.check import check_archive
from tests.harness import ROOT


def sample() -> Archive:
    archive, problems = check_archive([ROOT / "incidents"])
    assert archive is not None, problems
    return archive


def incident(**fields: object) -> Incident:
    data = {
        "title": "Pool exhausted", "severity": "SEV2", "services": ["checkout"],
        "root_causes": ["memory-leak"], "summary": "Checkout *failed*.",
        "started": "2024-08-12 11:30",
    } | fields  # fmt: skip
    return Incident.model_validate(data).bind("x", "incidents/x.yaml")


def test_a_typo_of_a_taxonomy_word_is_among_the_terms() -> None:
    assert "memroy" in set(typing_slips("memory"))
    assert "ememory" not in set(typing_slips("memory"))
    assert "conection" in set(typing_slips("connection"))
    terms = search_terms(sample(), incident()).split()
    assert {"memroy", "mmeory", "OOM", "memory-leak", "memoryleak", "Checkout"} <= set(terms)


def test_the_noun_of_a_verb_phrase_in_the_text_is_a_term() -> None:
    archive = sample()
    rolled = incident(resolution="The release was **rolled back** at 14:30.")
    assert "rollback" in search_terms(archive, rolled).split()
    assert "rollback" not in search_terms(archive, incident()).split()


def test_the_fix_line_is_the_first_sentence_of_the_resolution_cut_short() -> None:
    assert fix_line(incident(resolution="Rolled *back*. Then waited.")) == "Rolled back."
    long = fix_line(incident(resolution="word " * 100))
    assert len(long) == 160 and long.endswith("…")
    assert fix_line(incident()) == ""


def test_the_block_is_hidden_and_escapes_incident_text() -> None:
    block = incident_search_block(
        sample(), incident(resolution="Raised `max_connections` <b>now</b>, then & more.")
    )
    assert block.startswith('<div class="pm-search-data" hidden data-pagefind-ignore>')
    fix = "Raised max_connections &lt;b&gt;now&lt;/b&gt;, then &amp; more."
    assert f'<span data-pagefind-meta="fix">{fix}</span>' in block
    assert '<span data-pagefind-filter="root cause">Memory leak</span>' in block
    assert '<p class="pm-search-terms" hidden data-pagefind-weight="2">' in block
    assert "<b>" not in block
