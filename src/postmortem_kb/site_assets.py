"""The archive's CSS, scripts and the pinned Mermaid, shipped in the package (assets/):
what a front end that brings its own look adds to a site (the `postmortems` plugin,
`postmortem render`). This repository's site names the same files in mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ASSETS = Path(__file__).resolve().parent / "assets"
"""assets/css and assets/js link to docs/css and docs/js in a checkout; files in a wheel."""
MERMAID = "js/vendor/mermaid.min.js"
"""The pinned Mermaid (npm, package-lock.json), copied by `make setup`; git-ignored."""
DIAGRAMS = "js/diagrams.js"
"""Draws the diagrams with the pinned Mermaid in the page's palette (this site's own script)."""
SCRIPTS = ("js/archive-filter.js",)
DRAWING = (MERMAID, DIAGRAMS)
"""In this order: diagrams.js keeps the Mermaid loaded just before it."""


def stylesheets() -> list[str]:
    found = PACKAGE_ASSETS.glob("css/*.css")
    return sorted(path.relative_to(PACKAGE_ASSETS).as_posix() for path in found)


def asset_names() -> list[str]:
    """The assets a site needs, as paths under assets/."""
    return [*stylesheets(), *SCRIPTS, *DRAWING]


def missing_assets(names: list[str]) -> list[str]:
    return [name for name in names if not (PACKAGE_ASSETS / name).is_file()]


MISSING_HINT = (
    "the pinned Mermaid comes from npm: run `make setup` in a checkout, then build or "
    "install the package from it"
)
