"""Schema 1.1: what real reviews leave unknown stays unknown on every page and figure."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from postmortem_kb.archive import Archive
from postmortem_kb.model import Incident, incident_json_schema
from postmortem_kb.render.mermaid import phase_chart
from postmortem_kb.render.pages.feeds import render_json_export
from postmortem_kb.render.pages.incident import render_incident_page
from postmortem_kb.render.pages.insights import render_insights
from postmortem_kb.taxonomy import Taxonomy
from tests.harness import ROOT, run_cli
from tests.harness.small_archive import archive_of

TODAY = date(2025, 3, 15)
BASE = """\
title: {title}
started: {started}
summary: Something happened.
"""


def one(tmp_path: Path, text: str) -> tuple[Archive, Incident]:
    archive, problems = archive_of(tmp_path, {"2024-03-03-x": text})
    assert archive is not None and not problems, problems
    return archive, archive.incidents[0]


def page(archive: Archive, incident: Incident) -> str:
    return render_incident_page(archive, incident, today=TODAY)


def test_a_date_only_incident_shows_no_invented_time_or_duration(tmp_path: Path) -> None:
    archive, incident = one(
        tmp_path,
        BASE.format(title="Date only", started="2024-03-03")
        + "detected: 2024-03-03 09:10\nresolved: 2024-03-04\n",
    )
    assert incident.precision("started") == "day"
    assert incident.time_to_detect is None and incident.time_to_resolve is None
    shown = page(archive, incident)
    assert "**Started:** 2024-03-03 (date only)" in shown
    assert "**Ended:** 2024-03-04 (date only)" in shown
    assert "00:00" not in shown
    assert phase_chart(incident) == ""
    export = json.loads(render_json_export(archive, site_url="https://x.example/", today=TODAY))
    record = export["incidents"][0]
    assert (record["started"], record["resolved"]) == ("2024-03-03", "2024-03-04")
    assert record["detected"].startswith("2024-03-03T09:10")
    assert record["durations"]["time_to_resolve"] is None


@pytest.mark.parametrize(
    ("started", "shown", "precision"),
    [
        ("2024-03", "2024-03 (month only)", "month"),
        ("'1628'", "1628 (year only)", "year"),
        ("1628-08-10", "1628-08-10 (date only)", "day"),
        ("1969-07-20 20:17", "1969-07-20 20:17 UTC", "minute"),
    ],
)
def test_month_year_and_pre_1970_starts(
    tmp_path: Path, started: str, shown: str, precision: str
) -> None:
    archive, incident = one(tmp_path, BASE.format(title="Old", started=started))
    assert incident.precision("started") == precision
    assert f"**Started:** {shown}" in page(archive, incident)


def test_unknown_end_is_not_the_same_as_not_resolved(tmp_path: Path) -> None:
    archive, unknown = one(
        tmp_path, BASE.format(title="A", started="2024-03-03 10:00") + ("resolved: unknown\n")
    )
    assert unknown.resolved is None and unknown.end_unknown
    assert "**Ended:** unknown (no end recorded)" in page(archive, unknown)
    archive, going = one(tmp_path / "b", BASE.format(title="B", started="2024-03-03 10:00"))
    assert not going.end_unknown
    assert "**Ended:** not resolved" in page(archive, going)


def test_unrated_incident_without_services_is_counted_apart(tmp_path: Path) -> None:
    archive, incident = one(tmp_path, BASE.format(title="Unrated", started="2024-03-03"))
    assert incident.severity is None and incident.services == []
    shown = page(archive, incident)
    assert 'pm-sev-unrated">unrated</span>' in shown
    assert "**Services:** not recorded" in shown
    insights = render_insights(archive, today=TODAY)
    assert 'pm-sev-unrated">unrated</span> |  | <span class="pm-barline">' in insights


def test_new_descriptive_fields_show_on_the_page(tmp_path: Path) -> None:
    archive, incident = one(
        tmp_path,
        BASE.format(title="Fields", started="2024-03-03")
        + "product: Cloud Storage\norganisation: Основа Банк\n"
        + "keywords: [bgp, leap-second]\nsource_url: https://example.org/r/1\n"
        + "narrative: |\n  The long story, in the source's words.\n",
    )
    shown = page(archive, incident)
    for text in (
        "**Product:** Cloud Storage",
        "**Organisation:** Основа Банк",
        "**Keywords:** bgp, leap-second",
        "## What happened",
        "The long story, in the source's words.",
        '<a href="https://example.org/r/1" rel="noopener nofollow">Original report</a>',
    ):
        assert text in shown


def test_a_date_only_end_on_the_start_day_is_in_order(tmp_path: Path) -> None:
    _, problems = archive_of(
        tmp_path,
        {
            "2024-03-03-same-day": BASE.format(title="A", started="2024-03-03 14:00")
            + "resolved: 2024-03-03\n",
            "2024-03-03-day-before": BASE.format(title="B", started="2024-03-03 14:00")
            + "resolved: 2024-03-02\n",
        },
    )
    assert len(problems) == 1
    assert (
        "2024-03-03-day-before.yaml:4:11: error: resolved (2024-03-02 00:00) is before"
        in (problems[0])
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-13", "'2024-13' is not a real month; write YYYY-MM"),
        ("0999", "'0999' is outside the years 1000 to 2999"),
        ("sometime", "'sometime' is not a date and time"),
    ],
)
def test_bad_partial_times_are_explained(tmp_path: Path, value: str, message: str) -> None:
    _, problems = archive_of(
        tmp_path, {"2024-03-03-x": BASE.format(title="X", started=f"'{value}'")}
    )
    assert len(problems) == 1 and message in problems[0], problems


def test_every_schema_1_0_file_still_validates_and_the_schema_documents_1_1() -> None:
    result = run_cli("validate", "incidents", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    schema = incident_json_schema()
    assert schema["$id"].endswith("incident-v1.1.json")
    assert "severity" not in schema["required"] and "services" not in schema["required"]
    for field in ("keywords", "product", "organisation", "source_url", "narrative"):
        assert schema["properties"][field]["description"]
    published = json.loads((ROOT / "schema" / "incident.schema.json").read_text())
    assert published == schema, "run `postmortem schema --output schema/incident.schema.json`"


def test_taxonomy_terms_take_aliases() -> None:
    data = {
        "severities": [{"id": "SEV1", "description": "Down."}],
        "root_causes": [{"slug": "memory-leak", "title": "Memory leak", "aliases": ["oom"]}],
    }
    term = Taxonomy.model_validate(data).root_causes[0]
    assert term.words() == ("memory leak", "Memory leak", "oom")
