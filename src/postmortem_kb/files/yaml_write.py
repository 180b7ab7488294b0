"""Incident files written as people write them: readable YAML, quoted wherever a value
could be misread, and the modeline that gives editors the schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from .yaml_read import CONTROL_CHARACTERS

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/incident.schema.json"


class _Dumper(yaml.SafeDumper):
    """Safe YAML with multi-line text as readable `|` blocks."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Control characters are not text (an incident file may not hold them): an imported
    # source's terminal colours or form feeds are left out of what is written.
    value = CONTROL_CHARACTERS.sub("", value)
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """Short lists of slugs inline (`[memory-leak, faulty-deploy]`), everything else as blocks."""
    inline = all(isinstance(item, str) and "\n" not in item for item in value)
    inline = inline and sum(len(str(item)) + 2 for item in value) < 72
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=inline)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def dump_yaml(data: dict[str, Any]) -> str:
    """Fields as YAML, quoted wherever a value could be misread (`:`, `#`, `11:35`, `no`)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=96,
    )


class ReviewedFields:
    """An incident file's fields in schema order, each with an optional `# review:` line
    above it; `comment` makes a review's text safe for its comment line. Empty values are
    left out: a file says only what its source said."""

    def __init__(self, comment: Callable[[str], str]) -> None:
        self.comment = comment
        self.entries: list[tuple[str, Any, str]] = []

    def add(self, key: str, value: Any, review: str = "") -> None:
        if value not in (None, "", [], {}):
            self.entries.append((key, value, review))

    @property
    def reviews(self) -> list[str]:
        """`key: review` for every field written with a review line, as written."""
        written = ((key, self.comment(review)) for key, _, review in self.entries)
        return [f"{key}: {review}" for key, review in written if review]

    def render(self, header: list[str]) -> str:
        lines = [SCHEMA_COMMENT, *header]
        for key, value, review in self.entries:
            if self.comment(review):
                lines.append(f"# review: {self.comment(review)}")
            lines.append(dump_yaml({key: value}).rstrip("\n"))
        return "\n".join(lines) + "\n"
