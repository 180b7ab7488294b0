"""The build log keeps mermaid2's useful lines and drops its line per page."""

from __future__ import annotations

import logging

import pytest
from mermaid2.util import info  # type: ignore[import-untyped]

from postmortem_kb.mkdocs_plugin.buildlog import MERMAID2_LOGGER, quiet_mermaid2_per_page_lines


@pytest.mark.mkdocs_log(r"^WARNING: MERMAID2  - Page 'x': found 1 diagrams, but")
def test_mermaid2_per_page_line_is_left_out(caplog: pytest.LogCaptureFixture) -> None:
    quiet_mermaid2_per_page_lines()
    quiet_mermaid2_per_page_lines()  # a second build in the same process adds nothing
    assert len(logging.getLogger(MERMAID2_LOGGER).filters) == 1
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        info("Page 'None': found 2 diagrams, adding scripts")
        info("Using specified javascript library: js/vendor/mermaid.min.js")
        logging.getLogger(MERMAID2_LOGGER).warning("MERMAID2  - Page 'x': found 1 diagrams, but")
    assert [r.getMessage() for r in caplog.records] == [
        "MERMAID2  - Using specified javascript library: js/vendor/mermaid.min.js",
        "MERMAID2  - Page 'x': found 1 diagrams, but",
    ]
