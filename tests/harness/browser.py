"""Chromium (Debian's, driven by Playwright) against a built site served on 127.0.0.1, with
every request to another host blocked and recorded."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from .project import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, Route

SCREENSHOTS = ROOT / "test-output" / "screenshots"
MERMAID_ERRORS = ("Syntax error", "Parse error", "Lexical error", "error in text")


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
    """Wait until every Mermaid block has become an SVG (or says why not, diagrams.js's
    `data-error`); return how many. diagrams.js draws a block as it nears the viewport: the
    first one not drawn yet is scrolled to, and the page back to the top at the end."""
    count = page.locator("div.mermaid").count()
    if count:
        page.wait_for_function(
            "() => { const waiting = [...document.querySelectorAll('div.mermaid')].find("
            "d => !(d.querySelector('svg') || d.getAttribute('data-error')));"
            " if (waiting) waiting.scrollIntoView(); return !waiting; }",
            timeout=20_000,
        )
        page.evaluate("window.scrollTo(0, 0)")
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


def search(page: Page, site: Served, words: str) -> list[str]:
    page.goto(site.url())
    page.locator("input.md-search__input").click()
    page.keyboard.type(words, delay=20)  # Material listens to key events, not `fill`
    page.wait_for_selector(".md-search-result__item a", timeout=15_000)
    links = page.locator(".md-search-result__item > a")
    # The search worker answers each keystroke: read the list once it stops changing.
    found: list[str] = []
    for _ in range(50):
        latest = [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
        if latest == found:
            break
        found = latest
        page.wait_for_timeout(300)
    return found
