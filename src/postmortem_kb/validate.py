"""Files → Archive, or every problem of every file, each with its line and column."""

from __future__ import annotations

import re
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from .archive import Archive
from .errors import Problem, describe, did_you_mean, has_errors, quote
from .load import Loaded, YamlMap, position_of, read_yaml
from .model import ID_PATTERN, Incident
from .taxonomy import TAXONOMY_FILE, Taxonomy

TIMELINE_SLACK = timedelta(days=7)
# Field names authors bring from other templates and tools, and the field they mean.
FIELD_ALIASES = {
    "root_cause_tags": "root_causes",
    "causes": "root_causes",
    "tags": "root_causes",
    "service": "services",
    "affected_services": "services",
    "went_good": "went_well",
    "good": "went_well",
    "went_bad": "went_wrong",
    "bad": "went_wrong",
    "luck": "lucky",
    "time": "at",
    "when": "at",
    "timestamp": "at",
    "description": "event",
    "due_date": "due",
    "deadline": "due",
    "assignee": "owner",
    "url": "link",
    "ticket": "link",
    "start": "started",
    "start_time": "started",
    "end": "resolved",
    "ended": "resolved",
    "end_time": "resolved",
    "tz": "timezone",
    "name": "title",
    "sev": "severity",
    "priority": "severity",
    "followups": "action_items",
    "follow_ups": "action_items",
    "actions": "action_items",
    "author": "authors",
    "owners": "authors",
    "see_also": "related",
}
_NOUNS = {
    "severity": "severity",
    "root_causes": "root cause",
    "services": "service",
    "contributing_factors": "contributing factor",
    "trigger": "trigger",
    "detection": "detection method",
}


def _where(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that the mapping at `loc` is validated against."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _field_hint(model: type[BaseModel], loc: Sequence[str | int], given: Any) -> str:
    """What a list or mapping at `loc` should hold, when its items are entries with fields."""
    owner = _model_at(model, loc)
    if owner is None:
        return f"write [{given}]" if isinstance(given, str) and "," not in given else ""
    fields = list(owner.model_fields)
    return f"each entry is a mapping with the fields {', '.join(fields)}"


def _slug_hint(given: Any) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(given).lower()).strip("-")
    return (
        f"lowercase letters, digits and single hyphens: '{slug}'"
        if slug
        else ("use lowercase letters, digits and single hyphens")
    )


