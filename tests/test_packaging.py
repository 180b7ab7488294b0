"""`pip install .` (not editable) into a fresh virtualenv ships everything the plugin needs,
and the four plugin lines then build the example host site. The new virtualenv borrows the
installed dependencies of this one (a .pth line), so that only this package is installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.harness import ROOT, build_host, host_project

pytestmark = pytest.mark.build
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src", "docs")


def checkout(target: Path) -> Path:
    """The files of a fresh clone that a package build reads (links kept as links)."""
    target.mkdir(parents=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(source, target / name, symlinks=True, ignore=ignore)
        elif source.is_file():
            shutil.copy(source, target / name)
    return target


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("install")
    source = checkout(base / "source")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--disable-pip-version-check", str(source)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    # The dependencies, from this virtualenv: added after the new one's own packages.
    (Path(site) / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_the_wheel_ships_the_assets_and_the_pinned_mermaid(fresh_venv: Path) -> None:
    where = subprocess.run(
        [str(fresh_venv), "-c", "import postmortem_kb; print(postmortem_kb.__file__)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    package = Path(where).parent
    assert package.is_relative_to(fresh_venv.parent.parent), "not the installed copy"
    assets = package / "assets"
    pinned = ROOT / "docs" / "js" / "vendor" / "mermaid.min.js"
    assert (assets / "js" / "vendor" / "mermaid.min.js").read_bytes() == pinned.read_bytes()
    for name in ("css/postmortems.css", "js/archive-filter.js", "js/diagrams.js"):
        assert (assets / name).is_file() and not (assets / name).is_symlink(), name
    assert (package / "py.typed").is_file()
    templates = sorted(p.name for p in (package / "templates").glob("*.j2"))
    assert templates and "incident.md.j2" in templates and "card.md.j2" in templates


def test_the_installed_plugin_builds_the_host_site(fresh_venv: Path, tmp_path: Path) -> None:
    project = host_project(tmp_path)
    result = build_host(project, python=fresh_venv)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = project / "site"
    assert (site / "postmortems" / "incidents" / "index.html").is_file()
    assert (site / "postmortems" / "assets" / "js" / "vendor" / "mermaid.min.js").is_file()
    assert not [p for p in site.rglob("*") if p.suffix in (".yaml", ".yml")]
