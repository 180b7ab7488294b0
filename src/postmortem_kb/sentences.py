"""The first sentence of a source's Markdown, as plain text: a title for a source with none.

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
    """The text up to the first sentence end that is not an abbreviation's dot."""
    text = " ".join(text.split())
    start = 0
    for match in _END.finditer(text):
        words = text[start : match.start()].split()
        if words and words[-1].lower() in _ABBREVIATIONS:
            continue
        return text[: match.start()].strip()
    return text.strip()
