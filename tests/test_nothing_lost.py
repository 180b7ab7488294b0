"""The build never writes into incidents/ or docs/: `mkdocs build` writes only its site
folder, and `mkdocs serve` (which builds into a temporary folder) writes nothing at all."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import copy_project, mkdocs_build
from tests.test_links import site_path

pytestmark = pytest.mark.build
SERVE_TIMEOUT = 90.0


def checksums(project: Path) -> dict[str, str]:
    """Every file of the project except the built site, with its SHA-256."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(project.rglob("*"))
        if path.is_file() and path.relative_to(project).parts[0] != "site"
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_served(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + SERVE_TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped early"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    pytest.fail(f"mkdocs serve did not answer {url} within {SERVE_TIMEOUT:.0f} s")


@contextmanager
def mkdocs_serve(project: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`mkdocs serve` of `project` on a free port: (the site's base URL, the server). The
    server is stopped afterwards, and must not have printed a traceback."""
    port = free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen(
        [str(mkdocs), "serve", *extra, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "POSTMORTEM_TODAY": "2026-11-01"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}{site_path()}", server
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, errors = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, errors = server.communicate()
    assert "Traceback" not in errors, errors


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
