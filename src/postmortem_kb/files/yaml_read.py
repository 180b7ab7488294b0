"""YAML text → plain data that remembers where every key and value stood.

Decisions made on purpose (PyYAML follows YAML 1.1, which surprises people):
- Only nodes are composed; values are built here, so no tag can construct an object.
  Tags other than the core ones (`!!str`, `!!int`, …) are reported, never run.
- `11:35` stays the string "11:35" (YAML 1.1 would read the sexagesimal integer 695),
  `2024-08-12` and `2024-08-12 11:30` stay strings (the model parses times itself),
  and only `true`/`false` are booleans (`no`, `on`, `off` stay strings).
- A key given twice is an error, not last-one-wins.
- Size, nesting depth and alias expansion are bounded: aliases by the number of values
  and by the amount of text they expand to (a small file must not become a huge page).
- Text holds no control characters (other than tab and newline), wherever they came from:
  a YAML escape such as `"C:\\files"` (`\f`, a form feed) or `"\x7f"` yields one, and
  feeds (XML 1.0 forbids them), page front matter and terminals break on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem, quote
from .discover import UnreadableFile, read_bounded
from .yaml_compose import TAG_PREFIX, ComposeLoader, compose_fast, runaway_quote, syntax_hint

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 50_000
MAX_TEXT = 2 * MAX_BYTES
"""Characters of text a document may expand to: twice what a file of MAX_BYTES can hold
written out, so only aliases repeated over and over reach it."""

Pos = tuple[int, int]
# YAML breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR too; editors do not, so
# problems after one would name the wrong line, and text around one is cut mysteriously.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
Loc = tuple[str | int, ...]
"""Where a value stands in a file: the keys and list indexes from the top."""
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_FLAT = "incident fields hold text, lists of text and lists of entries, no deeper"
CORE_TAGS = {"str", "int", "float", "bool", "null", "seq", "map"}


class YamlMap(dict[str, Any]):
    """A mapping with the positions of its keys and values."""

    def __init__(self, start: Pos) -> None:
        super().__init__()
        self.start = start
        self.key_at: dict[str, Pos] = {}
        self.value_at: dict[str, Pos] = {}


class YamlList(list[Any]):
    """A sequence with the positions of its items."""

    def __init__(self, start: Pos) -> None:
        super().__init__()
        self.start = start
        self.item_at: list[Pos] = []


@dataclass
class Loaded:
    """The result of reading one file: its data (None when unusable) and its problems."""

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)


def _pos(node: Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def line_column(text: str | bytes, offset: int) -> Pos:
    """The 1-based line and column of `offset` in `text` (columns count characters, or
    bytes in bytes)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    line_start = text.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]
    return text.count(newline, 0, offset) + 1, offset - line_start + 1  # type: ignore[arg-type]


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.values = 0
        self.characters = 0

    def error(self, at: Pos, message: str, hint: str = "") -> None:
        self.problems.append(Problem.error(self.path, at[0], at[1], message, hint))

    def build(self, node: Node, depth: int = 0) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooBig(
                f"more than {MAX_VALUES:,} values (an alias bomb?)",
                _pos(node),
                "incident files are small: write lists out instead of repeating aliases",
            )
        if depth > MAX_DEPTH:
            raise _TooBig(f"nested deeper than {MAX_DEPTH} levels", _pos(node), _FLAT)
        tag = node.tag
        if not tag.startswith(TAG_PREFIX) or tag[len(TAG_PREFIX) :] not in CORE_TAGS:
            shown = "!!" + tag[len(TAG_PREFIX) :] if tag.startswith(TAG_PREFIX) else tag
            self.error(
                _pos(node),
                f"tag '{shown}' is not allowed",
                "incident files hold plain text, numbers, lists and mappings",
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, SequenceNode):
            items = YamlList(_pos(node))
            for child in node.value:
                items.append(self.build(child, depth + 1))
                items.item_at.append(_pos(child))
            return items
        assert isinstance(node, ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: MappingNode, depth: int) -> YamlMap:
        result = YamlMap(_pos(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                found = "a list" if isinstance(key_node, SequenceNode) else "a mapping"
                self.error(_pos(key_node), f"a key must be plain text, found {found}")
                continue
            if key_node.value == "<<" and not key_node.style:  # plain: None, or "" from libyaml
                self.error(
                    _pos(key_node),
                    "merge keys ('<<') are not supported",
                    "write the fields out in full",
                )
                continue
            key = self._text(key_node)
            if key in result.key_at:
                first = result.key_at[key][0]
                self.error(_pos(key_node), f"duplicate key '{key}' (first given on line {first})")
                continue
            result[key] = self.build(value_node, depth + 1)
            result.key_at[key] = _pos(key_node)
            result.value_at[key] = _pos(value_node)
        return result

    def _text(self, node: ScalarNode) -> str:
        text = str(node.value)
        self.characters += len(text)
        if self.characters > MAX_TEXT:
            raise _TooBig(
                f"more than {MAX_TEXT:,} characters of text once aliases are expanded",
                _pos(node),
                "incident files are small: write the text out instead of repeating aliases",
            )
        control = CONTROL_CHARACTERS.search(text)
        if control:
            self.error(
                _pos(node),
                f"text holds the control character U+{ord(control[0]):04X} "
                f"(at character {control.start() + 1} of the value)",
                "inside double quotes a backslash starts an escape: write paths such as "
                "'C:\\files' in single quotes, or double the backslash",
            )
            return CONTROL_CHARACTERS.sub("\ufffd", text)
        if _SURROGATE.search(text):
            self.error(
                _pos(node),
                "text holds a lone surrogate escape (\\uD800 to \\uDFFF), not a character",
                "write the character itself, or one \\U0001F525 escape, not a \\uD83D\\uDD25 pair",
            )
            return _SURROGATE.sub("\ufffd", text)
        return text

    def _scalar(self, node: ScalarNode) -> Any:
        kind = node.tag[len(TAG_PREFIX) :]
        text = self._text(node)
        try:
            if kind == "null":
                return None
            if kind == "bool":
                return text.lower() == "true"
            if kind == "int":
                return int(text.replace("_", ""), 0)
            if kind == "float":
                return float(text.replace("_", "").replace(".inf", "inf").replace(".nan", "nan"))
        except ValueError:
            noun = {"int": "whole number", "float": "number"}.get(kind, kind)
            self.error(_pos(node), f"{quote(text)} is not a valid {noun}", "put it in quotes")
            return None
        return text


class _TooBig(Exception):
    def __init__(self, message: str, at: Pos, hint: str) -> None:
        super().__init__(message)
        self.at, self.hint = at, hint


def _decode(path: str, raw: bytes) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line, column = line_column(raw, exc.start)
        return None, Problem.error(
            path,
            line,
            column,
            f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
            "save the file as UTF-8",
        )


def _odd_break(path: str, text: str) -> Problem | None:
    match = _ODD_BREAKS.search(text)
    if match is None:
        return None
    line, column = line_column(text, match.start())
    return Problem.error(
        path,
        line,
        column,
        f"invisible line break U+{ord(match[0]):04X} in the text (YAML ends the line there)",
        "replace it with a space or a newline",
    )


def load_yaml(path: str, raw: bytes, *, size: int | None = None) -> Loaded:
    """Parse one YAML document; never raises for bad input, reports it as problems.

    `size` is the file's real size when `raw` holds only its beginning.
    """
    loaded = Loaded(path)
    if len(raw) > MAX_BYTES:
        loaded.problems.append(
            Problem.error(
                path,
                1,
                1,
                f"file is {max(size or 0, len(raw)):,} bytes, over the {MAX_BYTES:,}-byte limit",
                "an incident review is text: link to logs and attachments instead",
            )
        )
        return loaded
    text, problem = _decode(path, raw)
    if text is None:
        assert problem is not None
        loaded.problems.append(problem)
        return loaded
    odd = _odd_break(path, text)
    if odd is not None:
        loaded.problems.append(odd)
        return loaded
    builder = _Builder(path)
    loader: ComposeLoader | None = None
    # Deep nesting stays with the pure-Python parser: it fails cleanly (RecursionError).
    parsed, node = compose_fast(text) if text.count("[") + text.count("{") < 1000 else (False, None)
    try:
        if not parsed:
            loader = ComposeLoader(text)
            node = loader.get_single_node()
        loaded.data = None if node is None else builder.build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        start = exc.context_mark
        runaway = runaway_quote(text, mark.line) if mark is not None else None
        hint = syntax_hint(message)
        if runaway is not None:
            # Where the problem starts: the quote, not the line where the parser stumbled.
            line, column = runaway[0] + 1, runaway[1] + 1
            message = (
                f"this quote is not closed on its line: the text runs on to line "
                f"{runaway[2] + 1}, where the file stops making sense"
            )
            hint = "close the quote; for text over several lines write 'key: |' and indent it"
        elif "while scanning a quoted scalar" in message and start is not None:
            line, column = start.line + 1, start.column + 1
            message = "this quote is never closed"
            hint = "close it at the end of the text"
        elif start is not None and mark is not None and start.line != mark.line:
            message += f" (the construct began at line {start.line + 1}, column {start.column + 1})"
        loaded.problems.append(Problem.error(path, line, column, f"invalid YAML: {message}", hint))
    except yaml.YAMLError as exc:  # ReaderError: a control character in the text
        line, column = line_column(text, getattr(exc, "position", 0))
        character = getattr(exc, "character", None)  # the code point, an int
        reason = (
            f"control character U+{character:04X} is not allowed"
            if isinstance(character, int)
            else getattr(exc, "reason", str(exc))
        )
        loaded.problems.append(
            Problem.error(
                path,
                line,
                column,
                f"invalid YAML: {reason}",
                "delete it; inside double quotes write it as an escape such as \\t",
            )
        )
    except _TooBig as exc:
        loaded.problems.append(
            Problem.error(
                path,
                exc.at[0],
                exc.at[1],
                f"document is {exc}",
                exc.hint,
            )
        )
    except RecursionError:
        loaded.problems.append(
            Problem.error(path, 1, 1, f"document is nested deeper than {MAX_DEPTH} levels", _FLAT)
        )
    finally:
        if loader is not None:
            loader.dispose()
    loaded.problems.extend(builder.problems)
    return loaded


def read_yaml(path: Path, label: str | None = None) -> Loaded:
    """Read and parse a file; `label` is the path shown in problems."""
    shown = label or str(path)
    try:
        raw, size = read_bounded(path, MAX_BYTES)
    except UnreadableFile as exc:
        return Loaded(shown, None, [Problem.error(shown, 1, 1, str(exc))])
    return load_yaml(shown, raw, size=size)


def position_of(data: Any, loc: Loc, *, key: bool = False) -> Pos:
    """Where `loc` (keys and indexes from the top) stands in loaded data.

    Falls back to the nearest enclosing node that exists, so a missing field points at
    the mapping that lacks it. With `key=True` a mapping entry points at its key.
    """
    at: Pos = getattr(data, "start", (1, 1))
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, YamlMap) and isinstance(part, str) and part in node:
            at = node.key_at[part] if (last and key) else node.value_at[part]
            node = node[part]
        elif isinstance(node, YamlList) and isinstance(part, int) and 0 <= part < len(node):
            at = node.item_at[part]
            node = node[part]
        else:
            break
    return at
