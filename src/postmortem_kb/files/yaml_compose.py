"""PyYAML set up for incident files: core-schema typing (no sexagesimal numbers, no
implicit timestamps, only true/false as booleans), node composition on libyaml when it is
there, and hints for PyYAML's words about common slips."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import Node
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

TAG_PREFIX = "tag:yaml.org,2002:"
# PyYAML's words for common slips, and what to do about each.
_SYNTAX_HINTS = (
    ("'\\t'", "indent with spaces, not tabs"),
    (
        "expected a single document",
        "one incident per file: remove the '---' line or split the file",
    ),
    ("mapping values are not allowed here", "put text holding ': ' in quotes"),
    ("expected <block end>", "line this up with the keys or list items above it"),
    ("could not find expected ':'", "each line is 'key: value'; continue long text with 'key: |'"),
    ("while scanning a quoted scalar", "a quote is never closed"),
    ("expected ',' or ']'", "close the list with ']'"),
    ("expected ',' or '}'", "close the mapping with '}'"),
    ("that cannot start any token", "put text starting with @, ` or % in quotes"),
)


class _Resolver(BaseResolver):
    """Core-schema-like implicit typing: no sexagesimal numbers, no implicit timestamps."""


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
        r"|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Resolver.add_implicit_resolver(TAG_PREFIX + _tag, re.compile(_pattern), list(_first))


class ComposeLoader(Reader, Scanner, Parser, Composer, _Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


def _libyaml_loader() -> Any:
    """A composer on libyaml (same nodes and positions, about twenty times faster), or
    None where PyYAML was built without it."""
    try:
        from yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:
        return None

    class FastComposeLoader(CParser, _Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

    return FastComposeLoader


_FAST_LOADER = _libyaml_loader()


def compose_fast(text: str) -> tuple[bool, Node | None]:
    """(True, node) when libyaml parses `text`; (False, None) leaves the file to the
    pure-Python parser, whose messages are the ones users see for broken files."""
    if _FAST_LOADER is None:
        return False, None
    loader = _FAST_LOADER(text)
    try:
        return True, loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return False, None
    finally:
        loader.dispose()


def syntax_hint(message: str) -> str:
    return next((hint for words, hint in _SYNTAX_HINTS if words in message), "")


def runaway_quote(text: str, error_line: int) -> tuple[int, int, int] | None:
    """(line, column of a quote, line it closes on), both 0-based, when a quoted text opened
    on an earlier line closes on `error_line`: an unclosed quote swallows the lines after it
    up to the next quote character, and the parser only stumbles there. None otherwise."""
    found = None
    scanner = ComposeLoader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()  # type: ignore[no-untyped-call]
            start, end = token.start_mark, token.end_mark
            if start.line > error_line:
                break
            quoted = isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
            if quoted and start.line < end.line and end.line == error_line:
                found = (start.line, start.column, end.line)
    except yaml.YAMLError:
        pass  # the error itself: the tokens before it are what counts
    return found
