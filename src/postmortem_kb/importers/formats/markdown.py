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

from ..actions import kind_of_heading, parse_item
from ..common import Action, Draft, Section, apply_sections, guess_action_kind
from ..timing.clock import days_in
from ..timing.timeline import HEADING
from ..timing.when import read_when
from .headings import section_field
from .links import resolve_reference_links
from .plain_text import section_heading

_PARSER = MarkdownIt("commonmark").enable("table")
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)(?P<label>[^*_]+?):?(?:\*\*|__):?\s*(?P<inline>.*)$")
TITLE_PREFIX = re.compile(
    r"^(?:(?:incident\s+)?post[- ]?mortem|(?:post[- ])?incident\s+(?:review|report)|rca"
    r"|retrospective|störung|incidente|инцидент|障害報告)\s*[:—–-]\s*",
    re.IGNORECASE,
)


def bare_title(text: str) -> str:
    """`Incident review: webhook deliveries stuck` → `Webhook deliveries stuck`."""
    bare = TITLE_PREFIX.sub("", text).strip()
    return bare[:1].upper() + bare[1:] if bare != text.strip() else bare


_COLUMNS = {
    "title": (
        "action item",
        "action",
        "item",
        "title",
        "task",
        "description",
        "action items",
        "what",
        "follow-up",
        "follow up",
        "ação",
        "acción",
        "maßnahme",
        "aufgabe",
        "действие",
        "задача",
        "対応",
        "措施",
        "行动",
    ),
    "kind": ("type", "kind", "category"),
    "owner": (
        "owner",
        "assignee",
        "who",
        "owners",
        "assigned to",
        "team",
        "responsável",
        "responsable",
        "verantwortlich",
        "ответственный",
        "担当",
        "负责人",
    ),
    "status": ("status", "state", "estado", "situação", "статус", "状態", "状态"),
    "link": ("bug", "ticket", "issue", "link", "jira", "tracking", "pr"),
    "due": (
        "due",
        "due date",
        "deadline",
        "eta",
        "target date",
        "prazo",
        "fecha límite",
        "frist",
        "срок",
        "期限",
    ),
}
_STATUSES = {
    "done": "done",
    "closed": "done",
    "fixed": "done",
    "complete": "done",
    "completed": "done",
    "resolved": "done",
    "open": "open",
    "todo": "open",
    "to do": "open",
    "not started": "open",
    "feito": "done",
    "concluído": "done",
    "hecho": "done",
    "completado": "done",
    "erledigt": "done",
    "fertig": "done",
    "готово": "done",
    "выполнено": "done",
    "完了": "done",
    "完成": "done",
    "已完成": "done",
    "in progress": "in-progress",
    "started": "in-progress",
    "won't do": "wont-do",
    "wont do": "wont-do",
}
_KINDS = {"repair": "fix", "fix": "fix", "mitigate": "mitigate", "prevent": "prevent"}
_KINDS |= {"detect": "detect", "process": "process", "mitigation": "mitigate"}


_TODO_NOTE = re.compile(r"(?i)to ?do|fixme")
_TODO_LINE = re.compile(r"^(\s*)((?i:to ?do|fixme):)(?=\s+\S)")


def _label_of(line: str, *, in_todo: bool = False) -> tuple[int, str, str] | None:
    """(7, label, inline text) for a bold label or a known `Label:` line. `in_todo`: the line
    stands among the action items, where `TODO: text` is one."""
    bold = _BOLD_LABEL.match(line.strip())
    if bold and section_field(bold["label"]) is not None:
        return 7, bold["label"].strip(), bold["inline"].strip()
    labelled = section_heading(line)
    if labelled is not None and _TODO_NOTE.fullmatch(labelled[0]) and labelled[1] and not in_todo:
        return None  # `TODO: check the east kiosks` is a note where it stands, not a heading
    if labelled is not None and section_field(labelled[0]) is not None:
        return 7, labelled[0], labelled[1]
    return None


def read_markdown(text: str, draft: Draft | None = None, first_line: int = 1) -> Draft:
    """A Markdown postmortem as a Draft; text no field takes is kept for the narrative.

    `first_line` numbers the lines of a body that follows front matter."""
    draft = draft or Draft()
    text = resolve_reference_links(text)
    headings, literal = _block_lines(text)
    draft.literal = frozenset(n + first_line for n in literal)
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
            in_todo = bool(sections) and sections[-1].name() in ("todo", "measures")
            found = _label_of(line, in_todo=in_todo)
            if not in_todo:
                line = _TODO_LINE.sub(r"\1`\2`", line)  # the source's note, quoted as written
        heading_title = bare_title(found[1]) if found else ""
        if found is not None and found[0] == 1 and draft.title in ("", heading_title):
            draft.title = heading_title  # the first level-1 heading, or the title again
        elif found is not None:
            _open_section(sections, Section(found[1], number, found[2], level=found[0]))
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


