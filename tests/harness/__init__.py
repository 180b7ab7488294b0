"""What the tests share, imported from here (test modules never import from each other):
copies of the project (`project`), the programs run on them (`commands`) and the browser
helpers (`browser`)."""

from __future__ import annotations

from .browser import (
    MERMAID_ERRORS,
    SCREENSHOTS,
    Served,
    assert_clean,
    diagrams_rendered,
    open_page,
    search,
    serve,
    wait_for_diagrams,
)
from .commands import (
    BUILD_ENV,
    OFFLINE,
    Build,
    build_host,
    mkdocs_build,
    mkdocs_log,
    mkdocs_serve,
    run_cli,
    run_cli_in_subprocess,
    validate_with_base,
    wait_until_served,
)
from .project import (
    HOST_SITE,
    ROOT,
    TESTS,
    TIMED_FIELDS,
    VALIDATION_BASE,
    copy_archive,
    copy_project,
    host_project,
    incident_ids,
    load_incidents,
    site_path,
    tree_digest,
)
from .zensical import build_with_zensical

__all__ = [
    "BUILD_ENV",
    "HOST_SITE",
    "MERMAID_ERRORS",
    "OFFLINE",
    "ROOT",
    "SCREENSHOTS",
    "TESTS",
    "TIMED_FIELDS",
    "VALIDATION_BASE",
    "Build",
    "Served",
    "assert_clean",
    "build_host",
    "build_with_zensical",
    "copy_archive",
    "copy_project",
    "diagrams_rendered",
    "host_project",
    "incident_ids",
    "load_incidents",
    "mkdocs_build",
    "mkdocs_log",
    "mkdocs_serve",
    "open_page",
    "run_cli",
    "run_cli_in_subprocess",
    "search",
    "serve",
    "site_path",
    "tree_digest",
    "validate_with_base",
    "wait_for_diagrams",
    "wait_until_served",
]
