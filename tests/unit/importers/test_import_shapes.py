"""The shapes the importer reads, one line each: times, clocks, follow-ups, reference links,
and what counts as a placeholder."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem_kb.files.yaml_read import load_yaml
from postmortem_kb.importers.actions import parse_item
from postmortem_kb.importers.formats.links import resolve_reference_links
from postmortem_kb.importers.timing.when import read_when
from postmortem_kb.importers.timing.zones import read_clock, stated_clock
from postmortem_kb.validation.rules.publish import prose_only, publish_problems


@pytest.mark.parametrize(
    ("line", "day", "clock", "zone", "rest"),
    [
        ("- 14:02 deploy starts", None, "14:02", None, "deploy starts"),
        ("* [08:47] alert fires", None, "08:47", None, "alert fires"),
        ("- **14:02** rollback", None, "14:02", None, "rollback"),
        ("- **14:02 UTC** rollback", None, "14:02", "UTC", "rollback"),
        ("- 2:54 PM PST: pages", None, "14:54", "PST", "pages"),
        ("2022-04-15 4:35", date(2022, 4, 15), "04:35", None, ""),
        ("2024-09-14T19:24:00+05:30 y", date(2024, 9, 14), "19:24", "+05:30", "y"),
        ("Apr 15, 2022 14:02 - x", date(2022, 4, 15), "14:02", None, "x"),
        ("Monday 2023-06-12", date(2023, 6, 12), None, None, ""),
        ("- 14:02–14:10 deploy", None, "14:02", None, "deploy"),
        ("- 9:05am export runs", None, "09:05", None, "export runs"),
        ("12:30 p.m. asks HR", None, "12:30", None, "asks HR"),
        ("- [03-05 14:20] db fails", date(2022, 3, 5), "14:20", None, "db fails"),
        ("14:30 pm gates open", None, "14:30", None, "gates open"),
        ("ca 09:15 found", None, "09:15", None, "found"),
        ("5 March 2022 09:10", date(2022, 3, 5), "09:10", None, ""),
    ],
)
def test_a_timeline_entry_starts_with_its_time(
    line: str, day: date | None, clock: str | None, zone: str | None, rest: str
) -> None:
    when = read_when(line, year_hint=2022)
    assert when is not None
    assert (when.day, when.clock, when.rest) == (day, clock, rest)
    assert (when.clock_written.written if when.clock_written else None) == zone


@pytest.mark.parametrize("line", ["- 2019 was a year", "14:02x", "March 3 was a Friday", "0730"])
def test_words_that_only_look_like_times_are_not_entries(line: str) -> None:
    assert read_when(line) is None


def test_four_digit_times_only_in_a_time_column() -> None:
    when = read_when("0730", four_digit=True, bare=True)
    assert when is not None and when.clock == "07:30"


@pytest.mark.parametrize(
    ("sentence", "day", "zone"),
    [
        ("All times in PST", date(2022, 1, 15), "America/Los_Angeles"),
        ("All times in PST", date(2022, 7, 15), "UTC-08:00"),  # PST in July: as written
        ("all times are US/Pacific.", date(2022, 7, 15), "America/Los_Angeles"),
        ("Timeline (all times -08:00)", date(2022, 7, 15), "UTC-08:00"),
        ("times are CEST", date(2023, 6, 12), "Europe/Berlin"),
        ("Alle Zeiten in CET.", date(2023, 2, 14), "Europe/Berlin"),
        ("Times are in UTC+5:30", date(2023, 2, 14), "UTC+05:30"),
        ("Date: 2023-12-05 (times UTC)", date(2023, 12, 5), "UTC"),
    ],
)
def test_a_stated_clock_becomes_the_timezone(sentence: str, day: date, zone: str) -> None:
    clock = stated_clock(sentence)
    assert clock is not None
    assert clock.zone_on([day])[0] == zone


def test_an_unknown_word_is_no_clock() -> None:
    assert read_clock("Mars/Olympus") is None
    assert stated_clock("All hands were in the room") is None


@pytest.mark.parametrize(
    ("line", "title", "status", "owner", "due", "link"),
    [
        ("[x] Roll back the config (owner: dns-team) — done", "Roll back the config", "done",
         "dns-team", None, None),
        ("[ ] Alert on SERVFAIL @mira, due 2024-05-01, [OPS-1](https://t.example/OPS-1)",
         "Alert on SERVFAIL", "open", "@mira", "2024-05-01", "https://t.example/OPS-1"),
        ("Add a canary stage. Owner: Priya. Due: May 3, 2024", "Add a canary stage.", "open",
         "Priya", "2024-05-03", None),
        ("Remove the flush (storefront-team)", "Remove the flush", "open", "storefront-team",
         None, None),
        ("Fix the parser (in progress)", "Fix the parser", "in-progress", None, None, None),
        ("Patch the gateway - PAY-123", "Patch the gateway - PAY-123", "open", None, None,
         "PAY-123"),
        ("Rotate keys ✅", "Rotate keys", "done", None, None, None),
        ("Skip empty routes ([BUS-3](https://t.example/BUS-3))", "Skip empty routes", "open",
         None, None, "https://t.example/BUS-3"),
        ("[x] https://t.example/LIB-2", "https://t.example/LIB-2", "done", None, None,
         "https://t.example/LIB-2"),
        ("[KEY-8](https://t.example/KEY-8)", "KEY-8", "open", None, None,
         "https://t.example/KEY-8"),
    ],
)  # fmt: skip
def test_an_action_item_line_gives_its_owner_due_date_status_and_link(
    line: str, title: str, status: str, owner: str | None, due: str | None, link: str | None
) -> None:
    item = parse_item(line, 2024)
    assert (item.title, item.status, item.owner, item.due, item.link) == (
        title, status, owner, due, link
    )  # fmt: skip


def test_reference_links_are_resolved_and_their_definitions_are_no_text() -> None:
    source = (
        "See the [hook][sentry-1], [Grafana] and [x][]. `[hook][sentry-1]` stays.\n"
        "```\n[hook][sentry-1]\n```\n"
        '[sentry-1]: https://sentry.example/1 "title"\n'
        "[Grafana]: <https://grafana.example/d/1>\n"
        "[x]: https://x.example\n"
    )
    lines = resolve_reference_links(source).split("\n")
    assert lines[0] == (
        "See the [hook](https://sentry.example/1), [Grafana](https://grafana.example/d/1) and "
        "[x](https://x.example). `[hook][sentry-1]` stays."
    )
    assert lines[2] == "[hook][sentry-1]"  # in a code block: as written
    assert lines[4:7] == ["", "", ""]


def test_placeholders_in_code_and_comments_are_quoted_not_unfinished() -> None:
    quoted = "A log line:\n\n```\n# TODO: handle empty file\n```\n\n`TODO` <!-- TODO: later -->"
    assert "TODO" not in prose_only(quoted)
    text = f"title: Crash\nsummary: |\n  {quoted.replace(chr(10), chr(10) + '  ')}\n"
    assert publish_problems(load_yaml("x.yaml", text.encode()).data, "x.yaml", None) == []
    left = "title: Crash\nsummary: TODO write this\n"
    (problem,) = publish_problems(load_yaml("x.yaml", left.encode()).data, "x.yaml", None)
    assert "placeholder 'TODO'" in problem.message


def test_task_lists_of_html_exports_keep_done_and_open() -> None:
    from postmortem_kb.importers.formats.html import read_html

    page = (
        "<html><body><h1>T</h1><h2>Action items</h2><ul class='inline-task-list'>"
        "<li data-inline-task-id='1' class='checked'>Fix A</li>"
        "<li data-inline-task-id='2'>Fix B</li></ul>"
        "<ul><li><input type='checkbox' checked> Do C</li><li><input type='checkbox'> Do D</li>"
        "</ul></body></html>"
    )
    assert [(a.title, a.status) for a in read_html(page).actions] == [
        ("Fix A", "done"), ("Fix B", "open"), ("Do C", "done"), ("Do D", "open")
    ]  # fmt: skip


def test_a_lead_up_event_days_before_the_rest_is_kept_but_is_not_the_start() -> None:
    from postmortem_kb.importers import build_incident_yaml
    from postmortem_kb.importers.formats.reading import read_draft
    from postmortem_kb.validation.writing import read_taxonomy
    from tests.harness import ROOT

    source = (
        "# Disk full\n\n## Timeline\n\n"
        "- 2023-03-04 10:00 retention raised (reviewed, merged)\n"
        "- 2023-03-10 14:20 first node full\n- 14:31 alert fires\n- 15:05 resolved\n"
    )
    built = build_incident_yaml(
        read_draft("markdown", source, "x.md"), read_taxonomy(ROOT / "incidents"), "x.md"
    )
    data = load_yaml("x.yaml", built.text.encode()).data
    assert data["started"] == "2023-03-10 14:20"
    assert [e["at"] for e in data["timeline"]] == [
        "2023-03-04 10:00", "2023-03-10 14:20", "14:31", "15:05"
    ]  # fmt: skip
    assert built.stem == "2023-03-10-disk-full"


def test_todo_lines_are_items_among_the_action_items_and_notes_elsewhere() -> None:
    from postmortem_kb.importers.formats.markdown import read_markdown

    text = (
        "# Kiosks\n\n## Action items\n\nTODO: fix the cache\nTODO: add an alarm\n\n"
        "## Appendix\n\nTODO: ask the east branch\n"
    )
    draft = read_markdown(text)
    assert [a.title for a in draft.actions] == ["fix the cache", "add an alarm"]
    assert "`TODO:` ask the east branch" in "\n".join(t for _, t in draft.kept)
