"""The address `make serve` answers a page at: MkDocs serves the site under the path of
mkdocs.yml's `site_url` (`https://example.github.io/postmortem-kb/` → `/postmortem-kb/`),
on `dev_addr` (127.0.0.1:8000 unless set), with the archive under its `prefix`."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .layout import INCIDENTS_DIR, normalise_prefix

CONFIG_FILE = "mkdocs.yml"
DEV_ADDR = "127.0.0.1:8000"


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags: read as nothing, never run."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_AnyTagLoader.add_multi_constructor("", _ignore)


def find_config(archive: Path) -> Path | None:
    """The mkdocs.yml beside the archive folder, or in the working folder."""
    for folder in (archive.parent, Path.cwd()):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    return None


def incident_preview_url(archive: Path, incident_id: str) -> str:
    """Where `make serve` shows the incident `incident_id` of the archive in `archive`."""
    config: dict[str, Any] = {}
    found = find_config(archive)
    if found is not None:
        try:
            loaded = yaml.load(found.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            loaded = None
        config = loaded if isinstance(loaded, dict) else {}
    path = urlsplit(str(config.get("site_url") or "/")).path.strip("/")
    extra = config.get("extra")
    settings = extra.get("postmortem") if isinstance(extra, dict) else None
    try:
        prefix = normalise_prefix(str((settings or {}).get("prefix") or ""))
    except (ValueError, AttributeError):
        prefix = ""
    address = str(config.get("dev_addr") or DEV_ADDR)
    base = f"/{path}/" if path else "/"
    return f"http://{address}{base}{prefix}{INCIDENTS_DIR}/{incident_id}/"
