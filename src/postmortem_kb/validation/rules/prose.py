"""What Markdown prose may hold so that any text that validates renders, in time linear in
its size.

Python-Markdown recurses once per level of nested lists and quotes (500 × `- ` exceeds
Python's recursion limit), and splits a paragraph at each heading or rule by copying the
rest of it (thousands of `step N` / `---` pairs take minutes). So prose is refused, with
the line, when a line is nested deeper than MAX_NESTING levels, when a paragraph holds
more than MAX_BREAKS headings or rules with no blank line between them, or when a field
holds more than MAX_FENCES fenced code blocks. No review written by a person comes near.
"""

from __future__ import annotations

import re

PROSE_FIELDS = ("summary", "narrative", "root_cause", "resolution")
"""Fields rendered as Markdown blocks (paragraphs, lists, code)."""
SHORT_TEXT = ("title", "impact")
"""One-line fields, rendered inline (as are events, lessons, action items, link titles)."""
MAX_NESTING = 16
MAX_BREAKS = 40
MAX_FENCES = 200

_CONTAINER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t]|$)[ \t]?")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_BREAK = re.compile(r"^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|(?:[-=_*][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$)")
Found = tuple[int, str, str]
"""(1-based line within the text, message, hint)."""


def _depth(line: str) -> int:
    """Levels of lists and quotes a line opens or sits in: its markers plus its indent."""
    line = line.expandtabs(4)
    markers, position = 0, 0
    while match := _CONTAINER.match(line, position):
        if match.end() == position:
            break
        markers, position = markers + 1, match.end()
    indent = len(line) - len(line.lstrip(" "))
    return markers + indent // 4


def prose_problems(text: str, *, prose: bool) -> list[Found]:
    """The reasons `text` (a Markdown field when `prose`) could not be rendered."""
    if not prose:
        return []
    found: list[Found] = []
    fence: str | None = None
    fences = breaks = 0
    for number, line in enumerate(text.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = None
            continue
        if opening:
            fence, fences = opening[1], fences + 1
            if fences == MAX_FENCES + 1:
                found.append((number, f"more than {MAX_FENCES} fenced code blocks",
                              "put long logs in a linked file"))  # fmt: skip
            continue
        if not line.strip():
            breaks = 0
            continue
        depth = _depth(line)
        if depth > MAX_NESTING and not any("nested" in f[1] for f in found):
            found.append(
                (
                    number,
                    f"Markdown nested {depth} levels deep (lists or quotes inside each other), "
                    f"over the {MAX_NESTING} that render",
                    "flatten the list, or put the text in a ``` code block",
                )
            )
        if _BREAK.match(line):
            breaks += 1
            if breaks == MAX_BREAKS + 1:
                found.append(
                    (
                        number,
                        f"more than {MAX_BREAKS} headings or rules (---) with no blank line "
                        "between them",
                        "put a blank line after each heading",
                    )
                )
    return found
