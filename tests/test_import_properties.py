"""Whatever a source holds, the importer either writes a file that validates or refuses it
with a reason: never a traceback, never a file `postmortem validate` rejects."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postmortem_kb.importers import ImportRefused, build_incident_yaml
from postmortem_kb.importers.bulk import with_terms
from postmortem_kb.importers.common import repair_text
from postmortem_kb.importers.reading import read_draft
from postmortem_kb.scaffold import check_incident_text, read_taxonomy
from tests.harness import ROOT

TAXONOMY = read_taxonomy(ROOT / "incidents")
PIECES = [
    "# Title",
    "Title\n=====",
    "## Summary",
    "## Timeline",
    "Duration: ",
    "Root Cause: ",
    "---",
    "~~~",
    "```",
    "- 11:35 AM: Alert fired",
    "23:50",
    "1:05 AM",
    "2024-02-30",
    "March 3, 2025",
    "UTC+05:30",
    "GMT-8",
    "| Time | Event |",
    "|---|---|",
    "**Impact:**",
    "<h2>Summary</h2>",
    '<p class="title">T</p>',
    "Сбой",
    "東京",
    "ß",
    ": ",
    "#",
    "\t",
    "\n",
    "date: 1628-08-10",
    "start_time: 2024-01-01T00:00:00+09:00",
    "title: ",
    "tags: [a, b]",
    "categories: [gremlins, Cache]",
    "service: new-thing",
]
DATES = [
    "",
    "2024-08-12 ",
    "March 3, 2025 ",
    "date: 1628-08-10\n",
    "Duration: 11:20 PM to 1:05 AM UTC, March 3, 2025\n",
    "start_time: 2019-07-02T13:42:00-07:00\n",
    "- 2024-02-29 23:59 began\n",
    "date: 2023-11\n",
]
SOURCE = st.tuples(
    st.sampled_from(DATES),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=30),
).map(lambda parts: parts[0] + " ".join(parts[1]))


def _import(draft_text: str, reader: str) -> None:
    try:
        if reader == "front-matter":
            draft_text = "---\n" + draft_text + "\n---\nbody"
        draft = read_draft(reader, repair_text(draft_text), "x.md")  # as files are read
        built = build_incident_yaml(draft, TAXONOMY, "x")
    except ImportRefused:
        return
    taxonomy = with_terms(TAXONOMY, built.proposals)
    check_incident_text(built.text, Path(f"incidents/{built.stem}.yaml"), taxonomy)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SOURCE, st.sampled_from(["front-matter", "html", "markdown", "text"]))
def test_any_source_imports_to_a_valid_file_or_is_refused(text: str, reader: str) -> None:
    _import(text, reader)
