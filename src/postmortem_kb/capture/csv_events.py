"""A plain CSV of `time,event` (optionally a third column, `kind`) for any other record.

`time` is ISO 8601 with an offset, or `YYYY-MM-DD HH:MM[:SS]` on the draft's clock (the
archive's time zone, or `--timezone`). A header row naming `time` is optional. Without a
`kind` column the kind is read from the words, and the draft asks for a review.
"""

from __future__ import annotations

import csv
import io
from datetime import tzinfo
from pathlib import Path

from .. import times
from ..files.discover import UnreadableFile, read_bounded
from ..importers.common import ImportRefused
from ..importers.formats.reading import decode
from ..importers.vocabulary import guess_event_kind
from ..model import EventKind
from .records import MAX_FILE_BYTES, Event, Problems, Record, parse_instant

_KINDS: tuple[str, ...] = EventKind.__args__  # type: ignore[attr-defined]


def looks_like_csv(path: Path, head: bytes) -> bool:
    first = head.split(b"\n", 1)[0].strip().lower()
    return path.suffix.lower() == ".csv" or first.startswith((b"time,", b'"time",'))


def read_csv(path: Path, zone: tzinfo, problems: Problems) -> Record:
    record = Record(f"CSV {path.name}")
    try:
        raw, size = read_bounded(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        problems.add("", exc.reason)
        return record
    try:
        if size > MAX_FILE_BYTES:
            raise ImportRefused("it is too large")
        text, _ = decode(raw)
    except ImportRefused:
        problems.add("", "not a text file of a sensible size")
        return record
    rows = csv.reader(io.StringIO(text, newline=""))
    for number, row in enumerate(rows, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if number == 1 and row[0].strip().lower() == "time":
            continue
        where = f"line {number}"
        if len(row) < 2 or not row[1].strip():
            problems.add(where, "expected `time,event` (and optionally `,kind`)")
            continue
        moment = parse_instant(row[0].strip().replace(" ", "T", 1))
        if moment is None:
            try:
                moment = times.localize(times.parse_datetime(row[0]), zone)
            except times.TimeFormatError as exc:
                problems.add(where, str(exc))
                continue
        kind = row[2].strip().lower() if len(row) > 2 and row[2].strip() else ""
        if kind and kind not in _KINDS:
            problems.add(where, f"unknown kind '{kind[:30]}' (one of {', '.join(_KINDS)})")
            continue
        text = " ".join(row[1].split())
        event = Event(
            moment,
            kind or guess_event_kind(text),
            text,
            record.source,
            guessed=not kind,
            order=len(record.events),
        )
        record.events.append(event)
    record.counts["rows"] = len(record.events)
    return record
