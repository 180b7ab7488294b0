"""New taxonomy terms the imported files need: a file to review, or added on request."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..files.atomic import AuthoringError
from ..files.yaml_write import dump_yaml
from ..taxonomy import TAXONOMY_FILE
from ..validation.writing import read_taxonomy
from .vocabulary import Proposals


def _entries(proposed: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"slug": slug, "title": title[:1].upper() + title[1:]} for slug, title in proposed.items()
    ]


def proposal_text(proposals: Proposals, out: Path) -> str:
    """A taxonomy fragment: the same lists as taxonomy.yaml, holding only the new terms."""
    data: dict[str, list[dict[str, str]]] = {}
    if proposals.root_causes:
        data["root_causes"] = _entries(proposals.root_causes)
    if proposals.services:
        data["services"] = _entries(proposals.services)
    header = (
        f"# Terms the imported files use and {out / TAXONOMY_FILE} lacks. Review each title,\n"
        "# add a description that tells it apart from its neighbours (or an alias of an\n"
        "# existing term), then append each list to the same list in the taxonomy, or run\n"
        "# the import again with --add-terms.\n"
    )
    return header + dump_yaml(data)


def add_terms_to_taxonomy(out: Path, proposals: Proposals) -> None:
    """Append the proposed terms to their lists in taxonomy.yaml, keeping its comments."""
    path = out / TAXONOMY_FILE
    text = path.read_text(encoding="utf-8")
    for key, proposed in (("root_causes", proposals.root_causes), ("services", proposals.services)):
        if proposed:
            text = _append(text, key, proposed)
    original = path.read_text(encoding="utf-8")
    _replace(path, text)
    try:
        read_taxonomy(out)
    except AuthoringError:
        _replace(path, original)
        raise


def _append(text: str, key: str, proposed: dict[str, str]) -> str:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{key}:\s*(#.*)?$", line)), None)
    if start is None:
        raise AuthoringError(f"{TAXONOMY_FILE} has no block list '{key}:' to add terms to")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[^\s#]", lines[i])), None)
    end = len(lines) if end is None else end
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    item = next((line for line in lines[start + 1 : end] if line.lstrip().startswith("- ")), "  - ")
    indent = item[: len(item) - len(item.lstrip())]
    added = []
    for entry in _entries(proposed):
        added.append(f"{indent}- slug: {entry['slug']}")
        added.append(f"{indent}  {dump_yaml({'title': entry['title']}).strip()}")
        added.append(f"{indent}  description: ''  # added by postmortem import: describe it")
    return "\n".join([*lines[:end], *added, *lines[end:]]) + "\n"


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
