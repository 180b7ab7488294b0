"""The Zensical recipe (examples/zensical), run as its comments say: `postmortem render`
into docs/postmortems, then `zensical build --strict`, in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_kb.cli import main

from .commands import OFFLINE
from .project import ROOT

RECIPE = ROOT / "examples" / "zensical"
ZENSICAL = Path(sys.executable).parent / "zensical"


def build_with_zensical(target: Path) -> Path:
    """Run the recipe in `target`; return the built site folder. Skips only where Zensical
    is not installed (under CI=true a skip fails the run: the test extra installs it)."""
    if not ZENSICAL.is_file():
        pytest.skip("Zensical is not installed (pip install zensical==0.0.73; the test extra)")
    shutil.copytree(RECIPE, target, dirs_exist_ok=True)
    rendered = CliRunner().invoke(main, [
        "render", "--incidents", str(ROOT / "incidents"),
        "--out", str(target / "docs" / "postmortems"),
        "--site-url", "https://kb.example.org/postmortems/",
    ])  # fmt: skip
    assert rendered.exit_code == 0, rendered.output
    built = subprocess.run(
        [str(ZENSICAL), "build", "--strict"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, **OFFLINE},
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return target / "site"
