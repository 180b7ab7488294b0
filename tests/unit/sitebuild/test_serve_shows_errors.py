"""A broken file during `make serve` shows the validator's lines in the browser page the
author has open, instead of a page that never updates while the error sits in the terminal."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest

from tests.harness import copy_project, mkdocs_serve, wait_until_served

SAMPLE = "2024-08-12-payment-gateway-memory-leak"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


@pytest.mark.build
def test_serve_shows_the_problems_on_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = project / "incidents" / f"{SAMPLE}.yaml"
    source.write_text(source.read_text().replace("severity: SEV1", "severity: SEV9"))
    with mkdocs_serve(project) as (base, server):
        page = f"{base}incidents/{SAMPLE}/"
        wait_until_served(page, server)
        shown = _get(page)
        home = _get(base)
    assert f"incidents/{SAMPLE}.yaml:3:11: error: severity: unknown severity" in shown
    assert "The incident archive has errors" in home


def _wait_for(url: str, words: str, server: object, seconds: float = 180) -> str:
    deadline = time.monotonic() + seconds
    shown = ""
    while time.monotonic() < deadline:
        try:
            shown = _get(url)
        except OSError:
            shown = ""
        if words in shown:
            return shown
        time.sleep(1)
    pytest.fail(f"{url} never showed {words!r}")


@pytest.mark.build
def test_an_error_after_a_good_build_is_a_banner_over_the_last_good_pages(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    source = project / "incidents" / f"{SAMPLE}.yaml"
    with mkdocs_serve(project) as (base, server):
        page = f"{base}incidents/{SAMPLE}/"
        wait_until_served(page, server)
        assert "The incident archive has errors" not in _get(page)
        source.write_text(source.read_text().replace("severity: SEV1", "severity: SEV9"))
        shown = _wait_for(page, "The incident archive has errors", server)
        other = _get(f"{base}root-causes/memory-leak/")
    assert f"incidents/{SAMPLE}.yaml:3:11: error: severity: unknown severity" in shown
    assert "Payment processing outage from a memory leak" in shown  # the last good page
    assert 'class="pm-card' in shown
    assert "The incident archive has errors" in other and "Memory leak" in other
