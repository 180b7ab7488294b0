"""What the tests share: copies of the project in temporary folders, the `postmortem` command
and MkDocs run on them (in this interpreter, or as a user would in a fresh one), and small
readers of what they produce. Test modules import from here, never from each other."""

from __future__ import annotations

import contextlib
import copy
import functools
import http.server
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest.mock import patch
from urllib.parse import urlparse, urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner

from postmortem_kb.cli import main

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, Route

ROOT = Path(__file__).resolve().parent.parent
VALIDATION_BASE = ROOT / "tests" / "validation" / "base"
SITE_INPUTS = ("mkdocs.yml", "docs", "hooks", "incidents", "overrides")
# The day test builds take as today (POSTMORTEM_TODAY), so that "overdue" does not drift.
BUILD_ENV = {"POSTMORTEM_TODAY": "2026-11-01", "NO_MKDOCS_2_WARNING": "1"}
SERVE_TIMEOUT = 90.0
SCREENSHOTS = ROOT / "test-output" / "screenshots"
MERMAID_ERRORS = ("Syntax error", "Parse error", "Lexical error", "error in text")
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


# --- the `postmortem` command -------------------------------------------------------------


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


# --- MkDocs ---------------------------------------------------------------------------------


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


def mkdocs_build(project: Path, *, env: dict[str, str] | None = None) -> Build:
    """A real `mkdocs build --strict` of `project` into project/site, in this interpreter
    (what the `mkdocs build` command does, without starting one)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not BUILDS_ALLOWED:
        pytest.fail("this test builds a site: mark it with @pytest.mark.build")
    code, failure = 0, ""
    with patch.dict(os.environ, {**BUILD_ENV, **(env or {})}), mkdocs_log(logging.INFO) as records:
        try:
            config = load_config(
                str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site")
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


def site_path() -> str:
    """The path of `site_url` (`/postmortem-kb/`): 404.html links from there, absolutely."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.search(r"^site_url:\s*(\S+)", config, re.MULTILINE)
    return urlsplit(found[1]).path.rstrip("/") + "/" if found else "/"


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


# --- the sample archive as plain data, read independently of the core ----------------------


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


# --- Chromium (the browser tests) -----------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Served:
    """A site folder served on 127.0.0.1 and what the browser did while visiting it."""

    root: Path
    base: str
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def url(self, path: str = "") -> str:
        return self.base + path


def serve(site: Path) -> Iterator[Served]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(site, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


def open_page(browser: Browser, served: Served) -> Page:
    """A fresh page that records console errors, script errors, dialogs and off-host requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    host = urlparse(served.base).netloc

    def route(route: Route, request: Request) -> None:
        if urlparse(request.url).netloc == host:
            route.continue_()
        else:
            served.blocked.append(request.url)
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            served.console_errors.append(message.text)

    def on_dialog(dialog: Dialog) -> None:
        served.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: served.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    return page


def wait_for_diagrams(page: Page) -> int:
    """Wait until every Mermaid block has become an SVG (or failed); return how many."""
    count = page.locator("div.mermaid").count()
    if count:
        page.wait_for_function(
            "() => [...document.querySelectorAll('div.mermaid')].every("
            "d => d.querySelector('svg') || d.getAttribute('data-processed'))",
            timeout=20_000,
        )
    return count


def diagrams_rendered(page: Page) -> None:
    count = wait_for_diagrams(page)
    assert page.locator("div.mermaid svg").count() == count


def assert_clean(page: Page, served: Served) -> None:
    text = page.inner_text("body")
    for error in MERMAID_ERRORS:
        assert error not in text, error
    assert served.console_errors == []
    assert served.page_errors == []
    assert served.blocked == [], "requests to third-party hosts"
