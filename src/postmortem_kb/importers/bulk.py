"""Import many sources at once: a whole folder of old reviews into an archive.

Every source is read and checked before anything is written, against the taxonomy plus
the terms the sources need. Then, unless it is a dry run, the new terms are written to a
file for review (or added to taxonomy.yaml when asked) and the incident files are written,
none over an existing file. Each file records its source and the source's hash, so running
the same import again writes nothing.

Importing is total over sources: whatever a source holds, it becomes a file or is refused
with the reason, and the run goes on with the next one. Symbolic links are not read unless
asked (`follow_links`); a folder's files that are not reviews are listed with the reason.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..files.atomic import AuthoringError, FileAlreadyExists, write_new_file
from ..files.discover import NOT_FOLLOWED, label
from ..taxonomy import Taxonomy, Term
from ..validation.writing import check_incident_text, read_taxonomy
from .common import ImportRefused
from .formats.reading import SUFFIXES, read_bytes, read_postmortem
from .incident_yaml import Built, build_incident_yaml
from .review_header import comment_text
from .terms import add_terms_to_taxonomy, proposal_text
from .vocabulary import Proposals

_RECORDED = re.compile(
    r"^# Imported by `postmortem import` from (.+?) \(sha256 ([0-9a-f]{16})\)\.$"
)
Status = Literal["written", "unchanged", "refused"]


@dataclass
class Outcome:
    """What became of one source."""

    source: Path
    status: Status
    path: Path | None = None
    reason: str = ""
    review: list[str] = field(default_factory=list)
    """Unknowns and derived values listed in the written file's header."""
    read: list[str] = field(default_factory=list)
    """What was read from the source: events, action items, the clock and why."""


@dataclass(frozen=True)
class Skipped:
    """A file or folder below a folder named for import that is not read, and why."""

    path: Path
    reason: str


@dataclass
class Report:
    outcomes: list[Outcome]
    proposals: Proposals
    proposal_file: Path | None = None
    terms_added: bool = False
    skipped: list[Skipped] = field(default_factory=list)
    proposal_note: str = ""
    """Why the proposals went to another file than the one asked for (it existed)."""

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


@dataclass(frozen=True)
class Options:
    out: Path
    dry_run: bool = False
    add_terms: bool = False
    proposal_file: Path | None = None
    follow_links: bool = False
    """Read what symbolic links point to (files and folders); off: a link is skipped."""
    base: Path | None = None
    """Where the import runs: sources are named relative to it (default: the working folder)."""


def source_files(paths: Iterable[Path], *, follow_links: bool = False) -> list[Path]:
    """The files named, and every review file (.md, .qmd, .txt, .html, …) below the
    folders named."""
    return find_sources(paths, follow_links=follow_links)[0]


