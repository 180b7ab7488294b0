"""What the `postmortem` command knows of the site around the archive, from its mkdocs.yml:
where the archive folder is, and where `mkdocs serve` answers a page. This repository's
site sets the archive in `extra.postmortem` (hook); a host site in the `postmortems`
plugin's options, whose `prefix` defaults to `postmortems/`. MkDocs serves the site under
the path of `site_url` (`https://example.github.io/postmortem-kb/` → `/postmortem-kb/`), on
`dev_addr` (127.0.0.1:8000 unless set)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..render.urls import INCIDENTS_DIR, SCHEMA_FILE, normalise_prefix

CONFIG_FILE = "mkdocs.yml"
DEV_ADDR = "127.0.0.1:8000"
PLUGIN = "postmortems"
PLUGIN_PREFIX = "postmortems/"


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags: read as nothing, never run."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_AnyTagLoader.add_multi_constructor("", _ignore)


def find_config(archive: Path | None = None) -> Path | None:
    """The mkdocs.yml beside the archive folder, or in the working folder."""
    folders = [archive.parent] if archive is not None else []
    for folder in [*folders, Path.cwd()]:
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    return None


@dataclass(frozen=True)
class SiteConfig:
    """The archive's settings as mkdocs.yml gives them (defaults where there is none)."""

    folder: Path
    """Where mkdocs.yml is (the archive folder is relative to it)."""
    incidents: str = "incidents"
    prefix: str = ""
    site_url: str = ""
    dev_addr: str = DEV_ADDR
    plugin: bool = False
    """The site runs the `postmortems` plugin (else this repository's hook, or nothing)."""
    found: bool = True
    """False where there is no mkdocs.yml: this repository's layout is assumed."""

    @property
    def archive(self) -> Path:
        return self.folder / self.incidents

    def preview(self, incident_id: str) -> tuple[str, str]:
        """The command that serves the site here, and the incident's address there."""
        path = urlsplit(self.site_url or "/").path.strip("/")
        base = f"/{path}/" if path else "/"
        url = f"http://{self.dev_addr}{base}{self.prefix}{INCIDENTS_DIR}/{incident_id}/"
        makefile = (self.folder / "Makefile").is_file() and not self.plugin
        return ("make serve" if makefile or not self.found else "mkdocs serve"), url

    def schema_link(self, archive: Path) -> str | None:
        """Where an incident file in `archive` finds the JSON Schema: the repository's
        schema/ folder where there is one, else the copy the build publishes at the site's
        address, else nowhere (no link that dangles)."""
        in_repository = self.folder / SCHEMA_FILE
        if in_repository.is_file():
            return posixpath.relpath(
                in_repository.resolve().as_posix(), archive.resolve().as_posix()
            )
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + self.prefix + SCHEMA_FILE
        return None if self.found else "../" + SCHEMA_FILE


def read_site_config(config: Path | None) -> SiteConfig:
    """The archive's settings from `config` (an mkdocs.yml, or None: the defaults here)."""
    if config is None:
        return SiteConfig(Path.cwd(), found=False)
    try:
        loaded = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        loaded = None
    data: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
    options, plugin = _plugin_options(data.get("plugins"))
    if not plugin:
        extra = data.get("extra")
        found = extra.get("postmortem") if isinstance(extra, dict) else None
        options = found if isinstance(found, dict) else {}
    try:
        default = PLUGIN_PREFIX if plugin else ""
        prefix = normalise_prefix(str(options.get("prefix", default) or ""))
    except ValueError:
        prefix = ""
    return SiteConfig(
        folder=config.parent,
        incidents=str(options.get("incidents") or "incidents"),
        prefix=prefix,
        site_url=str(data.get("site_url") or ""),
        dev_addr=str(data.get("dev_addr") or DEV_ADDR),
        plugin=plugin,
    )


def _plugin_options(plugins: Any) -> tuple[dict[str, Any], bool]:
    entries = plugins if isinstance(plugins, list) else [plugins] if plugins else []
    for entry in entries:
        if entry == PLUGIN:
            return {}, True
        if isinstance(entry, dict) and PLUGIN in entry:
            options = entry[PLUGIN]
            return (options if isinstance(options, dict) else {}), True
    return {}, False


def incident_preview_url(archive: Path, incident_id: str) -> str:
    """Where `mkdocs serve` shows the incident `incident_id` of the archive in `archive`."""
    return read_site_config(find_config(archive)).preview(incident_id)[1]