def schema_problems(
    path: str, data: Any, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """Pydantic's errors in words a postmortem author understands, at their positions."""
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        kind, given, ctx = err["type"], err.get("input"), err.get("ctx", {})
        where, hint, at = _where(loc), "", position_of(data, loc)
        if kind == "missing":
            parent = f" in {_where(loc[:-1])}" if len(loc) > 1 else ""
            message = f"missing required field '{loc[-1]}'{parent}"
            at = position_of(data, loc[:-1])
        elif kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            allowed = list(owner.model_fields) if owner else []
            parent = f" in {_where(loc[:-1])}" if len(loc) > 1 else ""
            message = f"unknown field {quote(loc[-1])}{parent}"
            hint = did_you_mean(str(loc[-1]), allowed, FIELD_ALIASES)
            at = position_of(data, loc, key=True)
        elif kind == "literal_error":
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            message = f"{where}: {quote(given)} is not one of: {', '.join(choices)}"
            hint = did_you_mean(str(given), choices)
        elif kind == "time_format":
            message, hint = f"{where}: {ctx['message']}", ctx.get("hint", "")
        elif kind in (
            "string_type",
            "list_type",
            "model_type",
            "dict_type",
            "model_attributes_type",
        ):
            expected = {"string_type": "text", "list_type": "a list"}.get(kind, "a mapping")
            message = f"{where}: expected {expected}, found {describe(given)}"
            if kind == "list_type" and given is not None:
                hint = _field_hint(model, loc, given)
            elif kind == "string_type" and isinstance(given, int | float):
                hint = f"put it in quotes: '{str(given).lower()}'"
            elif kind != "string_type" and given is not None:
                owner = _model_at(model, loc)
                hint = f"its fields: {', '.join(owner.model_fields)}" if owner else ""
        elif kind == "string_pattern_mismatch":
            message = f"{where}: {quote(given)} is not a valid slug"
            hint = _slug_hint(given)
        elif kind == "string_too_short":
            message = f"{where}: must not be empty"
        elif kind == "string_too_long":
            length = len(given) if isinstance(given, str) else "?"
            message = f"{where}: {length} characters, over the {ctx.get('max_length')} allowed"
            hint = "keep it to one line; the summary holds the details"
        elif kind == "too_short":
            message = f"{where}: needs at least {ctx.get('min_length')} item(s)"
        else:
            message = f"{where}: {err['msg']}" if where else err["msg"]
        problems.append(Problem(path, at[0], at[1], "error", message, hint))
    return problems


def parse_file(path: Path, label: str, model: type[BaseModel]) -> tuple[Any, Any, list[Problem]]:
    """(model instance or None, positioned data, problems) for one file."""
    return parse_loaded(read_yaml(path, label), model)


def parse_loaded(loaded: Loaded, model: type[BaseModel]) -> tuple[Any, Any, list[Problem]]:
    """(model instance or None, positioned data, problems) for one parsed document."""
    label, data = loaded.path, loaded.data
    if has_errors(loaded.problems):
        return None, data, loaded.problems
    if not isinstance(data, YamlMap):
        found = "the file is empty" if data is None else f"found {describe(data)}"
        problem = Problem(label, 1, 1, "error", f"expected a mapping of fields (title: …); {found}")
        return None, data, [problem]
    try:
        return model.model_validate(dict(data)), data, loaded.problems
    except ValidationError as exc:
        return None, data, loaded.problems + schema_problems(label, data, exc, model)


def _fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def check_incident(incident: Incident, data: YamlMap, taxonomy: Taxonomy | None) -> list[Problem]:
    """Rules that need more than one field: vocabulary, time order, timeline window."""
    problems: list[Problem] = []

    def report(
        loc: tuple[str | int, ...], message: str, hint: str = "", level: Any = "error"
    ) -> None:
        line, column = position_of(data, loc)
        problems.append(Problem(incident.source, line, column, level, message, hint))

    if not ID_PATTERN.match(incident.id):
        report(
            (),
            f"the file name makes the id '{incident.id}', which is not a valid id",
            "name files like 2024-08-12-payment-gateway-outage.yaml: lowercase, digits, hyphens",
        )
    if taxonomy is not None:
        for field, noun in _NOUNS.items():
            allowed = taxonomy.vocabulary(field)
            value = getattr(incident, field)
            if allowed is None or value is None:
                continue
            entries: list[tuple[tuple[str | int, ...], str]] = (
                [((field,), value)]
                if isinstance(value, str)
                else [((field, i), v) for i, v in enumerate(value)]
            )
            for where, item in entries:
                if item not in allowed:
                    hint = (
                        did_you_mean(item, allowed)
                        or f"add it to {TAXONOMY_FILE} or pick one of its {noun}s"
                    )
                    report(where, f"{_where(where)}: unknown {noun} '{item}'", hint)
    moments = [
        (name, getattr(incident, f"{name}_at"))
        for name in ("started", "detected", "mitigated", "resolved")
    ]
    known = [(name, moment) for name, moment in moments if moment is not None]
    for (first, early), (second, late) in pairwise(known):
        # A date alone stands for its whole day: 2024-08-12 is not before 2024-08-12 14:00.
        if cast(datetime, incident.latest(second)) < early:
            report((second,), f"{second} ({_fmt(late)}) is before {first} ({_fmt(early)})")
    window_start, window_end = (
        incident.started_at - TIMELINE_SLACK,
        cast(datetime, incident.latest(incident.ended_name)) + TIMELINE_SLACK,
    )
    previous: datetime | None = None
    for index, moment in enumerate(incident.event_times()):
        loc: tuple[str | int, ...] = ("timeline", index, "at")
        if not window_start <= moment <= window_end:
            report(
                loc,
                f"{_where(loc)}: {_fmt(moment)} is more than 7 days outside the incident "
                f"({_fmt(incident.started_at)} to {_fmt(incident.ended_at)})",
            )
        elif previous is not None and moment < previous:
            report(
                loc,
                f"{_where(loc)}: {_fmt(moment)} is earlier than the event before it "
                f"({_fmt(previous)})",
                "list events in time order",
                "warning",
            )
        previous = moment
    return problems


Positions = dict[str, list[tuple[int, int]]]
"""Source → (line, column) of each of its `related` ids: all `check_related` needs of the
positioned data, which is let go file by file (it is many times the size of the file)."""


def related_positions(incident: Incident, data: YamlMap) -> list[tuple[int, int]]:
    return [position_of(data, ("related", index)) for index in range(len(incident.related))]


def check_related(incidents: Sequence[Incident], positions: Positions) -> list[Problem]:
    ids = {incident.id for incident in incidents}
    problems = []
    for incident in incidents:
        for index, other in enumerate(incident.related):
            line, column = positions[incident.source][index]
            if other == incident.id:
                message, hint = f"related[{index}]: an incident cannot be related to itself", ""
            elif other not in ids:
                message = f"related[{index}]: no incident has the id '{other}'"
                hint = did_you_mean(other, ids)
            else:
                continue
            problems.append(Problem(incident.source, line, column, "error", message, hint))
    return problems


def incident_files(folder: Path) -> list[Path]:
    """Every incident file below `folder`, in a stable order; hidden folders skipped."""
    found = [
        p
        for pattern in ("*.yaml", "*.yml")
        for p in folder.rglob(pattern)
        if p.name != TAXONOMY_FILE
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found)


def _readable(name: str) -> str:
    """A file name as printable text: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become U+FFFD, so a report never fails to print or to parse as JSON."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _label(path: Path) -> str:
    try:
        return _readable(str(path.resolve().relative_to(Path.cwd())))
    except ValueError:
        return _readable(str(path))


Parsed = tuple[Any, Any, list[Problem]]
Parser = Callable[[Path, str, type[BaseModel]], Parsed]
"""`parse_file`, or a stand-in with the same answers (the preview's cache)."""


def check_archive(
    folders: Iterable[Path], parse: Parser = parse_file
) -> tuple[Archive | None, list[Problem]]:
    """Load and check every incident under `folders`; the Archive only when error-free.
    Files are read with `parse` (a preview server passes one that remembers them)."""
    problems: list[Problem] = []
    taxonomy: Taxonomy | None = None
    incidents: list[Incident] = []
    positions: Positions = {}
    seen: dict[str, list[str]] = defaultdict(list)
    for folder in folders:
        taxonomy_path = folder / TAXONOMY_FILE
        if not taxonomy_path.is_file():
            problems.append(
                Problem(
                    _label(folder),
                    0,
                    0,
                    "error",
                    f"no {TAXONOMY_FILE} in this folder",
                    "it defines severities and root causes; see the guide",
                )
            )
        elif taxonomy is None:
            taxonomy, _, found = parse(taxonomy_path, _label(taxonomy_path), Taxonomy)
            problems += found
        for path in incident_files(folder):
            label = _label(path)
            incident, raw, found = parse(path, label, Incident)
            problems += found
            if incident is None:
                continue
            incident.bind(_readable(path.stem), label)
            positions[label] = related_positions(incident, raw)
            seen[incident.id].append(label)
            incidents.append(incident)
            problems += check_incident(incident, raw, taxonomy)
    for incident_id, paths in seen.items():
        for later in paths[1:]:
            problems.append(
                Problem(
                    later,
                    1,
                    1,
                    "error",
                    f"duplicate incident id '{incident_id}': {paths[0]} has the same file name",
                )
            )
    problems += check_related(incidents, positions)
    problems.sort()
    if has_errors(problems) or taxonomy is None:
        return None, problems
    return Archive(taxonomy, incidents), problems
