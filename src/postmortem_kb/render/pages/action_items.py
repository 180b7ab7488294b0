"""/action-items/: every follow-up of the archive, by status, with what is overdue."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ...archive import Archive
from ...model import ActionItem, Incident
from ...text.markup import inline_html
from ..common import (
    action_title,
    due_cell,
    folded_table,
    front_matter,
    heading,
    incident_link,
    status_badge,
    status_words,
    table,
)

SECTION = "action-items"
STATUS_HEADINGS = {
    "open": "Open",
    "in-progress": "In progress",
    "done": "Done",
    "wont-do": "Won't do",
}
STATUSES = tuple(STATUS_HEADINGS)
KINDS = ("fix", "prevent", "detect", "mitigate", "process")
NO_OWNER = "(no owner)"


@dataclass(frozen=True)
class FollowUp:
    """An action item with the incident it came from."""

    item: ActionItem
    incident: Incident
    overdue: bool


def follow_ups(archive: Archive, today: date) -> list[FollowUp]:
    """Every action item, by due date (undated last), then newest incident first."""
    found = [
        FollowUp(item, incident, item.is_overdue(today))
        for incident in archive.incidents
        for item in incident.action_items
    ]
    return sorted(found, key=lambda f: (f.item.due is None, f.item.due or today))


def _rows(found: list[FollowUp], today: date) -> list[list[str]]:
    rows = []
    for follow_up in found:
        item = follow_up.item
        due = due_cell(item, today)
        # The incident under the action, as a chip line under a title: the action keeps
        # the table's width instead of sharing it with a column of long incident titles.
        source = incident_link(follow_up.incident, SECTION)
        rows.append([
            f'{action_title(item)}<br><span class="pm-from">from {source}</span>',
            inline_html(item.owner or NO_OWNER), due, item.kind, status_badge(item.status),
        ])  # fmt: skip
    return rows


_COLUMNS = ["Action and incident", "Owner", "Due", "Kind", "Status"]


def _listing(found: list[FollowUp], today: date, what: str = "action items") -> str:
    """The items as a table (cards on a phone, see lists.css)."""
    if not found:
        return "None.\n\n"
    return folded_table(_COLUMNS, _rows(found, today), what, wrap="pm-actions") + "\n\n"


def _per_owner(found: list[FollowUp]) -> str:
    counts: dict[str, Counter[str]] = {}
    overdue: Counter[str] = Counter()
    for follow_up in found:
        owner = follow_up.item.owner or NO_OWNER
        counts.setdefault(owner, Counter())[follow_up.item.status] += 1
        overdue[owner] += follow_up.overdue
    rows = [
        [inline_html(owner), *(str(c[s]) for s in STATUSES), str(overdue[owner]), str(c.total())]
        for owner, c in sorted(counts.items(), key=lambda kv: (-kv[1].total(), kv[0]))
    ]
    return table(["Owner", *map(status_words, STATUSES), "overdue", "total"], rows)


def _per_kind(found: list[FollowUp]) -> str:
    counts: dict[str, Counter[str]] = {
        kind: Counter(f.item.status for f in found if f.item.kind == kind) for kind in KINDS
    }
    overdue: Counter[str] = Counter(f.item.kind for f in found if f.overdue)
    rows = [
        [kind, *(str(c[s]) for s in STATUSES), str(overdue[kind]), str(c.total())]
        for kind, c in counts.items()
    ]
    return table(["Kind", *map(status_words, STATUSES), "overdue", "total"], rows)


def render_action_items(archive: Archive, *, today: date) -> str:
    """The Markdown of /action-items/."""
    found = follow_ups(archive, today)
    overdue = [f for f in found if f.overdue]
    by_status = {s: [f for f in found if f.item.status == s] for s in STATUSES}
    summary = ", ".join(f"{len(items)} {status_words(s)}" for s, items in by_status.items())
    # Each item is listed once: the overdue ones above, the rest under their status.
    waiting = {s: [f for f in items if not f.overdue] for s, items in by_status.items()}
    parts = [
        front_matter("Action items", "Every follow-up of every incident, open and overdue first."),
        "# Action items\n\n",
        f"{len(found)} action items ({summary}); **{len(overdue)} overdue** on "
        f"{today.isoformat()}. Overdue: open or in progress and due before that day. "
        "Each item is listed once: the overdue ones first, the longest overdue at the top; "
        "the others under their status, by due date.\n\n",
        # The items are indexed nowhere: search finds incidents, this page is for reading.
        heading(2, "Overdue", searchable=False),
        _listing(overdue, today, "overdue action items"),
    ]
    parts += [
        heading(2, STATUS_HEADINGS[status], searchable=False)
        + _listing(waiting[status], today, f"{STATUS_HEADINGS[status].lower()} action items")
        for status in STATUSES
    ]
    parts += [
        heading(2, "Per owner", searchable=False), _per_owner(found), "\n\n",
        heading(2, "Per kind", searchable=False), _per_kind(found), "\n",
    ]  # fmt: skip
    return "".join(parts)
