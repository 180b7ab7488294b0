"""Real Chromium (Debian's, never a downloaded one) driven by Playwright against built sites
served from 127.0.0.1 by the tests themselves. Requests to any other host are blocked and
recorded, so a test can assert that a page works offline and calls no third party."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-output" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: install Debian's package "
            "(sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium; "
            "`make test` installs it when run as root."
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(sample_site: Path) -> Iterator[Served]:
    yield from serve(sample_site)


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

    context.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: served.page_errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        served.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


@pytest.fixture
def page(browser: Browser, site: Served) -> Iterator[Page]:
    site.blocked.clear()
    site.console_errors.clear()
    site.page_errors.clear()
    site.dialogs.clear()
    opened = open_page(browser, site)
    yield opened
    opened.context.close()


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
