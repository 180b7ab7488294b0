"""The files of a Slack export, read the same way from its folder or from the .zip Slack
hands out: `channels.json`, `users.json`, and `<channel>/<YYYY-MM-DD>.json`.

Reads are bounded: a member larger than MAX_FILE_BYTES (as declared, or as it turns out
while reading: a zip's sizes may lie) is a problem, not a read.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..files.discover import label
from .records import MAX_FILE_BYTES, Problems, parse_json, read_json

DAY_FILE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.json$")


def is_export(path: Path) -> bool:
    """A folder holding `channels.json` or day files, or a zip holding them."""
    if path.is_dir():
        if (path / "channels.json").is_file():
            return True
        return any(DAY_FILE.match(child.name) for child in path.iterdir())
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return any(_is_listing(name) for name in archive.namelist())
    return False


def _is_listing(name: str) -> bool:
    parts = name.split("/")
    return parts[-1] == "channels.json" or (len(parts) >= 2 and bool(DAY_FILE.match(parts[-1])))


@dataclass
class ExportFiles:
    """One export. `channel` is set when PATH was one channel's folder."""

    label: str
    root: Path | None = None
    archive: zipfile.ZipFile | None = None
    channel: str | None = None
    prefix: str = ""
    """The zip's top folder, when everything in it sits in one (`export/channels.json`)."""

    @classmethod
    def open(cls, path: Path) -> ExportFiles:
        if path.is_dir():
            if (path / "channels.json").is_file():
                return cls(label(path), root=path)
            return cls(label(path.parent), root=path.parent, channel=path.name)
        archive = zipfile.ZipFile(path)
        names = archive.namelist()
        top = {name.split("/")[0] for name in names if "/" in name}
        prefix = ""
        if "channels.json" not in names and len(top) == 1:
            prefix = f"{top.pop()}/"
        return cls(label(path), archive=archive, prefix=prefix)

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()

    def has(self, name: str) -> bool:
        if self.root is not None:
            return (self.root / name).is_file()
        assert self.archive is not None
        return f"{self.prefix}{name}" in self.archive.namelist()

    def channels(self) -> list[str]:
        if self.root is not None:
            return sorted(child.name for child in self.root.iterdir() if child.is_dir())
        assert self.archive is not None
        found = {
            name[len(self.prefix) :].split("/")[0]
            for name in self.archive.namelist()
            if name.startswith(self.prefix) and name[len(self.prefix) :].count("/") == 1
        }
        return sorted(found)

    def days(self, channel: str, first: date, last: date) -> list[str]:
        """The channel's day files (`<channel>/<day>.json`) from `first` to `last`."""
        if self.root is not None:
            names = [c.name for c in (self.root / channel).iterdir() if c.is_file()]
        else:
            assert self.archive is not None
            start = f"{self.prefix}{channel}/"
            names = [n[len(start) :] for n in self.archive.namelist() if n.startswith(start)]
        chosen = []
        for name in names:
            match = DAY_FILE.match(name)
            if not match:
                continue
            try:
                day = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            if first <= day <= last:
                chosen.append(f"{channel}/{name}")
        return sorted(chosen)

    def read(self, name: str) -> tuple[Any, Problems]:
        """The JSON of the export's file `name`, and the problems found reading it."""
        if self.root is not None:
            problems = Problems(self.root / name)
            return read_json(self.root / name, problems), problems
        assert self.archive is not None
        problems = Problems(f"{self.label}/{name}")
        member = self.archive.getinfo(f"{self.prefix}{name}")
        if member.file_size > MAX_FILE_BYTES:
            problems.add("", f"over {MAX_FILE_BYTES // (1024 * 1024)} MB; is it an export?")
            return None, problems
        try:
            with self.archive.open(member) as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            problems.add("", f"cannot be read from the zip: {exc}")
            return None, problems
        if len(raw) > MAX_FILE_BYTES:
            problems.add("", f"over {MAX_FILE_BYTES // (1024 * 1024)} MB; is it an export?")
            return None, problems
        return parse_json(raw, problems), problems
