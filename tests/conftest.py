from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import ROOT, Build, commands, copy_project, mkdocs_build, mkdocs_log


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite expected outputs from the code"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads the session's sample site depends on a build: mark it so."""
    for item in items:
        if {"sample_site", "sample_build"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(autouse=True)
def _no_unexpected_mkdocs_log(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Fails the test when MkDocs (or a plugin, or our hook) logs a warning or an error that
    the test did not declare with `@pytest.mark.mkdocs_log(...)`; also fails a test that
    builds a site without the `build` marker."""
    if request.node.get_closest_marker("build") is None:
        monkeypatch.setattr(commands, "BUILDS_ALLOWED", False)
    marker = request.node.get_closest_marker("mkdocs_log")
    patterns = [re.compile(p) for p in (marker.args if marker else ())]
    with mkdocs_log() as records:
        yield
    lines = [f"{r.levelname}: {r.getMessage()}" for r in records]
    unexpected = [line for line in lines if not any(p.search(line) for p in patterns)]
    missing = [p.pattern for p in patterns if not any(p.search(line) for line in lines)]
    if unexpected or missing:
        pytest.fail(
            "MkDocs logged what the test did not declare:\n  " + "\n  ".join(unexpected)
            if unexpected
            else f"MkDocs did not log what the test declared: {missing}",
            pytrace=False,
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI a skipped test is a failure: nothing may silently not run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") == "true" and skipped and reporter is not None:
        reporter.write_line(f"CI=true: {len(skipped)} test(s) skipped; none may be.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample archive built once for the whole session (the site is in `sample_site`)."""
    if not (ROOT / "docs" / "js" / "vendor" / "mermaid" / "mermaid.esm.min.mjs").is_file():
        pytest.fail("docs/js/vendor/mermaid is missing: it is committed (make vendor-mermaid)")
    project = copy_project(tmp_path_factory.mktemp("sample"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not result.warnings, result.stderr
    return result


@pytest.fixture(scope="session")
def sample_site(sample_build: Build) -> Path:
    """The site folder of the sample archive's build."""
    return sample_build.site
