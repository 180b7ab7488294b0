"""First sentences: a title for an imported source with none (from its Markdown, as plain
text), the header card's "Why" and "Fixed by", a search result's fix line.

A sentence ends at `.`, `!` or `?` followed by a space (or at `。`), so `crates.io`,
`boot.ini`, `v2.0` and a link's address do not end it; `e.g.` and the like do not either.
Links keep their text, emphasis and code marks are dropped.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MARKS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3}|`+)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "cf.", "no.", "incl.", "st.")


def plain_text(markdown: str) -> str:
    """`The [Allegro](http://allegro.pl) *boot.ini*` → `The Allegro boot.ini`."""
    text = _LINK.sub(r"\1", markdown)
    text = _AUTOLINK.sub(r"\1", text)
    previous = None
    while previous != text:
        previous, text = text, _MARKS.sub(r"\2", text)
    return text


def first_sentence(text: str) -> str:
    """The text, whitespace folded, up to and with the first sentence end that is not an
    abbreviation's dot."""
    text = " ".join(text.split())
    for match in _END.finditer(text):
        words = text[: match.start()].split()
        if words and words[-1].lower() in _ABBREVIATIONS:
            continue
        return text[: match.start()].strip()
    return text


def shortened(text: str, limit: int) -> str:
    """`text`, or its first `limit` - 1 characters and "…" when it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
