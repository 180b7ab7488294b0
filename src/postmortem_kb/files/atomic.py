"""Create a file atomically, never replacing one that exists.

The text goes to a hidden temporary file in the target's folder first, so an interrupted
write leaves no partial incident file. It is then published with `os.link`, which fails if
the name exists — even if another writer created it a moment ago. Where hard links are not
supported, an `O_EXCL` create reserves the name before `os.replace` moves the text in.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class AuthoringError(Exception):
    """A command that creates incident files cannot go on; the message says why."""


class FileAlreadyExists(AuthoringError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; not overwriting it (pick another title or date)")
        self.path = path


def write_new_file(path: Path, text: str) -> None:
    """Write `text` to `path` atomically; raise FileAlreadyExists if `path` exists."""
    folder = path.parent
    if not folder.is_dir():
        raise AuthoringError(f"{folder} is not a folder")
    if os.path.lexists(path):  # a link, even a dangling one, is never written through
        raise FileAlreadyExists(path)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            os.fchmod(stream.fileno(), 0o644)  # mkstemp's 0600 would hide it from the team
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        _publish(Path(temporary), path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _publish(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)
        return
    except FileExistsError:
        raise FileAlreadyExists(path) from None
    except OSError:
        pass  # no hard links on this file system: reserve the name instead
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    except FileExistsError:
        raise FileAlreadyExists(path) from None
    os.replace(temporary, path)
