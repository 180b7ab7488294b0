"""Markdown with YAML front matter: Jekyll, Hugo and Docusaurus sites, public collections.

The front matter is read with the archive's own safe YAML loader (dates stay text), its
common keys are mapped onto the draft, and the body is read as headed Markdown: its
known sections fill their fields, the rest is the narrative.
"""

from __future__ import annotations

import re
from typing import Any

from ... import partial_dates
from ...files.yaml_read import load_yaml
from ..common import Draft, ImportRefused
from ..timing.clock import days_in, times_in
from .markdown import read_markdown

FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)

_TEXT_KEYS = {
    "title": ("title", "name", "headline"),
    "organisation": ("company", "organisation", "organization", "org", "vendor"),
    "product": ("product", "products"),
    "source_url": ("url", "source_url", "source", "link", "permalink", "canonical_url"),
    "summary": ("summary", "description", "excerpt", "abstract"),
    "severity": ("severity", "sev", "priority", "impact_level"),
    "impact": ("impact",),
    "timezone": ("timezone", "time_zone", "tz"),
}
_LIST_KEYS = {
    "services": ("service", "services", "component", "components", "system", "systems"),
    "categories": ("categories", "category", "root_causes", "causes", "cause"),
    "keywords": ("keywords", "tags", "tag", "labels"),
    "authors": ("authors", "author", "by"),
}
_START_KEYS = ("start_time", "started", "start", "start_date", "began", "incident_start")
_END_KEYS = ("end_time", "resolved", "end", "end_date", "ended", "incident_end")
_DAY_KEYS = ("date", "incident_date", "day", "published")
_ARCHIVE_KEYS = ("archive_url", "archived_url", "archive", "wayback_url")


def has_front_matter(text: str) -> bool:
    return FRONT_MATTER.match(text) is not None


def read_front_matter(text: str, label: str) -> Draft:
    """The draft of a Markdown file whose first lines are `---` YAML front matter."""
    match = FRONT_MATTER.match(text)
    if match is None:
        raise ImportRefused("no front matter")
    loaded = load_yaml(label, match[1].encode())
    if loaded.problems:
        raise ImportRefused(f"its front matter is not valid YAML: {loaded.problems[0].message}")
    data = loaded.data if isinstance(loaded.data, dict) else {}
    draft = Draft()
    used = _apply(draft, {str(k).lower(): v for k, v in data.items()})
    rest = {k: v for k, v in data.items() if str(k).lower() not in used}
    for key, value in rest.items():
        if str(key).lower() in _ARCHIVE_KEYS and _text(value):
            draft.links.append(("Archived copy", _text(value)))
        elif _text(value):
            draft.not_imported.append(" ".join(f"{key}: {_text(value)[:60]}".split()))
    first_line = text[: match.end()].count("\n") + 1
    return read_markdown(text[match.end() :], draft, first_line)


def _apply(draft: Draft, data: dict[str, Any]) -> set[str]:
    used: set[str] = set()
    for name, keys in _TEXT_KEYS.items():
        key = next((k for k in keys if _text(data.get(k))), None)
        if key:
            setattr(draft, name, _text(data[key]))
            used.add(key)
    for name, keys in _LIST_KEYS.items():
        for key in keys:
            if key in data:
                getattr(draft, name).extend(_items(data[key]))
                used.add(key)
    for keys, setter in ((_START_KEYS, "start"), (_END_KEYS, "end")):
        key = next((k for k in keys if _text(data.get(k))), None)
        if key:
            used.add(key)
            moment = moment_of(_text(data[key]))
            if moment:
                setattr(draft, setter, moment)
            else:
                draft.not_understood.append(f"front matter {key}: '{_text(data[key])}'")
    day_key = next((k for k in _DAY_KEYS if _text(data.get(k))), None)
    if day_key:
        used.add(day_key)
        day = moment_of(_text(data[day_key]))
        if day is None:
            draft.not_understood.append(f"front matter {day_key}: '{_text(data[day_key])}'")
        if day and not draft.start:
            # A post's `date:` may carry the hour it was published: keep only its day.
            draft.start = day[:10] if partial_dates.precision_of(day[:10]) == "day" else day[:7]
            draft.start_note = f"the start is the front matter's `{day_key}:`"
    return used


def moment_of(text: str) -> str | None:
    """A time as the schema takes it (`2019-07-02T13:42:00-07:00`, `2019-07-02`), or None."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([+-]\d{2}:?\d{2})$", r"\1", text)  # "13:42:00 -0700"
    text = re.sub(r"\s*\b(?:UTC|GMT)$", "Z", text)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    try:
        partial_dates.parse_moment(text)
        return text
    except ValueError:
        pass
    days, clocks = days_in(text), times_in(text)
    if len(days) == 1 and len(clocks) <= 1:
        return f"{days[0].value} {clocks[0].value}" if clocks else days[0].value
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value).strip()


def _items(value: Any) -> list[str]:
    if isinstance(value, list):
        return [item for v in value for item in _items(v)]
    if isinstance(value, dict):
        if "name" in value:
            return [_text(value["name"])]
        return [_text(v) for v in value.values() if _text(v)]
    text = _text(value)
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
