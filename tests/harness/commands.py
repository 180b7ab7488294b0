"""The programs the tests run: the `postmortem` command and MkDocs, in the test's own
interpreter (click's test runner; MkDocs' own build function), or as a user runs them, in
a fresh one (a few end-to-end cases, `mkdocs serve`, another virtualenv)."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import patch

import pytest
from click.testing import CliRunner

from postmortem_kb.cli import main

from .project import ROOT, VALIDATION_BASE, copy_archive, site_path

# The day test builds take as today (POSTMORTEM_TODAY), so that "overdue" does not drift.
BUILD_ENV = {"POSTMORTEM_TODAY": "2026-11-01", "NO_MKDOCS_2_WARNING": "1"}
# Any HTTP request during a build goes to a closed port and fails: the build is offline.
OFFLINE = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
SERVE_TIMEOUT = 90.0


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`postmortem ARGS` in `cwd`, run in this interpreter by click's test runner. An exception
    the command did not turn into a message fails the test with its traceback."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(
        ["postmortem", *args], result.exit_code, result.stdout, result.stderr
    )


def run_cli_in_subprocess(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`postmortem ARGS` as a user runs it, in a fresh interpreter (the end-to-end cases)."""
    return subprocess.run(
        [sys.executable, "-m", "postmortem_kb", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def validate_with_base(tmp_path: Path, *extra: Path) -> subprocess.CompletedProcess[str]:
    """`postmortem validate incidents` on the small archive of tests/validation/base with the
    `extra` files added to it."""
    copy_archive(VALIDATION_BASE, tmp_path / "incidents")
    for path in extra:
        shutil.copy(path, tmp_path / "incidents" / path.name)
    result = run_cli("validate", "incidents", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@dataclass
class Build:
    """What `mkdocs build --strict` did: its exit code, its log from INFO up ("LEVEL - message"
    lines, in `stderr` too) and the warnings among them."""

    returncode: int
    stderr: str
    site: Path
    log: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Records(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def mkdocs_log(level: int = logging.WARNING) -> Iterator[list[logging.LogRecord]]:
    """The records from `level` up that MkDocs, its plugins and our hook log meanwhile."""
    handler = _Records(level)
    logger = logging.getLogger("mkdocs")
    saved = logger.level
    logger.addHandler(handler)
    if level < logger.getEffectiveLevel():
        logger.setLevel(level)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved)


BUILDS_ALLOWED = True  # conftest turns this off during a test not marked `build`


def mkdocs_build(project: Path, *, env: dict[str, str] | None = None, strict: bool = True) -> Build:
    """A real `mkdocs build --strict` of `project` into project/site, in this interpreter
    (what the `mkdocs build` command does, without starting one); `strict=False` for a
    site whose warnings a test reads rather than forbids."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not BUILDS_ALLOWED:
        pytest.fail("this test builds a site: mark it with @pytest.mark.build")
    code, failure = 0, ""
    with patch.dict(os.environ, {**BUILD_ENV, **(env or {})}), mkdocs_log(logging.INFO) as records:
        try:
            config = load_config(
                str(project / "mkdocs.yml"), strict=strict, site_dir=str(project / "site")
            )
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as error:
            code, failure = 1, f"Aborted: {error}"
    log = [f"{r.levelname} - {r.getMessage()}" for r in records]
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    return Build(code, "\n".join([*log, failure]).strip(), project / "site", log, warnings)


def build_host(project: Path, python: Path | None = None) -> Build:
    """`mkdocs build --strict` of a host site, offline; with `python`, run by that interpreter
    (another virtualenv) with nothing of this one's environment."""
    if python is None:
        return mkdocs_build(project, env=OFFLINE)
    if not BUILDS_ALLOWED:
        pytest.fail("this test builds a site: mark it with @pytest.mark.build")
    result = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin", **BUILD_ENV, **OFFLINE},
    )
    return Build(result.returncode, result.stderr, project / "site")


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


@contextlib.contextmanager
def mkdocs_serve(project: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`mkdocs serve` of `project` on a free port, as its own process (it serves until
    stopped): (the site's base URL, the server). The server is stopped afterwards, and must
    not have printed a traceback."""
    if not BUILDS_ALLOWED:
        pytest.fail("this test builds a site: mark it with @pytest.mark.build")
    port = free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen(
        [str(mkdocs), "serve", *extra, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, **BUILD_ENV},
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
