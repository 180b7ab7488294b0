"""What every source format yields: events at exact instants, and facts about the incident.

A reader turns one export into a `Record`: timeline `Event`s (each at an aware instant,
with its kind and the source that recorded it), plus what the export states about the
incident (title, services, links, when alerts fired and cleared). Nothing is inferred
here beyond the documented mapping of each format's states to event kinds.

Malformed input is a `CaptureProblem` naming the file and the entry (`log_entries[12]`),
collected over all sources and reported at once (`CaptureError`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..files.discover import UnreadableFile, label, read_bounded

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The most a single export file may hold: a day of a busy channel is a few megabytes."""


@dataclass(frozen=True, order=True)
class CaptureProblem:
    """One malformed part of one export: the file, the entry in it, what is wrong."""

    path: str
    entry: str
    message: str

    def format(self) -> str:
        where = f"{self.path}: {self.entry}" if self.entry else self.path
        return f"{where}: {self.message}"


class CaptureError(Exception):
    """The exports cannot become a draft; `problems` holds every reason at once."""

    def __init__(self, problems: list[CaptureProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


@dataclass(frozen=True)
class Event:
    """One moment as a source recorded it."""

    at: datetime
    """The instant, aware (with the offset the source gave, or UTC)."""
    kind: str
    """A timeline kind: detection, investigation, escalation, mitigation, resolution,
    communication or note."""
    text: str
    """What happened, in the source's words (names as the export gives them)."""
    source: str
    """Who recorded it: `PagerDuty`, `Status page`, `Slack #inc-checkout`, …"""
    guessed: bool = False
    """The kind was read from the words (chat, CSV), not mapped from a stated state."""
    order: int = 0
    """Position within its source, to keep the source's order for equal instants."""


@dataclass
class Record:
    """What one export says about the incident."""

    source: str
    """How the summary and the file's header name it."""
    events: list[Event] = field(default_factory=list)
    title: str = ""
    severity: str = ""
    """A severity or priority as the export states it (`P1`), mapped only if the taxonomy
    knows it."""
    services: list[str] = field(default_factory=list)
    """Service or component names as written in the export."""
    links: list[tuple[str, str]] = field(default_factory=list)
    impact_started: datetime | None = None
    """When the export says the faulty condition began (an alert's `startsAt`)."""
    summary: str = ""
    """A stated account of the incident (a status page's final update)."""
    counts: dict[str, int] = field(default_factory=dict)
    """What was read and what was left out, by reason, for the summary."""
    notes: list[str] = field(default_factory=list)
    """Facts the file's header lists for review (a channel without a link, …)."""


class Problems:
    """Problems of one file, collected as they are found."""

    def __init__(self, path: Path | str) -> None:
        self.path = path if isinstance(path, str) else label(path)
        self.found: list[CaptureProblem] = []

    def add(self, entry: str, message: str) -> None:
        self.found.append(CaptureProblem(self.path, entry, message))


def read_json(path: Path, problems: Problems) -> Any:
    """The JSON in `path` (at most MAX_FILE_BYTES), or None with a problem added."""
    try:
        raw, size = read_bounded(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        problems.add("", exc.reason)
        return None
    if size > MAX_FILE_BYTES:
        problems.add("", f"over {MAX_FILE_BYTES // (1024 * 1024)} MB; is it an export?")
        return None
    return parse_json(raw, problems)


def parse_json(raw: bytes, problems: Problems) -> Any:
    """The JSON in `raw`, or None with a problem added (with the line and column)."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.add("", f"not UTF-8 text (byte {exc.start})")
    except json.JSONDecodeError as exc:
        problems.add(f"line {exc.lineno} column {exc.colno}", f"not valid JSON: {exc.msg}")
    return None


_FRACTION = re.compile(r"(\.\d{1,6})\d*")


def parse_instant(value: Any) -> datetime | None:
    """An ISO 8601 time with an offset (`Z` too; nanoseconds cut to microseconds), as an
    aware datetime; None for anything else, a time without an offset included."""
    if not isinstance(value, str):
        return None
    text = _FRACTION.sub(r"\1", value.strip(), count=1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def instant_of(
    item: dict[str, Any], key: str, entry: str, problems: Problems, *, required: bool = True
) -> datetime | None:
    """`item[key]` as an instant; a problem naming the entry when it is missing or wrong."""
    value = item.get(key)
    if value is None and not required:
        return None
    moment = parse_instant(value)
    if moment is None:
        shown = "missing" if value is None else f"{json.dumps(value)[:60]} is not"
        problems.add(
            f"{entry}.{key}", f"{shown} an ISO 8601 time with an offset (2026-03-14T09:12:00Z)"
        )
    return moment


def epoch_instant(value: Any) -> datetime | None:
    """Seconds since 1970 as text or a number (`"1710406800.000200"`), as a UTC instant."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    if not 0 <= seconds < 32_503_680_000:  # before the year 3000
        return None
    return datetime.fromtimestamp(seconds, UTC)


def mapping(value: Any) -> dict[str, Any]:
    """`value` when it is a JSON object, else an empty one (a field an export left out)."""
    return value if isinstance(value, dict) else {}


def text_of(value: Any) -> str:
    """One line of text from an export's string field; '' for anything else."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def entries(value: Any, name: str, problems: Problems) -> list[tuple[str, dict[str, Any]]]:
    """(`name[i]`, item) for each object in the list `value`; a problem for each that is not."""
    if not isinstance(value, list):
        problems.add(name, "expected a list")
        return []
    found = []
    for index, item in enumerate(value):
        where = f"{name}[{index}]"
        if isinstance(item, dict):
            found.append((where, item))
        else:
            problems.add(where, "expected an object")
    return found
