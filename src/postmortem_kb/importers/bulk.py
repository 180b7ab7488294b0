"""Import many sources at once: a whole folder of old reviews into an archive.

Every source is read and checked before anything is written, against the taxonomy plus
the terms the sources need. Then, unless it is a dry run, the new terms are written to a
file for review (or added to taxonomy.yaml when asked) and the incident files are written,
none over an existing file. Each file records its source and the source's hash, so running
the same import again writes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..scaffold import check_incident_text, read_taxonomy
from ..taxonomy import Taxonomy, Term
from ..write import AuthoringError, write_new_file
from .common import ImportRefused
from .incident_yaml import Built, build_incident_yaml
from .reading import SUFFIXES, read_bytes, read_postmortem
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


@dataclass
class Report:
    outcomes: list[Outcome]
    proposals: Proposals
    proposal_file: Path | None = None
    terms_added: bool = False

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


@dataclass(frozen=True)
class Options:
    out: Path
    dry_run: bool = False
    add_terms: bool = False
    proposal_file: Path | None = None


def source_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every review file (.md, .txt, .html, …) below the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


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
        outcome, built = _plan(source, options.out, taxonomy, recorded, taken)
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


def _plan(
    source: Path, out: Path, taxonomy: Taxonomy, recorded: dict[str, Path], taken: set[str]
) -> tuple[Outcome, Built | None]:
    try:
        raw = read_bytes(source)
        fingerprint = hashlib.sha256(raw).hexdigest()[:16]
        if fingerprint in recorded:
            return Outcome(source, "unchanged", recorded[fingerprint], "already imported"), None
        draft = read_postmortem(source, raw)
        built = build_incident_yaml(draft, taxonomy, source.as_posix(), fingerprint)
    except ImportRefused as refused:
        return Outcome(source, "refused", reason=str(refused)), None
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
    if options.add_terms:
        add_terms_to_taxonomy(options.out, report.proposals)
        report.terms_added = True
        return
    target = options.proposal_file or options.out.parent / "taxonomy-additions.yaml"
    target.write_text(proposal_text(report.proposals, options.out), encoding="utf-8")
    report.proposal_file = target
