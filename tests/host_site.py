"""The example host site (tests/host-site): an existing Material site that adds the archive
with the `postmortems` plugin, copied with the sample archive into a temporary folder."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT, mkdocs_build

HOST_SITE = ROOT / "tests" / "host-site"
# Any HTTP request during the build goes to a closed port and fails: the build is offline.
OFFLINE = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}


def host_project(target: Path) -> Path:
    shutil.copytree(HOST_SITE, target, dirs_exist_ok=True)
    shutil.copytree(ROOT / "incidents", target / "records", dirs_exist_ok=True)
    return target


def build_host(project: Path, python: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project`, offline; with `python`, run by that
    interpreter (another virtualenv) with nothing of this one's environment."""
    if python is None:
        return mkdocs_build(project, env=OFFLINE)
    return subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin", "POSTMORTEM_TODAY": "2026-11-01",
             "NO_MKDOCS_2_WARNING": "1", **OFFLINE},
    )  # fmt: skip


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file under `folder`."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
