"""Rules that belong to the domain types, whatever page shows them."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem_kb.archive import Archive, group_by_year
from postmortem_kb.model import ActionItem
from postmortem_kb.validation.check import check_archive
from tests.harness import TESTS

GOLDEN_ARCHIVE = TESTS / "golden" / "archive"


@pytest.fixture(scope="module")
def archive() -> Archive:
    found, problems = check_archive([GOLDEN_ARCHIVE])
    assert found is not None, problems
    return found


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        ("open", date(2025, 3, 14), True),
        ("in-progress", date(2025, 3, 14), True),
        ("open", date(2025, 3, 15), False),  # due today is not late yet
        ("done", date(2025, 3, 14), False),
        ("wont-do", date(2025, 3, 14), False),
        ("open", None, False),
    ],
)
def test_an_action_item_is_overdue_when_open_past_its_due_date(
    status: str, due: date | None, overdue: bool
) -> None:
    item = ActionItem.model_validate({"title": "Fix it", "status": status, "due": due})
    assert item.is_overdue(date(2025, 3, 15)) is overdue


def test_a_root_cause_the_taxonomy_does_not_know_is_shown_by_its_slug(archive: Archive) -> None:
    assert archive.taxonomy.root_cause_title("memory-leak") == "Memory leak"
    assert archive.taxonomy.root_cause_title("gremlins") == "gremlins"


def test_incidents_by_severity_list_every_level_most_severe_first(archive: Archive) -> None:
    levels = archive.by_severity
    assert list(levels) == ["SEV1", "SEV2", "SEV3", "SEV4", "unrated"]
    assert {s: [i.id for i in found] for s, found in levels.items()} == {
        "SEV1": ["2024-08-12-payment-gateway-memory-leak"],
        "SEV2": [],
        "SEV3": ["2025-01-31-checkout-draft-midnight"],
        "SEV4": [],
        "unrated": ["2023-05-22-card-network-settlement-file-rejected"],
    }


def test_incidents_by_year_follow_the_order_given(archive: Archive) -> None:
    assert list(archive.by_year) == [2025, 2024, 2023]
    assert list(group_by_year(reversed(archive.incidents))) == [2023, 2024, 2025]
    assert sum(map(len, archive.by_year.values())) == len(archive)
