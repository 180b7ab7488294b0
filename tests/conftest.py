from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite expected outputs from the code"
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the `postmortem` command as a user would, in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "postmortem_kb", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_archive(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI a skipped test is a failure: nothing may silently not run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") == "true" and skipped and reporter is not None:
        reporter.write_line(f"CI=true: {len(skipped)} test(s) skipped; none may be.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


SITE_INPUTS = ("mkdocs.yml", "docs", "hooks", "incidents", "overrides")


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


def mkdocs_build(
    project: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` of `project` into project/site."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(project / "site"), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            **os.environ,
            "POSTMORTEM_TODAY": "2026-11-01",
            "NO_MKDOCS_2_WARNING": "1",
            **(env or {}),
        },
    )


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive built once for the whole session; returns the site folder."""
    if not (ROOT / "docs" / "js" / "vendor" / "mermaid.min.js").is_file():
        pytest.fail("docs/js/vendor/mermaid.min.js is missing: run `make setup` (or make test)")
    project = copy_project(tmp_path_factory.mktemp("sample"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"
