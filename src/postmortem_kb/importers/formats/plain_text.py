"""Plain-text postmortems: `Impact: …` labels, `11:35 AM: …` timeline lines.

A line is a section heading when its label (the text before the first colon) names a
known section (`Root Cause:`, `TODO List:`), or when it is a short line that ends with a
colon and nothing follows (`Here's a Diagram of Our Outage Journey:` — reported as not
imported). Other `Label: text` lines are content of the section they stand in.
"""

from __future__ import annotations

import re

from ..actions import kind_of_heading
from ..common import Draft, Section, apply_sections, keep, timeline_entry
from .headings import LESSONS, section_field
from .links import resolve_reference_links

_LABEL = re.compile(r"^(?P<label>[^:\n]{2,60}?):(?:\s+(?P<inline>.*))?$")


def section_heading(line: str) -> tuple[str, str] | None:
    """(heading, text after it) when `line` starts a section, else None."""
    stripped = line.strip()
    label = _LABEL.match(stripped)
    if label is None or timeline_entry(stripped) is not None:
        return None
    heading, inline = label["label"].strip(), (label["inline"] or "").strip()
    field = section_field(heading)
    if field in LESSONS and inline and section_field(heading, by_words=False) is None:
        return None  # `<bo> so what went wrong: the cache…`: a phrase in a line, no heading
    if field is not None:
        return heading, inline
    if not inline and not line.startswith((" ", "\t", "-", "*")) and len(heading) <= 60:
        return heading, ""
    return None


def read_text(text: str) -> Draft:
    """A plain-text postmortem as a Draft; unknown sections land in `Draft.unmapped`."""
    draft = Draft()
    text = resolve_reference_links(text)
    sections: list[Section] = []
    preamble: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        heading = section_heading(line)
        if heading is not None:
            section = Section(heading[0], number, heading[1])
            group = next((s for s in reversed(sections) if s.field is None), None)
            if group is not None and section_field(heading[0]) is None:
                kind = kind_of_heading(heading[0])
                if group.name() in ("todo", "measures") and not heading[1] and kind:
                    section.field, section.hint = group.name(), kind
            sections.append(section)
        elif sections:
            sections[-1].lines.append((number, line.rstrip()))
        elif not preamble and section_field(line.strip().rstrip(":")) not in (None, "group"):
            sections.append(Section(line.strip(), number))  # "Issue Summary", no title above
        elif line.strip():
            preamble.append((number, line.strip()))
    if preamble:
        draft.title = preamble[0][1].lstrip("#").strip()
        rest = "\n".join(line for _, line in preamble[1:])
        keep(draft, "", rest, preamble[1][0] if len(preamble) > 1 else 1)
    apply_sections(draft, sections)
    return draft
