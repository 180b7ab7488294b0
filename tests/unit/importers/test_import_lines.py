"""How the importer reads a section's lines and headings, and titles a source with none:
shapes seen when importing a public collection of other organisations' reviews."""

from __future__ import annotations

import pytest

from postmortem_kb.importers.formats.headings import section_field
from postmortem_kb.importers.lines import heading_note, list_items
from postmortem_kb.importers.timing.clock import find_month
from postmortem_kb.text.sentences import first_sentence, plain_text


def _lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.splitlines(), start=1))


def test_prose_wrapped_at_80_columns_is_one_item_per_paragraph() -> None:
    section = _lines(
        "The retry budget was shared by every tenant, so one tenant's burst of\n"
        "timeouts used it up for all of them, and nobody saw it because the\n"
        "dashboard showed only the average.\n"
        "The runbook still named the old queue.\n"
    )
    assert list_items(section) == [
        "The retry budget was shared by every tenant, so one tenant's burst of timeouts used it"
        " up for all of them, and nobody saw it because the dashboard showed only the average.",
        "The runbook still named the old queue.",
    ]


def test_a_legacy_todo_list_keeps_one_item_per_line() -> None:
    section = _lines(
        "Add a lag alert on the billing consumer\n"
        "Rehearse the failover twice a year\n"
        "Patch the scheduler.\n"
        "Write down who owns the cron host.\n"
    )
    assert list_items(section) == [
        "Add a lag alert on the billing consumer",
        "Rehearse the failover twice a year",
        "Patch the scheduler.",
        "Write down who owns the cron host.",
    ]


def test_marked_items_take_their_wrapped_and_indented_lines() -> None:
    section = _lines("- Move the cron job to the\n  worker pool\n- Alert on lag,\nnot on errors\n")
    assert list_items(section) == [
        "Move the cron job to the worker pool",
        "Alert on lag, not on errors",
    ]


@pytest.mark.parametrize(
    ("heading", "name", "note"),
    [
        ("Timeline (all times in UTC)", "Timeline", "all times in UTC"),
        ("Timeline (times are CET):", "Timeline", "times are CET"),
        ("Timeline", "Timeline", ""),
        ("(draft)", "(draft)", ""),
    ],
)
def test_a_heading_note_is_not_its_name(heading: str, name: str, note: str) -> None:
    assert heading_note(heading) == (name, note)


def test_a_timeline_heading_with_a_note_is_the_timeline() -> None:
    assert section_field("Timeline (all times in UTC)") == "timeline"
    assert section_field("Impact (customer-facing):") == "impact"


@pytest.mark.parametrize(
    ("markdown", "sentence"),
    [
        (
            "Downloads from crates.example.io broke. Then more.",
            "Downloads from crates.example.io broke.",
        ),
        ("Porting the v2.0 code leaked data. More.", "Porting the v2.0 code leaked data."),
        (
            "The [Ferrybook](http://ferry.example.pl) site failed. Next.",
            "The Ferrybook site failed.",
        ),
        ("A typo deleted *boot.ini* on install. Next.", "A typo deleted boot.ini on install."),
        ("[Quayside](https://quay.example/why_we_were_down)", "Quayside"),
        (
            "It broke, e.g. the cart and the basket. Next.",
            "It broke, e.g. the cart and the basket.",
        ),
        ("Held `clock_lock` while logging. Then.", "Held clock_lock while logging."),
        ("支付回调丢失。随后恢复", "支付回调丢失。"),
    ],
)
def test_the_first_sentence_of_a_source_without_a_title(markdown: str, sentence: str) -> None:
    assert first_sentence(plain_text(markdown)) == sentence


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("In November 2018 the ledger went read-only.", "2018-11"),
        ("Ferries ran late at the end of Oct 2021 for three days.", "2021-10"),
        ("On June 13, the queue stalled.", None),  # a day without a year is no date
        ("Retries may 2019 times more often.", None),
        ("Landing on the moon (1969) went fine.", None),
    ],
)
def test_a_month_named_in_the_story(text: str, month: str | None) -> None:
    assert find_month(text) == month
