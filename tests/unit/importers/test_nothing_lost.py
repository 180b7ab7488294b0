"""The build never writes into incidents/ or docs/: `mkdocs build` writes only its site
folder, and `mkdocs serve` (which builds into a temporary folder) writes nothing at all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.harness import copy_project, mkdocs_build, mkdocs_serve, wait_until_served

pytestmark = pytest.mark.build


def checksums(project: Path) -> dict[str, str]:
    """Every file of the project except the built site, with its SHA-256."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(project.rglob("*"))
        if path.is_file() and path.relative_to(project).parts[0] != "site"
    }


def test_build_and_serve_leave_incidents_and_docs_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = checksums(project)
    assert any(name.startswith("incidents/") for name in before)
    assert any(name.startswith("docs/") for name in before)

    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert checksums(project) == before
    top_level = {name.split("/")[0] for name in before}
    assert {p.name for p in project.iterdir()} == {*top_level, "site"}
    site_files = {p.relative_to(project / "site") for p in (project / "site").rglob("*")}

    with mkdocs_serve(project) as (base, server):
        # mkdocs serve serves under the path of site_url, as the published site.
        wait_until_served(f"{base}incidents/", server)
    assert checksums(project) == before
    assert {p.relative_to(project / "site") for p in (project / "site").rglob("*")} == site_files
