"""`pip install <clean clone>` (not editable, no npm, no make) into a fresh virtualenv ships
everything the plugin needs, the pinned Mermaid included, and the four plugin lines then
build the example host site with its diagrams. The clone is the repository's tracked files
only. The new virtualenv borrows the installed dependencies of this one (a .pth line), so
that only this package is installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.harness import ROOT, build_host, host_project

pytestmark = pytest.mark.build


def checkout(target: Path) -> Path:
    """The files of a fresh clone: what git tracks, links kept as links (no node_modules,
    nothing `make` made)."""
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        source, copy = ROOT / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, copy, follow_symlinks=False)
    assert not (target / "node_modules").exists()
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
    pinned = ROOT / "docs" / "js" / "vendor" / "mermaid"
    shipped = assets / "js" / "vendor" / "mermaid"
    for name in ("mermaid.esm.min.mjs", "LICENSE"):
        assert (shipped / name).read_bytes() == (pinned / name).read_bytes()
    chunks = sorted(p.name for p in (pinned / "chunks" / "mermaid.esm.min").glob("*.mjs"))
    assert chunks == sorted(p.name for p in (shipped / "chunks" / "mermaid.esm.min").iterdir())
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
    library = site / "postmortems" / "assets" / "js" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
    assert library.is_file()
    page = site / "postmortems" / "incidents" / "2024-08-12-payment-gateway-memory-leak"
    assert (page / "index.html").read_text().count('class="pm-diagram-source"') >= 2
    assert not [p for p in site.rglob("*") if p.suffix in (".yaml", ".yml")]