def _open_section(sections: list[Section], section: Section) -> None:
    """Start `section`, or fold it into the one it belongs to: a sub-heading of the timeline
    (`### 4:27`, `#### April 16`) is part of it; one of the follow-ups (`### Process`) holds
    follow-ups of that kind; one of a prose field is a bold line in that field's text."""
    parent = next((s for s in reversed(sections) if s.level < section.level), None)
    previous = sections[-1] if sections else None
    own = section_field(section.heading)
    timed = read_when(section.heading)
    is_time = timed is not None and (
        timed.clock is not None or timed.day is not None or timed.month_day is not None
    )  # `## Tuesday, January 16`: a day heading, its year the document's
    in_timeline = previous is not None and previous.name() == "timeline"
    if in_timeline and not is_time and previous is not None:
        # A heading as high as the timeline's own that is no date or time ends it, even
        # when day headings at that level (`## 2024-03-05`) continued it.
        top = previous.own_level if previous.own_level is not None else previous.level
        in_timeline = section.level > top
    if (
        in_timeline
        and previous is not None
        and (is_time or (parent is not None and parent.name() == "timeline" and own != "timeline"))
    ):
        previous.lines.append((section.line, HEADING + section.heading))
        if section.inline:
            previous.lines.append((section.line, section.inline))
        if is_time and section.level - 1 < previous.level:
            previous.own_level = previous.own_level or previous.level
            previous.level = section.level - 1
        return
    if is_time and timed is not None and timed.clock is not None:
        timeline = Section("Timeline", section.line, level=section.level - 1, field="timeline")
        timeline.lines.append((section.line, HEADING + section.heading))
        sections.append(timeline)
        return
    if parent is not None and own is None:
        field = parent.name()
        if field in ("todo", "measures"):
            section.field = field
            section.hint = kind_of_heading(section.heading) or parent.hint
        elif field in PROSE and parent is previous:
            parent.lines += [(section.line, ""), (section.line, f"**{section.heading}**")]
            if section.inline:
                parent.lines.append((section.line, section.inline))
            parent.level = min(parent.level, section.level - 1)
            return
        elif field in PROSE:
            section.field = field
    sections.append(section)


PROSE = ("summary", "narrative", "root_cause", "resolution", "impact", "went_well",
         "went_wrong", "lucky")  # fmt: skip


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
    name = section.name()
    rows = [(n, _cells(t)) for n, t in section.lines if t.lstrip().startswith("|")]
    if name not in ("todo", "measures") or len(rows) < 2:
        return
    header = [cell.lower() for cell in rows[0][1]]
    body = [
        (n, cells) for n, cells in rows[1:] if not all(re.fullmatch(r":?-+:?", c) for c in cells)
    ]
    rest = [(n, t) for n, t in section.lines if not t.lstrip().startswith("|")]
    column = {
        key: next((i for i, h in enumerate(header) if h in names), None)
        for key, names in _COLUMNS.items()
    }
    for _, cells in body:
        values = {key: _cell(cells, index) for key, index in column.items()}
        title = values["title"] or _cell(cells, 0)
        if not title:
            continue
        item = parse_item(title, draft.year_hint)
        if not (item.title or title).strip():
            continue
        kind = _KINDS.get(values["kind"].lower()) or section.hint or guess_action_kind(title, "fix")
        status = _status(values["status"]) or item.status
        due = days_in(values["due"])
        link = _link(values["link"]) or item.link
        draft.actions.append(
            Action(
                item.title or title,
                kind,
                values["owner"] or item.owner,
                status,
                due[0].value if due else item.due,
                link,
            )
        )
    section.lines = rest


def _status(cell: str) -> str | None:
    word = cell.lower().strip("*_ `")
    if word in _STATUSES:
        return _STATUSES[word]
    if word in ("[x]", "x", "yes", "✅", "✔", "✓", "done ✅"):
        return "done"
    return "open" if word else None


def _link(cell: str) -> str | None:
    url = re.search(r"\((https?://[^)\s]+)\)|(https?://\S+)", cell)
    if url:
        return url[1] or url[2]
    return cell.strip() or None


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip("* ").strip()
