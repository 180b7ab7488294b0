"""Markdown postmortems written from the common templates (Google SRE, PagerDuty, Atlassian).

markdown-it-py finds the headings (ATX `## Impact` and setext underlines alike) and the
code blocks, so a `# comment` inside a fence is never a heading. Sections also start at
bold labels (`**Impact:** …`) and at `Label: text` lines whose label names a known
section. The first level-1 heading is the title; text before the first section is kept in
the narrative. Tables are read where their meaning is clear: the action-items table (columns
such as Action Item, Type, Owner, Bug, Status) and a Time | Event timeline.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .common import (
    Action,
    Draft,
    Section,
    apply_sections,
    guess_action_kind,
    section_field,
)
from .text import section_heading

_PARSER = MarkdownIt("commonmark").enable("table")
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)(?P<label>[^*_]+?):?(?:\*\*|__):?\s*(?P<inline>.*)$")
TITLE_PREFIX = re.compile(r"^(?:incident\s+)?post[- ]?mortem\s*[:—–-]\s*", re.IGNORECASE)
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


def _label_of(line: str) -> tuple[int, str, str] | None:
    """(7, label, inline text) for a bold label or a known `Label:` line."""
    bold = _BOLD_LABEL.match(line.strip())
    if bold and section_field(bold["label"]) is not None:
        return 7, bold["label"].strip(), bold["inline"].strip()
    labelled = section_heading(line)
    if labelled is not None and section_field(labelled[0]) is not None:
        return 7, labelled[0], labelled[1]
    return None


def read_markdown(text: str, draft: Draft | None = None, first_line: int = 1) -> Draft:
    """A Markdown postmortem as a Draft; text no field takes is kept for the narrative.

    `first_line` numbers the lines of a body that follows front matter."""
    draft = draft or Draft()
    headings, literal = _block_lines(text)
    sections: list[Section] = []
    preamble: list[str] = []
    skip_until = -1
    for index, line in enumerate(text.splitlines()):
        number = index + first_line
        if index < skip_until:
            continue  # a setext heading's underline
        found: tuple[int, str, str] | None = None
        if index in headings:
            level, heading, skip_until = headings[index]
            found = (level, heading.strip("*_ "), "")
        elif index not in literal:
            found = _label_of(line)
        heading_title = TITLE_PREFIX.sub("", found[1]).strip() if found else ""
        if found is not None and found[0] == 1 and draft.title in ("", heading_title):
            draft.title = heading_title  # the first level-1 heading, or the title again
        elif found is not None:
            sections.append(Section(found[1], number, found[2]))
        elif sections:
            sections[-1].lines.append((number, line.rstrip()))
        elif line.strip() or preamble:
            preamble.append(line.rstrip())
    intro = "\n".join(preamble).strip()
    if intro:
        draft.intro = intro.split("\n\n")[0]
        draft.narrative = "\n\n".join(p for p in (draft.narrative, intro) if p)
    for section in sections:
        _read_tables(draft, section)
    apply_sections(draft, sections)
    return draft


def _block_lines(text: str) -> tuple[dict[int, tuple[int, str, int]], set[int]]:
    """(line → (level, heading, line after it)) and the lines of code and HTML blocks."""
    tokens = _PARSER.parse(text)
    headings: dict[int, tuple[int, str, int]] = {}
    literal: set[int] = set()
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        if token.type == "heading_open":
            start, end = token.map
            headings[start] = (int(token.tag[1]), tokens[index + 1].content, end)
        elif token.type in ("fence", "code_block", "html_block"):
            literal.update(range(*token.map))
    return headings, literal


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
