"""Real Chromium (Debian's, never a downloaded one) driven by Playwright against built sites
served from 127.0.0.1 by the tests themselves. Requests to any other host are blocked and
recorded, so a test can assert that a page works offline and calls no third party."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.harness import Served, build_host, host_project, open_page, serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.build)  # each drives a site built by the tests


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


@pytest.fixture(scope="session")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example host site (tests/host-site) with the `postmortems` plugin, built once."""
    project = host_project(tmp_path_factory.mktemp("host-browser"))
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    yield from serve(project / "site")


@pytest.fixture
def page(browser: Browser, site: Served) -> Iterator[Page]:
    site.blocked.clear()
    site.console_errors.clear()
    site.page_errors.clear()
    site.dialogs.clear()
    opened = open_page(browser, site)
    yield opened
    opened.context.close()
