"""Where an archive's files are, what they are called in reports, and how they are read.

- Only regular files are read, and never more than a bound: a FIFO named `x.yaml` would
  block a reader forever, `/dev/zero` never ends. Files are opened without blocking and
  checked (`fstat`) before the first byte is read.
- Incident files end in `.yaml` or `.yml`, in any case (`X.YAML` too). Hidden files
  (`.x.yaml`) are not incidents, but are reported as a warning so none is lost silently;
  hidden folders (`.git`) are skipped. Symbolic links are followed for files, not for
  folders; a loop or a dangling link is an error naming the file.
- Files are named relative to a base folder (mkdocs.yml's for a build, the working folder
  for the command line), never by their absolute path: builds are reproducible wherever
  they run.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import Problem

TAXONOMY_FILE = "taxonomy.yaml"
SUFFIXES = (".yaml", ".yml")
NOT_FOLLOWED = "a symbolic link, not followed (--follow-links reads what it points to)"


class UnreadableFile(Exception):
    """A file that is not a regular, readable file; the message says why."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


def read_bounded(path: Path, limit: int, *, follow_links: bool = True) -> tuple[bytes, int]:
    """(at most `limit` + 1 bytes of `path`, its size); raises UnreadableFile. Without
    `follow_links` a symbolic link is refused when it is opened (`O_NOFOLLOW`), so a file
    swapped for a link after it was listed is not read either."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if not follow_links and path.is_symlink():
            raise UnreadableFile(NOT_FOLLOWED) from None
        raise _unreadable(path, exc) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableFile(f"not a regular file ({_kind(status.st_mode)})")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks), status.st_size
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(descriptor)


def _why(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop: the link points back at itself"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link to '{os.readlink(path)}'"
    return f"cannot read: {exc.strerror}"


def _unreadable(path: Path, exc: OSError) -> UnreadableFile:
    message = _why(path, exc)
    return UnreadableFile(message, (exc.strerror or "") if message.startswith("cannot") else "")


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def is_incident_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and name != TAXONOMY_FILE


def incident_files(folder: Path, base: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """(every incident file below `folder` in a stable order, warnings for hidden ones)."""
    found: list[Path] = []
    warnings: list[Problem] = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in names:
            if not is_incident_name(name) or (root == str(folder) and name == TAXONOMY_FILE):
                continue
            path = Path(root) / name
            if name.startswith("."):
                warnings.append(
                    Problem.warning(
                        label(path, base),
                        0,
                        0,
                        "hidden file ignored: it is not part of the archive",
                        "rename it without the leading '.' to publish it, or delete it",
                    )
                )
                continue
            found.append(path)
    return sorted(found), warnings


def readable(name: str) -> str:
    """A file name as printable text: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become U+FFFD, so a report never fails to print or to parse as JSON."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def label(path: Path, base: Path | None = None) -> str:
    """`path` as reports name it: relative to `base` (default: the working folder) when
    inside it, in `/` form; symbolic links are not resolved (a loop must not crash this)."""
    absolute = Path(os.path.abspath(path))
    root = Path(os.path.abspath(base or Path.cwd()))
    try:
        return readable(absolute.relative_to(root).as_posix())
    except ValueError:
        return readable(absolute.as_posix())


def archive_root(path: Path) -> Path:
    """The archive folder a file or folder belongs to: the nearest one, itself or above,
    that holds taxonomy.yaml (else its own folder)."""
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / TAXONOMY_FILE).is_file():
            return folder
    return start
