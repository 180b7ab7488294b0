"""What the importer keeps of a real review's structure, measured over the real-shaped
sources in tests/fixtures/import/sources/shapes: each has a truth file (truth/shapes) that
lists, in the source's own clock, every timed entry (day, clock, first words), the clock the
source states, and every action item with done/open.

The acceptance bar: ≥ 90% of timed entries become events with the right day, clock and
order; every stated clock kept; ≥ 90% of action items kept with done/open right; no link
definition anywhere as data.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import yaml

from postmortem_kb.archive import Archive
from postmortem_kb.files.yaml_read import load_yaml
from postmortem_kb.importers import Options, run_import, source_files
from postmortem_kb.model import Incident
from postmortem_kb.render.pages.incident import render_incident_page
from postmortem_kb.validation.writing import read_taxonomy
from tests.harness import ROOT, TESTS

FIXTURES = TESTS / "fixtures" / "import"
SHAPES = FIXTURES / "sources" / "shapes"
TRUTH = FIXTURES / "truth" / "shapes"


@dataclass
class Score:
    events: int = 0
    events_right: int = 0
    zones: int = 0
    zones_right: int = 0
    actions: int = 0
    actions_right: int = 0
    misses: list[str] | None = None

    def add_miss(self, text: str) -> None:
        self.misses = [*(self.misses or []), text]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Source file name → the imported file's data, with its events in their own clock."""
    root = tmp_path_factory.mktemp("shapes")
    shutil.copytree(ROOT / "incidents", root / "incidents")
    shutil.copytree(SHAPES, root / "shapes")
    report = run_import(
        source_files([root / "shapes"]), Options(root / "incidents", add_terms=True)
    )
    result: dict[str, dict[str, Any]] = {}
    for outcome in report.outcomes:
        assert outcome.status == "written", (outcome.source, outcome.reason)
        assert outcome.path is not None
        text = outcome.path.read_text(encoding="utf-8")
        loaded = load_yaml(str(outcome.path), text.encode())
        data = dict(loaded.data)
        incident = Incident.model_validate(data).bind(outcome.path.stem, str(outcome.path))
        local = [m.astimezone(incident.tz) for m in incident.event_times()]
        data["_events"] = [
            (f"{m:%Y-%m-%d %H:%M}", e.event) for m, e in zip(local, incident.timeline, strict=True)
        ]
        data["_text"] = text
        data["_read"] = outcome.read
        result[outcome.source.name] = data
    return result


def _truths() -> dict[str, dict[str, Any]]:
    return {
        p.name.removesuffix(".yaml"): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(TRUTH.glob("*.yaml"))
    }


def _score(imported: dict[str, dict[str, Any]]) -> Score:
    score = Score()
    for name, truth in _truths().items():
        data = imported[name]
        events = data["_events"]
        position = 0
        for expected in truth.get("events") or []:
            day, clock, words = expected.split(" ", 2)
            score.events += 1
            at = f"{day} {clock}"
            found = next(
                (
                    index
                    for index in range(position, len(events))
                    if events[index][0] == at and events[index][1].startswith(words)
                ),
                None,
            )
            if found is None:
                score.add_miss(f"{name}: event {expected}")
            else:
                score.events_right += 1
                position = found + 1
        if "zone" in truth:
            score.zones += 1
            if data.get("timezone") == truth["zone"]:
                score.zones_right += 1
            else:
                score.add_miss(f"{name}: zone {data.get('timezone')} != {truth['zone']}")
        items = data.get("action_items") or []
        for expected in truth.get("actions") or []:
            status, words = expected.split(" ", 1)
            score.actions += 1
            match = next((i for i in items if str(i["title"]).startswith(words)), None)
            if match is not None and (match["status"] == "done") == (status == "done"):
                score.actions_right += 1
            else:
                score.add_miss(f"{name}: action {expected} -> {match}")
    return score


def test_there_are_at_least_30_real_shaped_sources_each_with_its_truth() -> None:
    sources = sorted(p.name for p in SHAPES.iterdir())
    assert len(sources) >= 30
    assert sorted(_truths()) == sources


def test_the_structure_of_real_reviews_is_kept(imported: dict[str, dict[str, Any]]) -> None:
    score = _score(imported)
    events = score.events_right / score.events
    actions = score.actions_right / score.actions
    print(
        f"\ntimed entries: {score.events_right}/{score.events} ({events:.1%}); "
        f"stated clocks: {score.zones_right}/{score.zones}; "
        f"action items: {score.actions_right}/{score.actions} ({actions:.1%})"
    )
    for miss in score.misses or []:
        print("  missed", miss)
    assert events >= 0.9
    assert score.zones_right == score.zones
    assert actions >= 0.9


def test_no_link_definition_is_ever_data(imported: dict[str, dict[str, Any]]) -> None:
    definition = re.compile(r"\[[^\]]+\]:\s*<?https?://")
    for name, data in imported.items():
        fields = "\n".join(line for line in data["_text"].splitlines() if not line.startswith("#"))
        assert not definition.search(fields), name
        assert not re.search(r"\]\[[^\]]*\]", fields), name


def test_a_source_that_states_no_clock_is_never_shown_in_utc(
    imported: dict[str, dict[str, Any]],
) -> None:
    data = {k: v for k, v in imported["no-zone-stated.md"].items() if not k.startswith("_")}
    assert data["timezone"] == "local time"
    assert (
        "#   - timezone: the source states none; its times are kept as written"
        in (imported["no-zone-stated.md"]["_text"])
    )
    incident = Incident.model_validate(data).bind("2020-09-17-wiki", "x.yaml")
    taxonomy = read_taxonomy(ROOT / "incidents")
    page = render_incident_page(Archive(taxonomy, [incident]), incident, today=date(2030, 1, 1))
    assert "| Time (local time) |" in page
    assert "| 13:10<br>" in page
    assert "UTC" not in page


def test_an_event_that_marks_the_end_is_the_end_when_none_is_stated(
    imported: dict[str, dict[str, Any]],
) -> None:
    data = imported["bold-outage-ends-event.md"]
    assert str(data["resolved"]) == "2023-04-18 11:45"
    assert "# review: the timeline's event that marks the end of impact\nresolved:" in data["_text"]


def test_a_phrase_inside_a_log_line_starts_no_lessons(
    imported: dict[str, dict[str, Any]],
) -> None:
    data = imported["chat-log-went-wrong-appendix.md"]
    assert data["lessons"]["went_wrong"] == [
        "Nobody watched the upload count over the weekend",
        "Retry files were never cleaned up",
    ]
    assert "[rowan] so what went wrong: inodes, not disk space" in data["narrative"]
