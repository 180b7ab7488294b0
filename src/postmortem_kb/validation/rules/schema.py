"""Pydantic's schema errors in the words of a postmortem author, at their positions."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ...errors import Problem, describe, did_you_mean, quote
from ...files.yaml_read import position_of
from ...model import TIME_FIELDS
from .fields import where

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
        shown, hint, at = where(loc), "", position_of(data, loc)
        if kind == "missing":
            parent = f" in {where(loc[:-1])}" if len(loc) > 1 else ""
            message = f"missing required field '{loc[-1]}'{parent}"
            at = position_of(data, loc[:-1])
        elif kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            allowed = list(owner.model_fields) if owner else []
            parent = f" in {where(loc[:-1])}" if len(loc) > 1 else ""
            message = f"unknown field {quote(loc[-1])}{parent}"
            hint = did_you_mean(str(loc[-1]), allowed, FIELD_ALIASES)
            at = position_of(data, loc, key=True)
        elif kind == "literal_error":
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            message = f"{shown}: {quote(given)} is not one of: {', '.join(choices)}"
            hint = did_you_mean(str(given), choices)
        elif kind == "time_format":
            message, hint = f"{shown}: {ctx['message']}", ctx.get("hint", "")
        elif kind in (
            "string_type",
            "list_type",
            "model_type",
            "dict_type",
            "model_attributes_type",
        ):
            expected = {"string_type": "text", "list_type": "a list"}.get(kind, "a mapping")
            message = f"{shown}: expected {expected}, found {describe(given)}"
            if kind == "list_type" and given is not None:
                hint = _field_hint(model, loc, given)
            elif kind == "string_type" and isinstance(given, int | float):
                hint = _number_hint(loc, given)
            elif kind != "string_type" and given is not None:
                owner = _model_at(model, loc)
                hint = f"its fields: {', '.join(owner.model_fields)}" if owner else ""
        elif kind == "string_pattern_mismatch":
            message = f"{shown}: {quote(given)} is not a valid slug"
            hint = _slug_hint(given)
        elif kind == "string_too_short":
            message = f"{shown}: must not be empty"
        elif kind == "string_too_long":
            length = len(given) if isinstance(given, str) else "?"
            message = f"{shown}: {length} characters, over the {ctx.get('max_length')} allowed"
            hint = "keep it to one line; the summary holds the details"
        elif kind == "too_short":
            message = f"{shown}: needs at least {ctx.get('min_length')} item(s)"
        else:
            message = f"{shown}: {err['msg']}" if shown else err["msg"]
        problems.append(Problem.error(path, at[0], at[1], message, hint))
    return problems


_TIME_FIELDS = ("at", *TIME_FIELDS, "due")


def _number_hint(loc: tuple[str | int, ...], given: float) -> str:
    """How to write a number YAML read where text was meant. A time with a dot (`10.34`)
    or none (`1034`) is a time in quotes with a colon; quotes alone would keep it wrong."""
    written = str(given).lower()
    if loc and loc[-1] in _TIME_FIELDS:
        found = re.fullmatch(r"(\d{1,2})[.](\d{1,2})", written) or re.fullmatch(
            r"(\d{1,2})(\d{2})", written
        )
        if found and int(found[1]) < 24 and int(found[2]) * (1 if len(found[2]) == 2 else 10) < 60:
            minutes = int(found[2]) * (1 if len(found[2]) == 2 else 10)  # 10.3 is 10:30
            clock = f"{int(found[1]):02d}:{minutes:02d}"
            return f'a time is HH:MM with a colon, in quotes: "{clock}"'
        return 'a time is HH:MM with a colon, in quotes: "10:34"'
    return f"put it in quotes: '{written}'"
