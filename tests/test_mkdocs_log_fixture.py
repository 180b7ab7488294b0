"""The suite's own guard: a test fails when MkDocs logs a warning it did not declare, or when
it declares one that never comes, and a test that builds a site must be marked `build`."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

INNER_TESTS = """
import logging

import pytest

from tests.harness import mkdocs_build


def warn():
    logging.getLogger("mkdocs.plugins.some_plugin").warning("a stray warning")


def test_unexpected_warning():
    warn()


@pytest.mark.mkdocs_log(r"^WARNING: a stray")
def test_declared_warning():
    warn()


@pytest.mark.mkdocs_log(r"^WARNING: never logged")
def test_declared_warning_that_never_comes():
    pass


def test_unmarked_build(tmp_path):
    mkdocs_build(tmp_path)
"""


# The inner tests run in this process: their warnings reach this test's guard too.
@pytest.mark.mkdocs_log(r"^WARNING: a stray warning$")
def test_undeclared_or_missing_log_lines_and_unmarked_builds_fail(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest("from tests.conftest import _no_unexpected_mkdocs_log  # noqa: F401")
    pytester.makeini(
        "[pytest]\nmarkers =\n    build: builds a site\n    mkdocs_log(*patterns): expected\n"
    )
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=3, failed=1, errors=2)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_unexpected_warning*",
        "MkDocs logged what the test did not declare:",
        "  WARNING: a stray warning",
        "*ERROR at teardown of test_declared_warning_that_never_comes*",
        "MkDocs did not log what the test declared: ['^WARNING: never logged']",
        "*test_unmarked_build*",
        "*Failed: this test builds a site: mark it with @pytest.mark.build",
    ])  # fmt: skip
