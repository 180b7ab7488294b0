"""What the `postmortems` plugin brings to a host site: the archive's CSS and scripts, the
pinned Mermaid and diagrams.js (which draws in the page's palette), from the package,
linked from the archive's pages only (the host's own pages and theme stay as they are).

A host that runs mermaid2 keeps it for its own pages. The archive's pages still draw with
the pinned Mermaid (their diagrams are written for that version): diagrams.js marks each
diagram as processed before the page's `load` event, when mermaid2's `startOnLoad` would
draw, so each is drawn once, in the palette's colours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..errors import Problem
from ..layout import ASSETS_DIR, SiteLayout
from ..site_assets import (
    DRAWING,
    MERMAID,
    MISSING_HINT,
    PACKAGE_ASSETS,
    SCRIPTS,
    asset_names,
    missing_assets,
    stylesheets,
)


class Assets:
    """The asset files of one build and the tags that load them."""

    def __init__(self) -> None:
        self.host_mermaid2 = False
        self.urls: dict[str, str] = {}

    def configure(self, config: Any) -> list[Problem]:
        self.host_mermaid2 = "mermaid2" in config.plugins
        missing = missing_assets(asset_names())
        return [
            Problem(
                str(PACKAGE_ASSETS / name),
                0,
                0,
                "error",
                "missing from the installed postmortem-kb package",
                MISSING_HINT if name == MERMAID else "",
            )
            for name in missing
        ]

    def add_files(
        self, files: Files, config: Any, layout: SiteLayout, where: Callable[[File, Any], str]
    ) -> list[Problem]:
        problems = []
        self.urls = {}
        for name in asset_names():
            uri = layout.source(f"{ASSETS_DIR}/{name}")
            host = files.get_file_from_path(uri)
            if host is not None:
                problems.append(Problem(
                    where(host, config), 0, 0, "error",
                    f"the archive's asset '{uri}' would replace this file",
                    "move this file, or set the archive's `prefix` to another folder",
                ))  # fmt: skip
                continue
            file = File.generated(config, uri, abs_src_path=str(PACKAGE_ASSETS / name))
            files.append(file)
            self.urls[name] = file.url
        return problems

    def inject(self, html: str, page_url: str, *, generated: bool) -> str:
        """`html` of a page showing the archive (`generated`, or a host page with markers)
        with the archive's stylesheets and scripts linked."""

        def href(name: str) -> str:
            return get_relative_url(self.urls[name], page_url)

        links = "".join(f'<link rel="stylesheet" href="{href(n)}">' for n in stylesheets())
        names = list(SCRIPTS)
        # A host page's own diagrams are mermaid2's where the host runs it.
        if 'class="mermaid"' in html and (generated or not self.host_mermaid2):
            names += DRAWING
        scripts = "".join(f'<script src="{href(n)}"></script>' for n in names)
        head, _, rest = html.partition("</head>")
        body, end, tail = rest.rpartition("</body>")
        if not end:
            return head + links + "</head>" + rest + scripts
        return f"{head}{links}</head>{body}{scripts}</body>{tail}"
