"""Properties over generated input: any valid incident validates, renders and gives
well-formed Mermaid; any mangled file is valid or reported with a position, never raised."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postmortem_kb.render.generated import generated_pages
from postmortem_kb.render.mermaid import TimelinePart, timeline_diagrams
from postmortem_kb.validation.check import check_archive
from tests.harness import ROOT

TAXONOMY = ROOT / "incidents" / "taxonomy.yaml"
SEEDS = [
    ROOT / "incidents" / "2024-08-12-payment-gateway-memory-leak.yaml",
    ROOT / "tests" / "validation" / "valid" / "2024-06-01-crosses-midnight.yaml",
    ROOT / "tests" / "corpus" / "hostile-text" / "2024-05-05-hostile-text.yaml",
    ROOT / "tests" / "corpus" / "hostile-text" / "2024-05-03-mermaid-syntax.yaml",
    ROOT / "tests" / "corpus" / "good" / "started-unknown.yaml",
]
NAME = "2024-08-12-generated.yaml"
EVENT_KINDS = ["detection", "investigation", "escalation", "mitigation", "resolution", "note"]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"]
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Any character a YAML file can carry: no lone surrogates (not text), no NEL/LS/PS (line
# breaks to YAML) and no control characters but tab and newline (reported on purpose).
characters = st.characters(
    exclude_categories=["Cs", "Cc"],
    include_characters="\t\n",
    exclude_characters="\x85\u2028\u2029\ufffe\uffff",
)
text = st.text(characters, min_size=1, max_size=80).filter(lambda t: t.strip() != "")
maybe_text = st.text(characters, max_size=80)


@pytest.fixture
def archive_dir() -> Iterator[Path]:
    """The sample taxonomy without its `publishing:` rules: generated reviews may leave any
    field empty or say TODO (tests/unit/validation/test_publish_readiness.py covers those rules)."""
    vocabulary = yaml.safe_load(TAXONOMY.read_text("utf-8"))
    vocabulary.pop("publishing", None)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "taxonomy.yaml").write_text(
            yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8"
        )
        yield Path(folder)


@st.composite
def incidents(draw: st.DrawFn) -> dict[str, Any]:
    started = draw(st.datetimes(datetime(2000, 1, 1), datetime(2030, 12, 31)))
    started = started.replace(second=0, microsecond=0)
    steps = draw(st.lists(st.integers(0, 600), min_size=3, max_size=3))
    detected = started + timedelta(minutes=steps[0])
    mitigated = detected + timedelta(minutes=steps[1])
    resolved = mitigated + timedelta(minutes=steps[2])
    # As precisely as real reviews state it: unknown, or the year, month, day or minute.
    stated = draw(st.sampled_from(["minute", "day", "month", "year", "unknown"]))
    start_text = {
        "minute": f"{started:%Y-%m-%d %H:%M}", "day": f"{started:%Y-%m-%d}",
        "month": f"{started:%Y-%m}", "year": f"{started:%Y}", "unknown": "unknown",
    }[stated]  # fmt: skip
    events: list[dict[str, str]] = []
    moment = started
    for kind, event, gap in draw(
        st.lists(st.tuples(st.sampled_from(EVENT_KINDS), text, st.integers(0, 900)), max_size=6)
    ):
        moment += timedelta(minutes=gap)
        # A bare HH:MM needs a day before it: the start's, when it names one.
        day_known = bool(events) or stated in ("minute", "day")
        same_day = day_known and moment.date() == started.date() and gap < 12 * 60
        at = f"{moment:%H:%M}" if same_day else f"{moment:%Y-%m-%d %H:%M}"
        events.append({"at": at, "kind": kind, "event": event})
    return {
        "title": draw(text),
        "severity": draw(st.sampled_from(["SEV1", "SEV2", "SEV3", "SEV4"])),
        "status": draw(st.sampled_from(["draft", "in-review", "published"])),
        "visibility": draw(st.sampled_from(["public", "internal"])),
        "timezone": draw(st.sampled_from(ZONES)),
        "started": start_text,
        "detected": f"{detected:%Y-%m-%d %H:%M}",
        "mitigated": f"{mitigated:%Y-%m-%d %H:%M}",
        "resolved": f"{resolved:%Y-%m-%d %H:%M}",
        "services": ["payment-gateway"],
        "root_causes": draw(st.lists(st.sampled_from(["memory-leak", "faulty-deploy"]))),
        "impact": draw(maybe_text),
        "summary": draw(text),
        "root_cause": draw(maybe_text),
        "timeline": events,
        "action_items": [
            {"title": t, "owner": o} for t, o in draw(st.lists(st.tuples(text, text)))
        ],
        "lessons": {"went_well": draw(st.lists(text, max_size=2))},
        "links": [{"title": draw(text), "url": draw(text)}],
    }


_CODE = re.compile(r"#(\d+|quot);")


def assert_well_formed_timeline(parts: list[TimelinePart], events: int) -> None:
    boxes = 0
    for part in parts:
        lines = part.source.split("\n")
        assert lines[:4] == ["---", 'config: {"flowchart": {"rankSpacing": 24}}', "---",
                             "flowchart TB"]  # fmt: skip
        for line in lines[4:]:
            bare = _CODE.sub("", line)
            assert "%%" not in bare and ";" not in bare, line
            if line.startswith("    classDef "):
                continue
            boxes += "[" in bare
            label = bare.partition('["')[2].rpartition('"]')[0]
            assert '"' not in label and "<" not in label.replace("<br>", ""), line
    assert boxes == events  # no text started a line of its own


@SETTINGS
@given(incidents())
def test_valid_incidents_validate_render_and_draw(archive_dir: Path, data: dict[str, Any]) -> None:
    (archive_dir / NAME).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    archive, problems = check_archive([archive_dir])
    assert archive is not None, [p.format() for p in problems]
    assert [p for p in problems if p.severity == "error"] == []
    pages = generated_pages(archive, today=date(2026, 11, 1))
    assert "incidents/2024-08-12-generated.md" in pages
    [incident] = archive.incidents
    if incident.timeline:
        assert_well_formed_timeline(timeline_diagrams(incident), len(incident.timeline))


@st.composite
def mutants(draw: st.DrawFn) -> str:
    """A seed file with a few lines deleted, duplicated or swapped, characters inserted, or
    its end cut off."""
    lines = draw(st.sampled_from(SEEDS)).read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]))
        if not lines:
            break
        if action == "delete":
            del lines[where]
        elif action == "duplicate":
            lines.insert(where, lines[where])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        elif action == "insert":
            column = draw(st.integers(0, len(lines[where])))
            junk = draw(
                st.text(st.sampled_from(":-[]{}&*!|>'\"%@`#,? \t\n\x00\x07é🔥"), max_size=4)
            )
            lines[where] = lines[where][:column] + junk + lines[where][column:]
        else:
            lines = lines[: where + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
    return "".join(lines)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutants())
def test_mangled_files_are_valid_or_reported_never_raised(archive_dir: Path, text: str) -> None:
    path = archive_dir / NAME
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    archive, problems = check_archive([archive_dir])
    line_count = text.count("\n") + 2
    for problem in problems:
        assert problem.path == str(path), problem
        assert 0 <= problem.line <= line_count and problem.column >= 0, problem
        assert problem.message
    if archive is None:
        assert any(p.severity == "error" for p in problems)
    else:
        generated_pages(archive, today=date(2026, 11, 1))
