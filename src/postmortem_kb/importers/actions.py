"""Action items as reviews list them: checklists, owners, due dates and ticket links.

    - [x] Roll back the resolver config (owner: dns-team) — done
    - [ ] Alert on SERVFAIL rate @mira, due 2024-05-01, [OPS-1432](https://tracker.example/OPS-1432)
    * Add a canary stage. Owner: Priya. Due: May 3, 2024
      - notes under an item stay with it

A sub-heading of the follow-ups (`### Process`, `### Technical`, `### Monitoring`) gives
the kind of the items under it where its words map onto one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .timing.clock import days_in

_ITEM = re.compile(
    r"^(?P<indent>\s*)(?:[-*+•]|\d+[.)])\s+(?:\[(?P<box>[ xX✓✔-])\]\s*)?(?P<text>.*)$"
)
_BOX = re.compile(r"^\s*\[(?P<box>[ xX✓✔-])\]\s+(?P<text>.*)$")
_OWNER = re.compile(
    r"[(\[,;—–-]?\s*\b(?:owner|owners|assignee|assigned to|responsible|who|dri)\s*[:=]\s*"
    r"(?P<owner>@?[\w@-]+(?:\.[\w@-]+)*(?-i:\s+[A-Z][a-z]+\b(?!:))?"
    r"(?:\s*(?:,|&|\band\b)\s*@[\w@-]+)*)\s*[)\]]?",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?:^|\s|\()(?P<owner>@[A-Za-z0-9][\w.-]*[A-Za-z0-9_])\)?")
_TEAM = re.compile(r"\s*\((?P<owner>[a-z0-9]+(?:-[a-z0-9]+)*-(?:team|squad|oncall|sre|eng))\)")
_DUE = re.compile(
    r"[(\[,;—–-]?\s*\b(?i:due(?:\s+date)?|deadline|eta|by)\s*:?\s*(?P<due>\d{4}-\d{2}-\d{2}|"
    r"[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4})\s*[)\]]?",
)
_URL = re.compile(
    r"\[(?P<label>[^\]]+)\]\((?P<url>https?://[^)\s]+)\)|(?P<bare><?https?://[^\s>)]+>?)"
)
_TICKET = re.compile(r"\b(?P<ticket>[A-Z][A-Z0-9]{1,9}-\d{1,6})\b")
_STATUS_WORDS = (
    (
        re.compile(
            r"\b(?:done|completed?|fixed|closed|shipped|merged|resolved|erledigt|feito|hecho|готово"
            r"|выполнено)\b|[✅✔☑]|完了|完成",
            re.I,
        ),
        "done",
    ),
    (re.compile(r"\b(?:in[ -]progress|wip|ongoing|started)\b|🚧", re.I), "in-progress"),
    (
        re.compile(r"\b(?:won'?t (?:do|fix)|wontfix|dropped|cancell?ed|not doing)\b", re.I),
        "wont-do",
    ),
)
_STATUS_TAIL = re.compile(
    r"\s*(?:[(\[]\s*(?P<a>[^()\[\]]{1,20})\s*[)\]]|[—–-]+\s*\**(?P<b>[A-Za-z' ]{2,15})\**"
    r"|\b(?:status|state)\s*:\s*(?P<c>[\w' -]{2,15}))\s*\.?\s*$",
    re.IGNORECASE,
)
KIND_HEADINGS = (
    ("process", ("process", "people", "organi", "communication", "documentation", "training")),
    ("detect", ("monitor", "alert", "detect", "observab", "visibility")),
    ("prevent", ("prevent", "harden", "long term", "long-term", "architecture")),
    ("mitigate", ("mitigat", "response", "recovery", "short term", "short-term")),
    ("fix", ("technical", "engineering", "code", "fix", "repair", "bug", "tooling", "infra")),
)


@dataclass
class ReadItem:
    title: str
    status: str = "open"
    owner: str | None = None
    due: str | None = None
    link: str | None = None
    line: int = 0


def kind_of_heading(heading: str) -> str | None:
    """`Process` → process, `Monitoring & alerting` → detect; None when no kind fits."""
    lowered = heading.lower()
    return next((kind for kind, words in KIND_HEADINGS if any(w in lowered for w in words)), None)


def read_items(
    lines: list[tuple[int, str]], year_hint: int | None
) -> tuple[list[ReadItem], list[tuple[int, str]]]:
    """(items, lines that are none): list items at the outer level are items; deeper ones
    add their owner, due date, link or words to the item above. A section without any
    list item is a legacy list: one item per line."""
    marked = [(n, t) for n, t in lines if _ITEM.match(t)]
    if not marked:
        from .lines import list_items

        listed, prose = _without_paragraphs(lines)
        return [parse_item(t, year_hint) for t in list_items(listed)], prose
    outer = min(len(_ITEM.match(t)["indent"].expandtabs(4)) for _, t in marked)  # type: ignore[index]
    items: list[ReadItem] = []
    rest: list[tuple[int, str]] = []
    last_blank = True
    for number, text in lines:
        match = _ITEM.match(text)
        if match and len(match["indent"].expandtabs(4)) <= outer + 1:
            item = parse_item(match["text"], year_hint, match["box"])
            item.line = number
            items.append(item)
        elif items and text.strip() and (match or text[:1] in " \t" or not last_blank):
            if match:
                _add_detail(items[-1], match["text"].strip(), year_hint)
            else:
                items[-1].title = f"{items[-1].title} {text.strip()}"
        elif text.strip():
            rest.append((number, text))
        last_blank = not text.strip()
    return [i for i in items if i.title], rest


_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")


def _without_paragraphs(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(the lines of a legacy list, the prose paragraphs among them): a block of lines
    wrapped mid-sentence that holds more than one sentence is a paragraph, not items."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, text in lines:
        if text.strip():
            blocks[-1].append((number, text))
        elif blocks[-1]:
            blocks.append([])
    listed: list[tuple[int, str]] = []
    prose: list[tuple[int, str]] = []
    for block in (b for b in blocks if b):
        texts = [t.strip() for _, t in block]
        ends = (".", ":", ";", "!", "?")
        wrapped = any(len(t) >= 60 and not t.endswith(ends) for t in texts[:-1])
        if wrapped and _SENTENCE_BREAK.search(" ".join(texts)):
            prose += [(block[0][0], "")] * bool(prose) + block
        else:
            listed += [(block[0][0], "")] * bool(listed) + block
    return listed, prose


def _add_detail(item: ReadItem, detail: str, year_hint: int | None) -> None:
    extra = parse_item(detail, year_hint)
    item.owner = item.owner or extra.owner
    item.due = item.due or extra.due
    item.link = item.link or extra.link
    if extra.status != "open" and item.status == "open" and not extra.title:
        item.status = extra.status
    if extra.title and not re.fullmatch(r"(?i)(?:notes?|details?):?", extra.title):
        item.title = f"{item.title} — {extra.title}".strip(" —")


def parse_item(text: str, year_hint: int | None, box: str | None = None) -> ReadItem:
    """One action item's line: its title with the owner, due date, status and link taken out."""
    if box is None:
        boxed = _BOX.match(text)
        if boxed:
            box, text = boxed["box"], boxed["text"]
    status = "open"
    if box is not None:
        status = "done" if box.strip() and box != "-" else "open"
    strike = re.fullmatch(r"~~(.+)~~(.*)", text.strip())
    if strike:
        text, status = strike[1] + strike[2], "done"
    owner = due = link = None
    found_due = _DUE.search(text)
    if found_due:
        day = days_in(found_due["due"])
        if day:
            due, text = day[0].value, _cut(text, found_due)
    url = _URL.search(text)
    if url:
        link = url["url"] or url["bare"].strip("<>")
        if not text[url.end() :].strip(" .,;)—–-"):
            text = _cut(text, url)
            if not re.sub(r"[\W_]+", "", text):
                text = url["label"] or link  # an item that is only a link: the link is its title
    else:
        ticket = _TICKET.search(text)
        if ticket and not text[ticket.end() :].strip(" .,;)—–-"):
            link = ticket["ticket"]
    found = _OWNER.search(text)
    if found:
        owner, text = found["owner"].strip(), _cut(text, found)
    else:
        team = _TEAM.search(text)
        handle = team or _HANDLE.search(text)
        if handle:
            owner = handle["owner"]
            if team or not text[handle.end() :].strip(" .,;)—–-"):
                text = _cut(text, handle)
    tail = _STATUS_TAIL.search(text)
    if tail:
        word = (tail["a"] or tail["b"] or tail["c"] or "").strip()
        said = next(
            (s for pattern, s in _STATUS_WORDS if pattern.fullmatch(word) or pattern.match(word)),
            None,
        )
        if said:
            status = said if box is None or status == "open" else status
            text = text[: tail.start()]
    for emoji, said in (("✅", "done"), ("✔", "done"), ("🚧", "in-progress")):
        if emoji in text:
            status, text = said, text.replace(emoji, "")
    title = re.sub(r"\s+", " ", re.sub(r"\(\s*\)|\[\s*\]", " ", text))  # a link's brackets, emptied
    title = re.sub(r"([.;,])(?:\s*[.;,])+", r"\1", re.sub(r"\s+([.,;])", r"\1", title))
    title = title.strip(" ,;—–-").strip()
    title = re.sub(r"^\*\*(.+?)\*\*:?\s*$", r"\1", title)
    return ReadItem(title, status, owner.lstrip() if owner else None, due, link)


def _cut(text: str, match: re.Match[str]) -> str:
    return (text[: match.start()] + " " + text[match.end() :]).strip()
