"""`started: unknown`: a review that gives no date at all (73 of a real collection's 242)
is kept, and every page, list, figure and export says its date is unknown instead of
inventing one."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from postmortem_kb.archive import Archive
from postmortem_kb.render.generated import generated_pages
from postmortem_kb.render.pages.feeds import render_archive_feed, render_json_export
from postmortem_kb.render.pages.incident import render_incident_page
from postmortem_kb.render.pages.indexes import render_archive_index
from postmortem_kb.render.pages.insights import render_insights
from tests.harness import ROOT, copy_project, mkdocs_build
from tests.harness.small_archive import archive_of

TODAY = date(2025, 3, 15)
SITE = "https://reviews.example/"
UNDATED = """\
title: {title}
status: published
visibility: public
started: unknown
root_causes: [memory-leak]
summary: A review copied from an old wiki without its date.
"""
DATED = """\
title: {title}
status: published
visibility: public
started: {started}
resolved: {resolved}
root_causes: [memory-leak]
summary: A review with its dates.
"""
TIMELINE = """\
timezone: Europe/Warsaw
timeline:
  - at: 2019-05-14 06:40
    kind: detection
    event: Disk usage alert at 95%.
  - at: "08:10"
    kind: mitigation
    event: Bounces moved away; the relay accepts mail again.
"""


def mixed(tmp_path: Path) -> Archive:
    """Two dated reviews and two undated ones, one of those with a timeline."""
    archive, problems = archive_of(
        tmp_path,
        {
            "2024-03-03-gateway": DATED.format(
                title="Gateway leak", started="2024-03-03 10:00", resolved="2024-03-03 12:00"
            ),
            "2021-06-01-cache": DATED.format(
                title="Cache leak", started="2021-06-01", resolved="unknown"
            ),
            "zebra-relay": UNDATED.format(title="Zebra relay stalled") + TIMELINE,
            "alpha-login": UNDATED.format(title="alpha login slow"),
        },
    )
    assert archive is not None and problems == [], problems
    return archive


def test_a_review_with_no_date_knows_no_time_and_says_so(tmp_path: Path) -> None:
    archive = mixed(tmp_path)
    login = archive.by_id["alpha-login"]
    assert login.started is None and login.precision("started") == "unknown"
    assert login.started_at is None and login.ended_at is None
    assert login.time_to_resolve is None
    page = render_incident_page(archive, login, today=TODAY)
    assert "**Started:** unknown (no date recorded)" in page
    assert "00:00" not in page and "1970" not in page


def test_with_no_start_the_timeline_carries_its_own_date(tmp_path: Path) -> None:
    archive = mixed(tmp_path)
    relay = archive.by_id["zebra-relay"]
    assert [f"{m:%Y-%m-%d %H:%M}" for m in relay.event_times()] == [
        "2019-05-14 06:40",
        "2019-05-14 08:10",
    ]
    page = render_incident_page(archive, relay, today=TODAY)
    # No start day to count from: every event shows its date.
    for shown in ("2019-05-14 06:40", "2019-05-14 08:10"):
        assert f"| {shown}<br><span class" in page


def test_undated_reviews_come_last_under_their_own_heading(tmp_path: Path) -> None:
    archive = mixed(tmp_path)
    assert [i.id for i in archive.incidents] == [
        "2024-03-03-gateway",
        "2021-06-01-cache",
        "alpha-login",
        "zebra-relay",
    ]
    assert list(archive.by_year) == [2024, 2021]
    assert [i.id for i in archive.undated] == ["alpha-login", "zebra-relay"]
    index = render_archive_index(archive)
    headings = re.findall(r"^## (.+?) \{", index, flags=re.M)
    assert headings == ["2024", "2021", "Date unknown"]
    assert '<option value="unknown">Date unknown</option>' in index
    assert 'data-year="unknown"' in index
    assert index.count("date unknown") == 2  # the Date column of both undated rows


def test_figures_by_date_say_what_they_leave_out(tmp_path: Path) -> None:
    archive = mixed(tmp_path)
    insights = render_insights(archive, today=TODAY)
    assert "counted by year of `started`, 2 incidents. Not counted: 2 whose start is unknown." in (
        insights
    )
    assert "Left out: 2 incidents with no known date." in insights
    cause = generated_pages(archive, today=TODAY)["root-causes/memory-leak.md"]
    assert "- **Incidents:** 4 (2 with an unknown date)" in cause
    assert "- **First seen:** 2021-06-01\n- **Last seen:** 2024-03-03" in cause


def test_exports_say_unknown_and_feeds_list_what_has_a_date(tmp_path: Path) -> None:
    archive = mixed(tmp_path)
    records = {
        r["id"]: r
        for r in json.loads(render_json_export(archive, site_url=SITE, today=TODAY))["incidents"]
    }
    assert records["alpha-login"]["started"] == "unknown"
    assert records["alpha-login"]["resolved"] is None
    assert records["2021-06-01-cache"]["started"] == "2021-06-01"
    assert records["2021-06-01-cache"]["resolved"] == "unknown"
    feed = feedparser.parse(render_archive_feed(archive, site_url=SITE, today=TODAY))
    # An entry needs a date: the undated review with a timeline has none either (the
    # timeline is not one of the incident's times), so only the dated two are listed.
    assert [e.title for e in feed.entries] == ["Gateway leak", "Cache leak"]


def test_a_file_named_for_a_day_while_started_is_unknown_is_pointed_out(tmp_path: Path) -> None:
    relay = UNDATED.format(title="Relay stalled").replace("published", "draft") + TIMELINE
    _, problems = archive_of(
        tmp_path, {"2019-05-14-relay": relay}, ROOT / "incidents" / "taxonomy.yaml"
    )
    assert [p.split("/incidents/")[1] for p in problems] == [
        "2019-05-14-relay.yaml:1:1: warning: the file is named for 2019-05-14, but "
        "`started` is unknown (write `started: 2019-05-14` if impact began that day, or name "
        "the file without a date)"
    ]


@pytest.mark.build
def test_an_archive_of_only_undated_reviews_builds_strict(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for path in (project / "incidents").glob("*.yaml"):
        if path.name != "taxonomy.yaml":
            path.unlink()
    for stem, title in (("mail-relay", "Mail relay stalled"), ("login-font", "Login page slow")):
        text = UNDATED.format(title=title).replace("status: published", "status: draft")
        (project / "incidents" / f"{stem}.yaml").write_text(text, encoding="utf-8")

    built = mkdocs_build(project)

    assert built.returncode == 0, built.stderr
    assert built.warnings == []
    site = project / "site"
    archive = (site / "incidents" / "index.html").read_text(encoding="utf-8")
    assert 'id="date-unknown">Date unknown' in archive
    insights = (site / "insights" / "index.html").read_text(encoding="utf-8")
    assert "Not counted: 2 whose start is unknown." in insights
    page = (site / "incidents" / "mail-relay" / "index.html").read_text(encoding="utf-8")
    assert "unknown (no date recorded)" in page


def test_a_row_with_no_cause_or_service_has_no_empty_chip_line(tmp_path: Path) -> None:
    """Imported reviews often name neither: their card on a phone has no blank line."""
    archive, problems = archive_of(
        tmp_path, {"bare": UNDATED.format(title="Bare").replace("root_causes: [memory-leak]\n", "")}
    )
    assert archive is not None and problems == [], problems
    index = render_archive_index(archive)
    assert "| date unknown | [Bare](bare.md) | <span" in index
