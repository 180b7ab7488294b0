"""Files → Archive, or every problem of every file, each with its line and column.

What each rule checks lives in `rules/`, one module per family: `schema` (the structure
the model declares, in an author's words), `fields` (one file's fields against each other
and the taxonomy), `links`, `prose` and `publish` (what a published review needs). This
module reads the files and checks what spans the archive (ids, `related`). `postmortem
validate` and the site build both call `check_archive`: what validates, builds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..archive import Archive
from ..errors import Problem, describe, did_you_mean, has_errors
from ..files.discover import TAXONOMY_FILE, incident_files, label, readable
from ..files.yaml_read import Loaded, YamlMap, position_of, read_yaml
from ..model import Incident
from ..taxonomy import Taxonomy
from .rules.fields import check_fields
from .rules.publish import timeline_problems
from .rules.schema import FIELD_ALIASES, schema_problems

__all__ = ["FIELD_ALIASES", "check_archive", "check_incident", "parse_file", "parse_loaded"]


def parse_file(path: Path, label: str, model: type[BaseModel]) -> tuple[Any, Any, list[Problem]]:
    """(model instance or None, positioned data, problems) for one file."""
    return parse_loaded(read_yaml(path, label), model)


def parse_loaded(loaded: Loaded, model: type[BaseModel]) -> tuple[Any, Any, list[Problem]]:
    """(model instance or None, positioned data, problems) for one parsed document.

    A mapping is checked against the schema even when reading it found problems (a
    duplicate key, a control character): one run reports them all."""
    label, data, problems = loaded.path, loaded.data, list(loaded.problems)
    if not isinstance(data, YamlMap):
        if not has_errors(problems):
            found = "the file is empty" if data is None else f"found {describe(data)}"
            message = f"expected a mapping of fields (title: …); {found}"
            problems.append(Problem.error(label, 1, 1, message))
        return None, data, problems
    try:
        instance = model.model_validate(dict(data))
    except ValidationError as exc:
        return None, data, one_per_position(problems, schema_problems(label, data, exc, model))
    return (None if has_errors(problems) else instance), data, problems


def check_incident(incident: Incident, data: YamlMap, taxonomy: Taxonomy | None) -> list[Problem]:
    """The field rules for one incident that passed the schema (see `rules.fields`)."""
    found = check_fields(data, incident.source, incident.id, taxonomy)
    return found + _timeline_checks(incident, data, taxonomy, found)


def _timeline_checks(
    incident: Incident, data: YamlMap, taxonomy: Taxonomy | None, found: list[Problem]
) -> list[Problem]:
    """The timeline consistency warnings, for archives whose taxonomy asks for them and
    files without errors (a time that does not exist makes every comparison moot)."""
    rules = taxonomy.publishing if taxonomy else None
    if rules is None or not rules.timeline_checks or has_errors(found):
        return []
    return timeline_problems(incident, data)


Positions = dict[str, list[tuple[int, int]]]
"""Source → (line, column) of each of its `related` ids: all `check_related` needs of the
positioned data, which is let go file by file (it is many times the size of the file)."""


def related_positions(incident: Incident, data: YamlMap) -> list[tuple[int, int]]:
    return [position_of(data, ("related", index)) for index in range(len(incident.related))]


def check_related(
    incidents: Sequence[Incident], positions: Positions, ids: Iterable[str] = ()
) -> list[Problem]:
    """`related` ids that name no file of the archive (`ids`: those of files that did not
    pass the schema, which exist all the same), or the incident itself."""
    known = {incident.id for incident in incidents} | set(ids)
    problems = []
    for incident in incidents:
        for index, other in enumerate(incident.related):
            line, column = positions[incident.source][index]
            if other == incident.id:
                message, hint = f"related[{index}]: an incident cannot be related to itself", ""
            elif other not in known:
                message = f"related[{index}]: no incident has the id '{other}'"
                hint = did_you_mean(other, known)
            else:
                continue
            problems.append(Problem.error(incident.source, line, column, message, hint))
    return problems


Parsed = tuple[Any, Any, list[Problem]]
Parser = Callable[[Path, str, type[BaseModel]], Parsed]
"""`parse_file`, or a stand-in with the same answers (the preview's cache)."""


def one_per_position(first: list[Problem], then: list[Problem]) -> list[Problem]:
    """`first`, and those of `then` at other positions: a value refused while reading the
    file is not refused again by the schema, nor one the schema refused by a field rule."""
    taken = {(p.line, p.column) for p in first if p.severity == "error"}
    return first + [p for p in then if (p.line, p.column) not in taken]


def check_archive(
    folders: Iterable[Path], parse: Parser = parse_file, *, base: Path | None = None
) -> tuple[Archive | None, list[Problem]]:
    """Load and check every incident under `folders`; the Archive only when error-free.

    Files are read with `parse` (a preview server passes one that remembers them) and
    named relative to `base` (default: the working folder)."""
    problems: list[Problem] = []
    taxonomy: Taxonomy | None = None
    incidents: list[Incident] = []
    positions: Positions = {}
    seen: dict[str, list[str]] = defaultdict(list)
    for folder in folders:
        taxonomy_path = folder / TAXONOMY_FILE
        if not taxonomy_path.is_file():
            problems.append(
                Problem.error(
                    label(folder, base),
                    0,
                    0,
                    f"no {TAXONOMY_FILE} in this folder",
                    "it defines severities and root causes; see the guide",
                )
            )
        elif taxonomy is None:
            taxonomy, _, found = parse(taxonomy_path, label(taxonomy_path, base), Taxonomy)
            problems += found
        paths, warnings = incident_files(folder, base)
        problems += warnings
        for path in paths:
            source = label(path, base)
            incident, raw, found = parse(path, source, Incident)
            incident_id = readable(path.stem)
            seen[incident_id].append(source)
            if isinstance(raw, YamlMap):
                found = one_per_position(found, check_fields(raw, source, incident_id, taxonomy))
            problems += found
            if incident is None:
                continue
            incident.bind(incident_id, source)
            problems += _timeline_checks(incident, raw, taxonomy, found)
            positions[source] = related_positions(incident, raw)
            incidents.append(incident)
    for incident_id, sources in seen.items():
        for later in sources[1:]:
            problems.append(
                Problem.error(
                    later,
                    1,
                    1,
                    f"duplicate incident id '{incident_id}': {sources[0]} has the same file name",
                )
            )
    problems += check_related(incidents, positions, seen)
    problems.sort()
    if has_errors(problems) or taxonomy is None:
        return None, problems
    return Archive(taxonomy, incidents), problems
