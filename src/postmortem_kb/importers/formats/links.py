"""Reference-style links (`[text][id]` … `[id]: https://…`) resolved into the text.

A definition line is no content: it is blanked (line numbers stay), and each use of its
label becomes an inline link, so no section, author or action item is ever a definition.
Code spans and code blocks are left as written.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark")
_DEFINITION = re.compile(
    r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s+[\"'(].*[\"')])?\s*$"
)
_USE = re.compile(r"(?<![\]\\!])\[(?P<text>[^\[\]]+)\](?:\[(?P<label>[^\[\]]*)\])?(?![(:\[])")
_CODE = re.compile(r"(`+)[^`]*?\1")


def _key(label: str) -> str:
    return " ".join(label.split()).casefold()


def resolve_reference_links(text: str) -> str:
    """`text` with every reference link inline and every definition line blank."""
    env: dict[str, object] = {}
    tokens = _PARSER.parse(text, env)
    references = env.get("references")
    if not isinstance(references, dict) or not references:
        return text
    urls = {_key(label): str(ref.get("href", "")) for label, ref in references.items()}
    literal: set[int] = set()
    for token in tokens:
        if token.map and token.type in ("fence", "code_block"):
            literal.update(range(*token.map))
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index in literal:
            continue
        definition = _DEFINITION.match(line)
        if definition and _key(definition["label"]) in urls:
            lines[index] = ""
            continue
        lines[index] = _inline(line, urls)
    return "\n".join(lines)


def _inline(line: str, urls: dict[str, str]) -> str:
    pieces, position = [], 0
    for code in _CODE.finditer(line):
        pieces.append(_links(line[position : code.start()], urls))
        pieces.append(code.group(0))
        position = code.end()
    pieces.append(_links(line[position:], urls))
    return "".join(pieces)


def _links(text: str, urls: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        label = match["label"] if match["label"] else match["text"]
        url = urls.get(_key(label))
        if url is None:
            return match.group(0)
        return f"[{match['text']}]({url})"

    return _USE.sub(swap, text)
