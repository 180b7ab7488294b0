"""The archive's CSS, scripts and the pinned Mermaid, shipped in the package (assets/):
what a front end that brings its own look adds to a site (the `postmortems` plugin,
`postmortem render`). This repository's site names the same files in mkdocs.yml.

Also the one place that decides the HTML of a diagram block, which the scripts read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

PACKAGE_ASSETS = Path(__file__).resolve().parent.parent / "assets"
"""assets/css and assets/js link to docs/css and docs/js in a checkout; files in a wheel."""
MERMAID_DIR = "js/vendor/mermaid"
"""The pinned Mermaid: npm's `mermaid` package's ESM build (`dist/mermaid.esm.min.mjs` and
the chunks it imports on demand) and its MIT licence, committed (`make vendor-mermaid`
refreshes it from package-lock.json), so that a clone or a wheel needs no npm."""
MERMAID = f"{MERMAID_DIR}/mermaid.esm.min.mjs"
DIAGRAMS = "js/diagrams.js"
"""Draws the archive's diagrams with the pinned Mermaid, in the page's palette, started on
Material's `document$` and only for a diagram near the viewport (it imports MERMAID)."""
MERMAID_GLOBAL = "js/material-diagrams.js"
"""A `window.mermaid` that imports the pinned Mermaid on first use: for Material's (and
Zensical's) own Mermaid integration in a self-contained site, which would load one from a
CDN otherwise."""
SCRIPTS = ("js/archive-filter.js", DIAGRAMS)
DIAGRAM_FENCE = "pm-diagram"
"""The superfences fence of the archive's diagrams (never `mermaid`, which is the host's)."""


def stylesheets() -> list[str]:
    found = PACKAGE_ASSETS.glob("css/*.css")
    # search.css styles this repository's own search box (Pagefind), not the archive.
    return sorted(
        path.relative_to(PACKAGE_ASSETS).as_posix() for path in found if path.name != "search.css"
    )


def mermaid_files() -> list[str]:
    found = (PACKAGE_ASSETS / MERMAID_DIR).rglob("*")
    return sorted(p.relative_to(PACKAGE_ASSETS).as_posix() for p in found if p.is_file())


def asset_names() -> list[str]:
    """The assets a site needs, as paths under assets/."""
    return [*stylesheets(), *SCRIPTS, MERMAID_GLOBAL, *(mermaid_files() or [MERMAID])]


def missing_assets(names: list[str]) -> list[str]:
    return [name for name in names if not (PACKAGE_ASSETS / name).is_file()]


MISSING_HINT = (
    "the pinned Mermaid is committed under docs/js/vendor/mermaid: reinstall the package "
    "from a complete checkout (`make vendor-mermaid` restores it from npm)"
)


MATERIAL_XYCHART = {"themeVariables": {"xyChart": {"plotColorPalette": "#3949ab"}}}
"""For a chart Material draws: Mermaid's default bars (#ECECFF) do not show on its white
plot. (A narrower chart than the default 700 px would drop its long axis labels.)"""


def _for_material(source: str) -> str:
    """`source` with MATERIAL_XYCHART in its front matter (`---` config block), when it is
    an xychart; the chart's own settings win."""
    head, body = "", source
    if source.startswith("---\n") and "\n---\n" in source[4:]:
        head, body = source[4:].split("\n---\n", 1)
    if not body.lstrip().startswith("xychart"):
        return source
    given = yaml.safe_load(head) if head else None
    settings: dict[str, Any] = given if isinstance(given, dict) else {}
    config = settings.setdefault("config", {})
    theme = config.setdefault("themeVariables", {})
    chart = theme.setdefault("xyChart", {})
    for name, value in MATERIAL_XYCHART["themeVariables"]["xyChart"].items():
        chart.setdefault(name, value)
    lines = [f"{key}: {json.dumps(value)}" for key, value in settings.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def diagram_block(source: str, *, drawer: str) -> str:
    """The HTML of one diagram. `drawer` "pinned": a `pre` that diagrams.js reads and
    draws (a `pre` keeps its line breaks through every HTML minifier, since they are
    content there, and the page never names Mermaid, so mermaid2 skips it); "material":
    Material's own `pre.mermaid`, drawn by the theme's Mermaid integration."""
    if drawer == "material":
        source = _for_material(source)
    code = escape(source)
    if drawer == "material":
        return f'<pre class="mermaid"><code>{code}</code></pre>'
    # `hidden` alone loses to a theme's `pre { display: … }` (Material's does): inline style.
    return f'<pre class="pm-diagram-source" hidden style="display:none">{code}</pre>'
