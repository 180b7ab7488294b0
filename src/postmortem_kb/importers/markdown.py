"""Markdown postmortems written from the common templates (Google SRE, PagerDuty).

Sections start at headings (`## Impact`), at bold labels (`**Impact:** …`) and at
`Label: text` lines whose label names a known section. The first level-1 heading is the
title. Tables are read where their meaning is clear: the action-items table (columns
such as Action Item, Type, Owner, Bug, Status) and a Time | Event timeline.
"""

from __future__ import annotations

import re

from .common import (
    Action,
    Draft,
    Section,
    apply_sections,
    guess_action_kind,
    section_field,
)
from .text import section_heading

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)(?P<label>[^*_]+?):?(?:\*\*|__):?\s*(?P<inline>.*)$")
_TITLE_PREFIX = re.compile(r"^(?:incident\s+)?post[- ]?mortem\s*[:—–-]\s*", re.IGNORECASE)
_COLUMNS = {
    "title": ("action item", "action", "item", "title", "task", "description"),
    "kind": ("type", "kind", "category"),
    "owner": ("owner", "assignee", "who"),
    "status": ("status", "state"),
    "link": ("bug", "ticket", "issue", "link", "jira"),
}
_STATUSES = {
    "done": "done",
    "closed": "done",
    "fixed": "done",
    "complete": "done",
    "in progress": "in-progress",
    "started": "in-progress",
    "won't do": "wont-do",
    "wont do": "wont-do",
}
_KINDS = {"repair": "fix", "fix": "fix", "mitigate": "mitigate", "prevent": "prevent"}
_KINDS |= {"detect": "detect", "process": "process", "mitigation": "mitigate"}


def _heading_of(line: str) -> tuple[int, str, str] | None:
    """(level, heading, inline text) for a heading, a bold label or a known label."""
    heading = _HEADING.match(line)
    if heading:
        return len(heading[1]), heading[2].strip("*_ "), ""
    bold = _BOLD_LABEL.match(line.strip())
    if bold and section_field(bold["label"]) is not None:
        return 7, bold["label"].strip(), bold["inline"].strip()
    labelled = section_heading(line)
    if labelled is not None and section_field(labelled[0]) is not None:
        return 7, labelled[0], labelled[1]
    return None


def read_markdown(text: str) -> Draft:
    """A Markdown postmortem as a Draft; unknown sections land in `Draft.unmapped`."""
    draft = Draft()
    sections: list[Section] = []
    in_code = False
    for number, line in enumerate(text.splitlines(), start=1):
        in_code ^= line.lstrip().startswith("```")
        found = None if in_code else _heading_of(line)
        if found is not None and found[0] == 1 and not draft.title:
            draft.title = _TITLE_PREFIX.sub("", found[1]).strip()
        elif found is not None:
            sections.append(Section(found[1], number, found[2]))
        elif sections:
            sections[-1].lines.append((number, line.rstrip()))
        elif line.strip() and not re.fullmatch(r"[-*_=\s]+", line):
            draft.unmapped.append(f"{number}: not imported: {line.strip()}")
    for section in sections:
        _read_tables(draft, section)
    apply_sections(draft, sections)
    return draft


def _read_tables(draft: Draft, section: Section) -> None:
    """Action-item tables become actions; timeline tables become `time — event` lines."""
    name = section_field(section.heading)
    rows = [(n, _cells(t)) for n, t in section.lines if t.lstrip().startswith("|")]
    if name not in ("todo", "measures", "timeline") or len(rows) < 2:
        return
    header = [cell.lower() for cell in rows[0][1]]
    body = [
        (n, cells) for n, cells in rows[1:] if not all(re.fullmatch(r":?-+:?", c) for c in cells)
    ]
    rest = [(n, t) for n, t in section.lines if not t.lstrip().startswith("|")]
    if name == "timeline":
        rest += [(n, " — ".join(cells[:2]) + _more(cells[2:])) for n, cells in body]
        section.lines = sorted(rest)
        return
    column = {
        key: next((i for i, h in enumerate(header) if h in names), None)
        for key, names in _COLUMNS.items()
    }
    for _, cells in body:
        values = {key: _cell(cells, index) for key, index in column.items()}
        title = values["title"] or _cell(cells, 0)
        if not title:
            continue
        kind = _KINDS.get(values["kind"].lower()) or guess_action_kind(title, "fix")
        status = _STATUSES.get(values["status"].lower().strip("* "), "open")
        draft.actions.append(
            Action(title, kind, values["owner"] or None, status, values["link"] or None)
        )
    section.lines = rest


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip("* ").strip()


def _more(cells: list[str]) -> str:
    extra = " ".join(cell for cell in cells if cell)
    return f" ({extra})" if extra else ""
