"""What the build prints: the lines worth reading, not one line per page."""

from __future__ import annotations

import logging
import re

# mermaid2 logs at INFO, for every page with a diagram, "Page 'None': found 2 diagrams, adding
# scripts": one line per incident, thousands in a large archive, hiding the lines that matter.
# A logger's filters see only its own records, so the filter goes on the logger mermaid2 uses.
MERMAID2_LOGGER = "mkdocs.plugins.mermaid2.util"
_PER_PAGE = re.compile(r"Page '.*': found \d+ diagrams")


class _DropPerPageDiagramLines(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or not _PER_PAGE.search(record.getMessage())


def quiet_mermaid2_per_page_lines() -> None:
    """Leave out mermaid2's per-page INFO line (once, however often a build starts); its
    warnings and its other lines still show."""
    logger = logging.getLogger(MERMAID2_LOGGER)
    if not any(isinstance(f, _DropPerPageDiagramLines) for f in logger.filters):
        logger.addFilter(_DropPerPageDiagramLines())
