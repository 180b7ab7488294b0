"""`postmortem import`: old reviews in the formats teams have → incident files.

One module per source format (`frontmatter`, `markdown`, `html`, `text`), all producing a
`Draft` (`common`); `incident_yaml` writes the file, facts only (`review_header` its
comments, which no source text can break); `vocabulary` maps words
onto the taxonomy; `bulk` imports whole folders; `terms` proposes new taxonomy terms.
"""

from __future__ import annotations

from .bulk import Options, Outcome, Report, Skipped, find_sources, run_import, source_files
from .common import Draft, ImportRefused
from .formats.reading import read_postmortem
from .incident_yaml import Built, build_incident_yaml

__all__ = [
    "Built",
    "Draft",
    "ImportRefused",
    "Options",
    "Outcome",
    "Report",
    "Skipped",
    "build_incident_yaml",
    "find_sources",
    "read_postmortem",
    "run_import",
    "source_files",
]
