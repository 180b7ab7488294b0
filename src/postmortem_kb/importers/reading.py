"""One source file → a Draft, by its format: front matter, Markdown, HTML or plain text."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from pathlib import Path

from ..sources import UnreadableFile, looks_like_text, read_bounded
from .common import Draft, ImportRefused, repair_text
from .frontmatter import has_front_matter, read_front_matter
from .html import read_html
from .markdown import read_markdown
from .text import read_text

MAX_INPUT_BYTES = 1024 * 1024
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
_FILE_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def source_format(path: Path, text: str) -> str:
    """front-matter, html, markdown or text."""
    suffix = path.suffix.lower()
    if has_front_matter(text):
        return "front-matter"
    if suffix in (".html", ".htm") or re.match(r"\s*(<!doctype html|<html)", text, re.I):
        return "html"
    if suffix in (".md", ".markdown") or re.search(r"^#{1,3} \S", text, re.MULTILINE):
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


def read_bytes(path: Path) -> bytes:
    """At most MAX_INPUT_BYTES of a regular text file: a device (/dev/zero) or a pipe is
    refused before any read, a binary file after its first bytes."""
    try:
        raw, _ = read_bounded(path, MAX_INPUT_BYTES)
    except UnreadableFile as exc:
        raise ImportRefused(f"cannot read it: {exc.reason}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise ImportRefused(f"it is over {MAX_INPUT_BYTES} bytes; is it a postmortem?")
    if not looks_like_text(raw):
        raise ImportRefused("it is not a text file (a binary or an archive?)")
    return raw


def read_postmortem(path: Path, raw: bytes | None = None) -> Draft:
    """Read, repair and parse one postmortem in any of the supported formats."""
    raw = read_bytes(path) if raw is None else raw
    text = repair_text(raw.decode("utf-8", errors="replace"))
    draft = read_draft(source_format(path, text), text, str(path))
    found = _FILE_DAY.search(path.stem)
    if found:
        with contextlib.suppress(ValueError):
            draft.file_day = date(int(found[1]), int(found[2]), int(found[3]))
    return draft