def find_sources(
    paths: Iterable[Path], *, follow_links: bool = False
) -> tuple[list[Path], list[Skipped]]:
    """(the files to read, what the folders named hold that is not read and why).

    A named file is always read (and refused with the reason when it is not a review); in
    a folder only review files are, hidden ones and symbolic links (unless followed) not."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir() and (follow_links or not path.is_symlink()):
            _walk(path, follow_links, found, skipped, set())
        else:
            found.append(path)
    return list(dict.fromkeys(found)), skipped


def _walk(
    folder: Path,
    follow_links: bool,
    found: list[Path],
    skipped: list[Skipped],
    seen: set[tuple[int, int]],
) -> None:
    try:
        status = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        skipped.append(Skipped(folder, f"cannot read the folder: {error.strerror}"))
        return
    if (status.st_dev, status.st_ino) in seen:
        skipped.append(Skipped(folder, "a link back to a folder already read"))
        return
    seen.add((status.st_dev, status.st_ino))
    for entry in entries:
        path = Path(entry.path)
        link = entry.is_symlink()
        if entry.name.startswith("."):
            hidden = "a hidden folder" if entry.is_dir(follow_symlinks=False) else "a hidden file"
            skipped.append(Skipped(path, hidden))
        elif link and not follow_links:
            skipped.append(Skipped(path, NOT_FOLLOWED))
        elif _is_dir(entry):
            _walk(path, follow_links, found, skipped, seen)
        elif entry.name.lower().endswith(SUFFIXES):
            found.append(path)
        else:
            kind = path.suffix.lower() or "no suffix"
            skipped.append(Skipped(path, f"not a review format ({kind}; reads {_READS})"))


_READS = " ".join(SUFFIXES)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def recorded_sources(folder: Path) -> dict[str, Path]:
    """sha256 prefix → the incident file that records it was imported from that content."""
    recorded: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:2048].splitlines()[:3]
        except OSError:
            continue
        for line in head:
            match = _RECORDED.match(line)
            if match:
                recorded[match[2]] = path
    return recorded


def run_import(
    sources: list[Path],
    options: Options,
    track: Callable[[list[Path]], Iterable[Path]] = lambda items: items,
) -> Report:
    """Import `sources` into `options.out`; see the module docstring."""
    taxonomy = read_taxonomy(options.out)
    recorded = recorded_sources(options.out)
    taken = {path.stem for path in options.out.glob("*.yaml")}
    outcomes: list[Outcome] = []
    planned: list[tuple[Outcome, Built]] = []
    proposals = Proposals()
    for source in track(sources):
        outcome, built = import_source(source, options, taxonomy, recorded, taken)
        outcomes.append(outcome)
        if built is not None:
            planned.append((outcome, built))
            proposals.merge(built.proposals)
    extended = with_terms(taxonomy, proposals)
    for outcome, built in planned:
        try:
            check_incident_text(built.text, outcome.path or Path(), extended)
        except AuthoringError as error:
            outcome.status, outcome.reason = "refused", str(error)
        except Exception as error:
            outcome.status, outcome.reason = "refused", _failure(error)
    report = Report(outcomes, proposals)
    if options.dry_run:
        return report
    if proposals:
        _record_terms(report, options)
    for outcome, built in planned:
        if outcome.status == "written" and outcome.path is not None:
            try:
                write_new_file(outcome.path, built.text)
            except AuthoringError as error:
                outcome.status, outcome.reason = "refused", str(error)
    return report


def import_source(
    source: Path,
    options: Options,
    taxonomy: Taxonomy,
    recorded: dict[str, Path],
    taken: set[str],
) -> tuple[Outcome, Built | None]:
    """What becomes of one source: never raises, whatever the source holds."""
    try:
        return _plan(source, options, taxonomy, recorded, taken)
    except ImportRefused as refused:
        return Outcome(source, "refused", reason=str(refused)), None
    except RecursionError:
        return Outcome(source, "refused", reason="it nests too deeply to be read"), None
    except Exception as error:
        return Outcome(source, "refused", reason=_failure(error)), None


def _failure(error: Exception) -> str:
    """A reason for a source no reader expected: what went wrong, in the reader's words."""
    said = " ".join(str(error).split())[:300]
    return f"it could not be read ({said or type(error).__name__})"


def _plan(
    source: Path, options: Options, taxonomy: Taxonomy, recorded: dict[str, Path], taken: set[str]
) -> tuple[Outcome, Built | None]:
    raw = read_bytes(source, follow_links=options.follow_links)
    fingerprint = hashlib.sha256(raw).hexdigest()[:16]
    if fingerprint in recorded:
        return Outcome(source, "unchanged", recorded[fingerprint], "already imported"), None
    draft = read_postmortem(source, raw)
    name = comment_text(label(source, options.base))
    built = build_incident_yaml(draft, taxonomy, name, fingerprint)
    out = options.out
    review = [*built.unknown, *built.derived]
    stem = built.stem
    if stem in taken:
        stem = next(
            f"{built.stem}-{n}" for n in range(2, 10_000) if f"{built.stem}-{n}" not in taken
        )
        review.append(f"file name: {built.stem}.yaml was taken; written as {stem}.yaml")
    taken.add(stem)
    built.stem = stem
    path = out / f"{stem}.yaml"
    recorded[fingerprint] = path  # the same content twice in one run is imported once
    return Outcome(source, "written", path, review=review, read=built.read), built


def with_terms(taxonomy: Taxonomy, proposals: Proposals) -> Taxonomy:
    causes = [Term(slug=s, title=t) for s, t in proposals.root_causes.items()]
    update: dict[str, list[Term]] = {"root_causes": [*taxonomy.root_causes, *causes]}
    if taxonomy.services is not None:
        services = [Term(slug=s, title=t) for s, t in proposals.services.items()]
        update["services"] = [*taxonomy.services, *services]
    return taxonomy.model_copy(update=update)


def _record_terms(report: Report, options: Options) -> None:
    """The new terms into taxonomy.yaml when asked; else into a new file for review, never
    over an existing one (it may hold reviewed edits) nor through a link: the next free
    name (`taxonomy-additions-2.yaml`) when it is taken."""
    if options.add_terms:
        add_terms_to_taxonomy(options.out, report.proposals)
        report.terms_added = True
        return
    asked = options.proposal_file or options.out.parent / "taxonomy-additions.yaml"
    text = proposal_text(report.proposals, options.out)
    for number in range(1, 1000):
        target = asked if number == 1 else asked.with_name(f"{asked.stem}-{number}{asked.suffix}")
        try:
            write_new_file(target, text)
        except FileAlreadyExists:
            continue
        report.proposal_file = target
        if target != asked:
            report.proposal_note = f"{asked} exists (it may hold your edits): not replaced"
        return
    raise AuthoringError(f"{asked} and its numbered alternatives all exist")
