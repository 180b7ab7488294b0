"""Problems are values: every check returns them, one exception carries them all."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from rapidfuzz.distance import OSA

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    hint: str = ""

    @classmethod
    def error(cls, path: str, line: int, column: int, message: str, hint: str = "") -> Problem:
        return cls(path, line, column, "error", message, hint)

    @classmethod
    def warning(cls, path: str, line: int, column: int, message: str, hint: str = "") -> Problem:
        return cls(path, line, column, "warning", message, hint)

    def format(self) -> str:
        """`path:line:col: severity: message (hint)`, the form editors and CI understand."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the file."""
        level = "error" if self.severity == "error" else "warning"
        message = f"{self.message} ({self.hint})" if self.hint else self.message
        # A property value also ends at `,` and `::`: a file name holding them (or a newline)
        # must not end the annotation early, spoof its line, or start another command.
        file = _github_escape(self.path, ",:")
        return f"::{level} file={file},line={self.line},col={self.column}::" + _github_escape(
            message
        )


class ArchiveError(Exception):
    """The archive has errors; `problems` holds every one of them, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        errors = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(f"{errors} error(s) in the incident archive")

    def report(self) -> str:
        return format_problems(self.problems)


def _github_escape(text: str, also: str = "") -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    for character in also:
        text = text.replace(character, f"%{ord(character):02X}")
    return text


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def format_problems(problems: Sequence[Problem], fmt: str = "text") -> str:
    """Render problems as text lines, GitHub annotations or a JSON list."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in ordered], indent=2)
    if fmt == "github":
        return "\n".join(p.format_github() for p in ordered)
    return "\n".join(p.format() for p in ordered)


_DIGITS = re.compile(r"\d+")


def did_you_mean(
    value: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None
) -> str:
    """A hint naming the nearest valid choice, or '' when nothing is close.

    Close means a typo: at most one edit in a short word, two up to eight letters, three
    beyond (OSA distance: a swap of two letters is one edit). A choice that differs only in
    its numbers is another value, not a typo (`SEV9` is not `SEV4`). `aliases` maps names
    people often write (other tools' words, old names) to the valid choice they mean:
    spelling distance alone sends `went_good` to `went_wrong`.
    """
    options = list(choices)
    meant = (aliases or {}).get(value.lower())
    if meant in options:
        return f"did you mean '{meant}'?"
    by_case = {option.lower(): option for option in options}
    if value.lower() in by_case:
        return f"did you mean '{by_case[value.lower()]}'?"
    allowed = 1 if len(value) <= 4 else 2 if len(value) <= 8 else 3
    scored = [
        (OSA.distance(value.lower(), option.lower(), score_cutoff=allowed), index, option)
        for index, option in enumerate(options)
        if _DIGITS.sub("#", value.lower()) != _DIGITS.sub("#", option.lower())
    ]
    close = sorted(entry for entry in scored if entry[0] <= allowed)
    return f"did you mean '{close[0][2]}'?" if close else ""


def quote(value: object, limit: int = 60) -> str:
    """`value` in single quotes for a message, cut to `limit` characters: messages quote
    what the author wrote, and a 5,000-character value must not become the message."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def describe(value: object) -> str:
    """What kind of YAML value `value` is, in an author's words: 'a list', 'text', …"""
    kinds: tuple[tuple[type | tuple[type, ...], str], ...] = (
        (bool, "true/false"),
        (dict, "a mapping"),
        (list, "a list"),
        (str, "text"),
        ((int, float), "a number"),
        (type(None), "nothing"),
    )
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)
