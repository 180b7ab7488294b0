"""/insights/, /action-items/, root-cause figures and incidents.json, checked against figures
computed here straight from the YAML files (never through postmortem_kb's metrics or archive)."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from postmortem_kb.times import format_duration
from tests.harness import TIMED_FIELDS, copy_project, load_incidents, mkdocs_build

TODAY = date(2026, 11, 1)  # POSTMORTEM_TODAY of test builds
FIELDS = TIMED_FIELDS
BUCKET_EDGES_MIN = (15, 30, 60, 120, 240, 480, 1440)


def since_start(incident: dict[str, Any], name: str) -> timedelta | None:
    end = incident.get(name)
    return None if end is None else end - incident["started"]


def impact(incident: dict[str, Any]) -> timedelta | None:
    return since_start(incident, "mitigated") or since_start(incident, "resolved")


def nearest_rank(values: list[timedelta], percent: int) -> timedelta:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(percent * len(ordered) / 100)) - 1]


def histogram(values: list[timedelta]) -> list[int]:
    counts = [0] * (len(BUCKET_EDGES_MIN) + 1)
    for value in values:
        minutes = value.total_seconds() / 60
        counts[sum(1 for edge in BUCKET_EDGES_MIN if minutes >= edge)] += 1
    return counts


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(), "html.parser")


def tables_after(soup: BeautifulSoup, heading_id: str) -> list[Tag]:
    """The table under a heading: its first rows and its "Show all" fold's, up to the next
    heading."""
    heading = soup.find(id=heading_id)
    assert isinstance(heading, Tag), heading_id
    tables = []
    for found in heading.find_all_next(["table", "h2", "h3", "h4"]):
        if found.name != "table":
            break
        tables.append(found)
    assert tables, heading_id
    return tables


def table_after(soup: BeautifulSoup, heading_id: str) -> list[list[str]]:
    return [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for found in tables_after(soup, heading_id)
        for tr in found.select("tbody tr")
    ]


def href_slugs(soup: BeautifulSoup, heading_id: str, prefix: str) -> list[str]:
    return [
        str(a["href"]).split(prefix)[1].strip("/")
        for found in tables_after(soup, heading_id)
        for a in found.select("tbody tr a[href]")
        if prefix in str(a["href"])
    ]


def test_incidents_per_year_over_the_whole_span_past_24_months(sample_site: Path) -> None:
    incidents = load_incidents()
    years = range(min(i["started"].year for i in incidents), TODAY.year + 1)
    expected = [[str(y), str(sum(1 for i in incidents if i["started"].year == y))] for y in years]
    rows = table_after(page(sample_site, "insights"), "incidents-per-year")
    assert [row[:2] for row in rows] == expected
    assert sum(int(row[1]) for row in rows) == len(incidents)


def test_incidents_per_severity(sample_site: Path) -> None:
    incidents = load_incidents()
    rows = table_after(page(sample_site, "insights"), "incidents-per-severity")
    counted = {row[0]: int(row[2]) for row in rows}
    assert counted == {s: sum(1 for i in incidents if i["severity"] == s) for s in counted}
    assert counted == {"SEV1": 4, "SEV2": 6, "SEV3": 4, "SEV4": 2}


def expected_distribution(group: list[dict[str, Any]], name: str) -> list[str]:
    known = [d for i in group if (d := since_start(i, name)) is not None]
    cells = [str(len(known))]
    if known:
        cells += [format_duration(nearest_rank(known, p)) for p in (50, 90)]
        cells.append(format_duration(max(known)))
    else:
        cells += ["—"] * 3
    return [*cells, str(len(group) - len(known))]


def test_overall_distributions_are_nearest_rank(sample_site: Path) -> None:
    incidents = load_incidents()
    soup = page(sample_site, "insights")
    rows = table_after(soup, "all-incidents")
    assert rows == [
        [f"Time to {verb}", *expected_distribution(incidents, field)]
        for verb, field in (
            ("detect", "detected"),
            ("mitigate", "mitigated"),
            ("resolve", "resolved"),
        )
    ]
    histograms = table_after(soup, "histograms")
    columns = [histogram([d for i in incidents if (d := since_start(i, f))]) for f in FIELDS]
    assert [[int(c) for c in row[1:]] for row in histograms] == [
        list(r) for r in zip(*columns, strict=True)
    ]
    text = soup.get_text(" ")
    assert "Time to detect = detected − started" in " ".join(text.split())
    assert "nearest-rank" in text


@pytest.mark.parametrize("field", FIELDS)
def test_distributions_per_severity_and_root_cause(sample_site: Path, field: str) -> None:
    incidents = load_incidents()
    soup = page(sample_site, "insights")
    verb = {"detected": "detect", "mitigated": "mitigate", "resolved": "resolve"}[field]
    by_severity = table_after(soup, f"time-to-{verb}-per-severity")
    for row in by_severity:
        group = [i for i in incidents if i["severity"] == row[0]]
        assert row[1:] == expected_distribution(group, field), row
    assert [r[0] for r in by_severity] == ["SEV1", "SEV2", "SEV3", "SEV4"]
    slugs = href_slugs(soup, f"time-to-{verb}-per-root-cause", "root-causes/")
    rows = table_after(soup, f"time-to-{verb}-per-root-cause")
    assert sorted(slugs) == sorted({c for i in incidents for c in i.get("root_causes", [])})
    for slug, row in zip(slugs, rows, strict=True):
        group = [i for i in incidents if slug in i.get("root_causes", [])]
        assert row[1:6] == expected_distribution(group, field), slug


def test_root_causes_ranked_by_count_and_by_impact(sample_site: Path) -> None:
    incidents = load_incidents()
    causes = {c for i in incidents for c in i.get("root_causes", [])}
    count = {c: sum(1 for i in incidents if c in i.get("root_causes", [])) for c in causes}
    total = {
        c: sum(
            (impact(i) or timedelta(0) for i in incidents if c in i.get("root_causes", [])),
            timedelta(0),
        )
        for c in causes
    }
    soup = page(sample_site, "insights")
    by_count = href_slugs(soup, "by-number-of-incidents", "root-causes/")
    by_impact = href_slugs(soup, "by-total-impact-time", "root-causes/")
    assert by_count == sorted(causes, key=lambda c: (-count[c], -total[c], c))
    assert by_impact == sorted(causes, key=lambda c: (-total[c], -count[c], c))
    for slug, row in zip(by_impact, table_after(soup, "by-total-impact-time"), strict=True):
        assert row[2:5] == [str(count[slug]), format_duration(total[slug]), "0"]
    assert by_count[0] == "memory-leak" and count["memory-leak"] == 3


def test_root_cause_page_has_count_median_and_trend(sample_site: Path) -> None:
    incidents = [i for i in load_incidents() if "memory-leak" in i.get("root_causes", [])]
    soup = page(sample_site, "root-causes/memory-leak")
    text = " ".join(soup.get_text(" ").split())
    resolve = [d for i in incidents if (d := since_start(i, "resolved"))]
    assert f"Incidents: {len(incidents)}" in text
    assert f"Median time to resolve: {format_duration(nearest_rank(resolve, 50))}" in text
    # The whole archive's span, so that every cause's chart reads against the same years.
    years = sorted({i["started"].year for i in load_incidents()})
    expected = []
    for year in range(years[0], years[-1] + 1):
        group = [i for i in incidents if i["started"].year == year]
        known = [d for i in group if (d := since_start(i, "resolved"))]
        median = format_duration(nearest_rank(known, 50)) if known else "—"
        expected.append([str(year), str(len(group)), median])
    assert table_after(soup, "per-year") == expected
    bars = soup.select(".pm-bars td .pm-bar")
    assert len(bars) == sum(1 for row in expected if row[1] != "0") + sum(
        1 for row in expected if row[2] != "—"
    ), "a bar for each count and known median, none for a zero"


def test_action_items_by_status_with_overdue_and_counts(sample_site: Path) -> None:
    items = [(i, a) for i in load_incidents() for a in i.get("action_items", [])]

    def overdue(item: dict[str, Any]) -> bool:
        status = item.get("status", "open")
        return (
            status in ("open", "in-progress")
            and item.get("due") is not None
            and item["due"] < TODAY
        )

    soup = page(sample_site, "action-items")
    listed = href_slugs(soup, "overdue", "incidents/")
    assert sorted(listed) == sorted(i["id"] for i, a in items if overdue(a))
    assert listed, "the sample archive has overdue items"
    for heading, status in (
        ("open", "open"),
        ("in-progress", "in-progress"),
        ("done", "done"),
        ("wont-do", "wont-do"),
    ):
        rows = table_after(soup, heading)  # each item once: the overdue ones are listed above
        expected = [a for _, a in items if a.get("status", "open") == status and not overdue(a)]
        assert len(rows) == len(expected), status
    owners = {row[0]: row for row in table_after(soup, "per-owner")}
    for owner in {a.get("owner") or "(no owner)" for _, a in items}:
        mine = [a for _, a in items if (a.get("owner") or "(no owner)") == owner]
        assert owners[owner][5:] == [str(sum(map(overdue, mine))), str(len(mine))], owner
    kinds = {row[0]: int(row[-1]) for row in table_after(soup, "per-kind")}
    assert sum(kinds.values()) == len(items) == 80
    assert kinds["process"] == sum(1 for _, a in items if a.get("kind", "fix") == "process")


def test_incidents_json_matches_the_archive(sample_site: Path) -> None:
    incidents = load_incidents()
    export = json.loads((sample_site / "incidents.json").read_text())
    assert export["schema_version"] == 1 and export["generated"] == TODAY.isoformat()
    assert [e["id"] for e in export["incidents"]] == [i["id"] for i in incidents]
    for entry, incident in zip(export["incidents"], incidents, strict=True):
        assert (
            entry["url"] == f"https://example.github.io/postmortem-kb/incidents/{incident['id']}/"
        )
        assert datetime.fromisoformat(entry["started"]) == incident["started"]
        assert entry["title"] == incident["title"] and entry["severity"] == incident["severity"]
        assert entry["root_causes"] == incident.get("root_causes", [])
        for key, field in zip(
            ("time_to_detect", "time_to_mitigate", "time_to_resolve"), FIELDS, strict=True
        ):
            delta = since_start(incident, field)
            assert entry["durations"][key] == (None if delta is None else delta.total_seconds())
        assert len(entry["action_items"]) == len(incident.get("action_items", []))


@pytest.mark.build
def test_incidents_lacking_a_timestamp_are_counted_and_listed(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    draft = project / "incidents" / "2026-10-27-reporting-export-memory-leak.yaml"
    draft.write_text("".join(line for line in draft.read_text().splitlines(keepends=True)
                             if not line.startswith("resolved:")))  # fmt: skip
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    soup = page(project / "site", "insights")
    rows = {row[0]: row for row in table_after(soup, "all-incidents")}
    assert rows["Time to resolve"][1] == "15" and rows["Time to resolve"][5] == "1"
    missing = soup.find(id="incidents-lacking-a-timestamp")
    assert isinstance(missing, Tag)
    listing = missing.find_next("ul")
    assert isinstance(listing, Tag)
    assert "Time to resolve (no resolved): 1" in " ".join(listing.get_text(" ").split())
    assert listing.select_one(f"a[href$='incidents/{draft.stem}/']")


def test_lead_sees_triggers_detection_recurrence_and_resolve_over_time(sample_site: Path) -> None:
    incidents = load_incidents()
    soup = page(sample_site, "insights")
    triggers = {row[0]: int(row[1]) for row in table_after(soup, "by-trigger")}
    assert sum(triggers.values()) == len(incidents)
    seen: set[str] = set()
    repeats = with_cause = 0
    for incident in sorted(incidents, key=lambda i: (i["started"], i["id"])):
        causes = set(incident.get("root_causes", []))
        with_cause += bool(causes)
        repeats += bool(causes & seen)
        seen |= causes
    text = " ".join(soup.get_text(" ").split())
    assert f"({repeats} of {with_cause}) had a root cause that an earlier incident" in text
    years = [row[0] for row in table_after(soup, "time-to-resolve-over-the-years")]
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
