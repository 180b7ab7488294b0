"""Whatever a source holds, the importer either writes a file that validates or refuses it
with a reason: never a traceback, never a file `postmortem validate` rejects; and from any
bytes in any of its formats, nothing written outside the archive folder (but the terms to
review) and no field the source did not mean (a comment never becomes a field)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postmortem_kb.importers import (
    ImportRefused,
    Options,
    build_incident_yaml,
    find_sources,
    run_import,
)
from postmortem_kb.importers.bulk import with_terms
from postmortem_kb.importers.common import repair_text
from postmortem_kb.importers.formats.reading import read_draft
from postmortem_kb.validation.writing import check_incident_text, read_taxonomy
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


# The file layer: any bytes, in any of the importer's formats and encodings. A field is
# "in the source's meaning" when the source names it (a front-matter key, a label in the
# text); text inside a value (`weird: "x\nproduct: INJECTED"`) names nothing.
_KEYS_BY_MEANING = {
    "product": ("product",),
    "organisation": ("company", "organisation", "organization", "org", "vendor"),
    "source_url": ("url", "source", "link", "permalink"),
    "severity": ("severity", "sev", "priority", "impact_level"),
}
BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\ufeff"]
INJECTION = st.sampled_from(BREAKS).map(lambda b: f"x{b}product: INJECTED{b}severity: SEV1")
FRONT_VALUE = st.one_of(
    INJECTION,
    st.text(max_size=20),
    st.sampled_from(["0000-00-00", "9999-12-31", "2024-01-02T10:00:00+99:99", "PST", "+23:00"]),
)
FRONT_MATTER = st.dictionaries(
    st.sampled_from(["title", "date", "weird", "uuid", "start_time", "timezone", "tags"]),
    FRONT_VALUE,
    max_size=5,
)
BODY = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=15)
FILE = st.tuples(
    st.sampled_from([".md", ".qmd", ".html", ".txt", ".mdx"]),
    FRONT_MATTER,
    BODY.map(" ".join),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "bytes"]),
    st.binary(max_size=40),
)


def _source(front: dict[str, str], body: str, encoding: str, noise: bytes) -> bytes:
    text = body
    if front:
        lines = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items())
        text = f"---\n{lines}---\n{body}"
    if encoding == "bytes":
        return text.encode("utf-8", "surrogatepass") + noise
    return text.encode(encoding, "replace")


def _files(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file() or path.is_symlink()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FILE, min_size=1, max_size=3))
def test_any_bytes_import_without_an_exception_or_a_stray_file_or_field(
    sources: list[tuple[str, dict[str, str], str, str, bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        out = root / "work" / "incidents"
        out.mkdir(parents=True)
        shutil.copy(ROOT / "incidents" / "taxonomy.yaml", out)
        (root / "src").mkdir()
        meanings = {}
        for number, (suffix, front, body, encoding, noise) in enumerate(sources):
            path = root / "src" / f"s{number}{suffix}"
            path.write_bytes(_source(front, body, encoding, noise))
            meanings[path.name] = " ".join([*front, body]).lower()
        before = _files(root)
        files, _ = find_sources([root / "src"])
        report = run_import(files, Options(out, base=root))  # raises nothing
        created = _files(root) - before
        proposals = {report.proposal_file} if report.proposal_file else set()
        assert {p for p in created if out not in p.parents} <= proposals
        for outcome in report.outcomes:
            if outcome.status != "written":
                assert outcome.reason
                continue
            assert outcome.path is not None
            data = yaml.safe_load(outcome.path.read_text(encoding="utf-8"))
            said = meanings[outcome.source.name]
            for key, words in _KEYS_BY_MEANING.items():
                if key in data:
                    assert any(word in said for word in words), (key, data[key])
