"""The project and its archives as test material: copies in temporary folders, the example
host site, and the sample archive read as plain data (independently of the core)."""

from __future__ import annotations

import copy
import functools
import hashlib
import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import yaml

from postmortem_kb.validation.check import check_archive

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
"""The tests folder: the example and golden data sit under it."""
VALIDATION_BASE = ROOT / "tests" / "validation" / "base"
HOST_SITE = ROOT / "tests" / "host-site"
SITE_INPUTS = ("mkdocs.yml", "docs", "hooks", "incidents", "overrides")
TIMED_FIELDS = ("detected", "mitigated", "resolved")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there


def copy_archive(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target


def copy_project(target: Path, incidents: Path | None = None) -> Path:
    """The files a build reads, copied so a test may change them freely."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_INPUTS:
        source = ROOT / name
        if name == "incidents" and incidents is not None:
            source = incidents
        if source.is_dir():
            shutil.copytree(source, target / name, dirs_exist_ok=True)
        else:
            shutil.copy(source, target / name)
    return target


def incident_ids() -> list[str]:
    """The sample archive's incident ids, newest first (as the core reads them)."""
    archive, problems = check_archive([ROOT / "incidents"])
    assert archive is not None, problems
    return [i.id for i in archive.incidents]


def host_project(target: Path) -> Path:
    """The example host site (tests/host-site): an existing Material site that adds the
    archive with the `postmortems` plugin, with the sample archive as its records/."""
    shutil.copytree(HOST_SITE, target, dirs_exist_ok=True)
    shutil.copytree(ROOT / "incidents", target / "records", dirs_exist_ok=True)
    return target


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file under `folder`."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def site_path() -> str:
    """The path of `site_url` (`/postmortem-kb/`): 404.html links from there, absolutely."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.search(r"^site_url:\s*(\S+)", config, re.MULTILINE)
    return urlsplit(found[1]).path.rstrip("/") + "/" if found else "/"


def _moment(value: Any, zone: str) -> datetime | None:
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(zone))


def load_incidents(folder: Path = ROOT / "incidents") -> list[dict[str, Any]]:
    """Every incident of the sample archive (an internal build: all of them), newest first."""
    return copy.deepcopy(_read_incidents(folder))


@functools.cache
def _read_incidents(folder: Path) -> list[dict[str, Any]]:
    found = []
    for path in folder.glob("*.yaml"):
        if path.name == "taxonomy.yaml":
            continue
        data = yaml.load(path.read_text(), Loader=_YAML_LOADER)
        data["id"] = path.stem
        zone = data.get("timezone", "UTC")
        for name in ("started", *TIMED_FIELDS):
            data[name] = _moment(data.get(name), zone)
        found.append(data)
    return sorted(found, key=lambda d: (d["started"], d["id"]), reverse=True)
