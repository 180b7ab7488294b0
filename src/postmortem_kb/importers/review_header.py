"""The comments at the top of an imported file: where it came from, and what to review.

Source text is quoted in them (a front-matter key no field takes, a value not understood, a
file name): `comment_text` keeps each quote on its comment line, whatever characters it
holds, so no source can end a comment and start a field of its own.
"""

from __future__ import annotations

import re

from .common import Draft
from .vocabulary import Proposals

# Every character YAML (1.1 and 1.2) or an editor takes for the end of a line, and the
# other controls: none may end a comment early and start a field.
_LINE_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def comment_text(text: str) -> str:
    """`text` as one comment line that no character of it can end: line breaks and other
    controls written as `\\n`-style escapes (`\\x85`, `\\u2028`), tabs as spaces."""
    return _LINE_BREAKS.sub(_escape_break, text.replace("\t", " "))


def _escape_break(match: re.Match[str]) -> str:
    char = match[0]
    named = {"\n": "\\n", "\r": "\\r"}
    return named.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}")


def review_header(
    label: str,
    fingerprint: str,
    unknown: list[str],
    proposals: Proposals,
    kept_out: list[str],
    draft: Draft,
) -> list[str]:
    lines = [
        f"# Imported by `postmortem import` from {comment_text(label)}"
        + (f" (sha256 {fingerprint})." if fingerprint else ".")
    ]
    lines.append("# Check every `# review:` line, then set status: in-review.")
    blocks = (
        ("How the source was read:", draft.reading_notes),
        ("Not understood in the source, left out:", draft.not_understood),
        ("Unknown in the source, left out rather than guessed:", unknown),
        ("In the source, with no field to take it (not imported):", kept_out),
    )
    for title, items in blocks:
        if items:
            lines.append(f"# {title}")
            lines += [f"#   - {comment_text(item)}" for item in items]
    new_terms = [*proposals.root_causes, *proposals.services]
    if new_terms:
        lines.append(f"# New taxonomy terms this file uses: {comment_text(', '.join(new_terms))}")
    return lines
