"""A broken file during `make serve` shows the validator's lines in the browser page the
author has open, instead of a page that never updates while the error sits in the terminal."""

from __future__ import annotations

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
