"""Lines of a legacy review's section: list items, wrapped prose, and notes in headings."""

from __future__ import annotations

import re

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
_HEADING_NOTE = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<note>[^()]*)\)[\s:*_#]*$")
_SENTENCE_END = (".", "!", "?", ":", ";", "。", "！", "？")
UTC_NOTE = re.compile(r"\b(?:UTC|GMT|Z)\b(?!\s*[+-]\s*\d)")
"""A heading note that says the times are UTC (`all times in UTC`), not `UTC+2`."""


def heading_note(heading: str) -> tuple[str, str]:
    """`Timeline (all times in UTC):` → ("Timeline", "all times in UTC")."""
    match = _HEADING_NOTE.match(heading.strip())
    if match is None or not match["name"].strip():
        return heading, ""
    return match["name"].strip(), match["note"].strip()


def list_items(lines: list[tuple[int, str]], inline: str = "") -> list[str]:
    """The list items of a section's lines (`- x`, `1. x`), or its lines when it has none.

    A line without a marker is one item (legacy TODO lists: one per line) unless it goes on
    from the line above: indented under an item, or after a line that ends mid-sentence
    when it starts lowercase or the line above ends with a comma or a dash (prose wrapped
    at 80 columns)."""
    items: list[str] = []
    previous = ""
    for _, text in lines:
        item = _LIST_ITEM.match(text)
        if item:
            items.append(item[1].strip())
        elif text.strip() and items and _goes_on(previous, text):
            items[-1] += " " + text.strip()  # a wrapped item or paragraph
        elif text.strip():
            items.append(text.strip())
        previous = text.strip()
    if inline:
        items.insert(0, inline)
    return [item for item in items if item]


def _goes_on(previous: str, line: str) -> bool:
    if line.startswith((" ", "\t")):
        return True
    if not previous or previous.endswith(_SENTENCE_END):
        return False
    return line.strip()[:1].islower() or previous.endswith((",", "-", "–", "—", "("))
