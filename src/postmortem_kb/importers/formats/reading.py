"""One source file → a Draft, by its format: front matter, Markdown, HTML or plain text.

Bytes become text whatever encoding a review was saved in: a byte-order mark (UTF-8,
UTF-16, UTF-32) decides; UTF-16 without one is told by its zero bytes; anything else is
UTF-8, or, when it is not, Windows-1252 (Latin-1 with curly quotes), with a note in the
file's review block: accents come through, not as `�`.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from datetime import date
from pathlib import Path

from ...files.discover import UnreadableFile, read_bounded
from ..common import Draft, ImportRefused, repair_text
from .frontmatter import has_front_matter, read_front_matter
from .html import read_html
from .markdown import read_markdown
from .plain_text import read_text

MAX_INPUT_BYTES = 1024 * 1024
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".qmd", ".rmd", ".mkd", ".mdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUFFIXES = (".txt", ".text", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
"""What a folder import reads: every suffix a review is written with."""
_FILE_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def source_format(path: Path, text: str) -> str:
    """front-matter, html, markdown or text."""
    suffix = path.suffix.lower()
    if has_front_matter(text):
        return "front-matter"
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text, re.I):
        return "html"
    if suffix in MARKDOWN_SUFFIXES or re.search(r"^#{1,3} \S", text, re.MULTILINE):
        return "markdown"
    return "text"


def read_draft(kind: str, text: str, label: str) -> Draft:
    """The Draft in `text` read as `kind` (a source_format); `label` names it in messages."""
    if kind == "front-matter":
        return read_front_matter(text, label)
    if kind == "html":
        return read_html(text)
    if kind == "markdown":
        return read_markdown(text)
    return read_text(text)


def read_bytes(path: Path, *, follow_links: bool = True) -> bytes:
    """At most MAX_INPUT_BYTES of a regular file: a device (/dev/zero) or a pipe is
    refused before any read, and a symbolic link unless `follow_links`."""
    try:
        raw, _ = read_bounded(path, MAX_INPUT_BYTES, follow_links=follow_links)
    except UnreadableFile as exc:
        raise ImportRefused(f"cannot read it: {exc.reason}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise ImportRefused(f"it is over {MAX_INPUT_BYTES} bytes; is it a postmortem?")
    return raw


def decode(raw: bytes) -> tuple[str, str]:
    """(the text of `raw`, a note on how it was read when that was not plain UTF-8);
    ImportRefused for what is not text in any encoding a person would save."""
    text, note = _decoded(raw)
    odd = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    if "\x00" in text or odd * 20 > len(text):
        raise ImportRefused("it is not a text file (a binary or an archive?)")
    return text, note


def _decoded(raw: bytes) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                raise ImportRefused(
                    f"it starts with a {name} byte-order mark but is not {name}"
                ) from None
            return text, "" if name == "UTF-8" else f"the source is {name}: read as such"
    order = _utf16_order(raw)
    if order:
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(f"utf-16-{order}"), "the source is UTF-16: read as such"
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    note = "the source is not UTF-8: read as Windows-1252 (Latin-1); check its accented letters"
    try:
        return raw.decode("cp1252"), note
    except UnicodeDecodeError:
        return raw.decode("latin-1"), note


def _utf16_order(raw: bytes) -> str | None:
    """'le' or 'be' for UTF-16 saved without a byte-order mark: Latin text then has a zero
    in every other byte (checked on the first 4 KB), else None."""
    head = raw[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd * 10 >= half * 3 and even * 20 < half:
        return "le"
    if even * 10 >= half * 3 and odd * 20 < half:
        return "be"
    return None


def read_postmortem(path: Path, raw: bytes | None = None) -> Draft:
    """Read, repair and parse one postmortem in any of the supported formats."""
    raw = read_bytes(path) if raw is None else raw
    decoded, note = decode(raw)
    text = repair_text(decoded)
    draft = read_draft(source_format(path, text), text, str(path))
    if note:
        draft.reading_notes.append(note)
    found = _FILE_DAY.search(path.stem)
    if found:
        with contextlib.suppress(ValueError):
            draft.file_day = date(int(found[1]), int(found[2]), int(found[3]))
    return draft
