"""Problems are values: every check returns them, one exception carries them all."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

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

    def format(self) -> str:
        """`path:line:col: severity: message (hint)`, the form editors and CI understand."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the file."""
        level = "error" if self.severity == "error" else "warning"
        message = f"{self.message} ({self.hint})" if self.hint else self.message
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.column}::{message}"


class ArchiveError(Exception):
    """The archive has errors; `problems` holds every one of them, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        errors = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(f"{errors} error(s) in the incident archive")

    def report(self) -> str:
        return format_problems(self.problems)


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


def did_you_mean(
    value: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None
) -> str:
    """A hint naming the nearest valid choice, or '' when nothing is close.

    `aliases` maps names people often write (other tools' words, old names) to the valid
    choice they mean: spelling distance alone sends `went_good` to `went_wrong`.
    """
    options = list(choices)
    meant = (aliases or {}).get(value.lower())
    if meant in options:
        return f"did you mean '{meant}'?"
    by_case = {option.lower(): option for option in options}
    close = [by_case[value.lower()]] if value.lower() in by_case else []
    close = close or difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


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
