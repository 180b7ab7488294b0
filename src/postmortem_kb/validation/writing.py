"""Checks for the commands that write incident files (`new`, `import`, `draft`): the
archive's taxonomy or a clear error, vocabulary with a "did you mean", and the whole text
checked before it is written."""

from __future__ import annotations

from pathlib import Path

from ..errors import did_you_mean, format_problems, has_errors
from ..files.atomic import AuthoringError
from ..files.yaml_read import load_yaml
from ..model import ID_PATTERN, Incident
from ..taxonomy import TAXONOMY_FILE, Taxonomy
from .check import check_incident, parse_file, parse_loaded

_NOUNS = {"severity": "severity", "root_causes": "root cause", "services": "service"}


def read_taxonomy(folder: Path) -> Taxonomy:
    """The archive's vocabulary, or an AuthoringError saying what is wrong with it."""
    path = folder / TAXONOMY_FILE
    if not path.is_file():
        raise AuthoringError(f"no {TAXONOMY_FILE} in {folder}: is it the incidents folder?")
    taxonomy, _, problems = parse_file(path, str(path), Taxonomy)
    if taxonomy is not None:
        return taxonomy  # type: ignore[no-any-return]
    detail = format_problems(problems)
    raise AuthoringError(f"{TAXONOMY_FILE} has errors; fix them first:\n{detail}")


def vocabulary_errors(taxonomy: Taxonomy, field: str, values: list[str]) -> list[str]:
    """One message per value the taxonomy does not know (or that is not a slug)."""
    allowed = taxonomy.vocabulary(field)
    messages = []
    for value in values:
        if allowed is not None and value not in allowed:
            hint = did_you_mean(value, allowed) or f"known: {', '.join(allowed)}"
            messages.append(f"unknown {_NOUNS[field]} '{value}' ({hint})")
        elif allowed is None and not ID_PATTERN.match(value):
            messages.append(f"'{value}' is not a valid slug (lowercase letters, digits, hyphens)")
    return messages


def check_incident_text(text: str, path: Path, taxonomy: Taxonomy) -> None:
    """Raise AuthoringError unless `text` would pass `postmortem validate` at `path`."""
    incident, data, problems = parse_loaded(load_yaml(str(path), text.encode()), Incident)
    if incident is not None:
        problems += check_incident(incident.bind(path.stem, str(path)), data, taxonomy)
    if has_errors(problems):
        raise AuthoringError(f"the generated file would not validate:\n{format_problems(problems)}")
