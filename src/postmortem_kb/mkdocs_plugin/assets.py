"""What the `postmortems` plugin brings to a host site: the archive's CSS and scripts and
the pinned Mermaid, from the package, linked from the archive's pages only (the host's
own pages and theme stay as they are)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..errors import Problem
from ..layout import ASSETS_DIR, SiteLayout
from ..site_assets import (
    MERMAID,
    MERMAID_INIT,
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
        self.bring_mermaid = True
        self.urls: dict[str, str] = {}

    def configure(self, config: Any) -> list[Problem]:
        # A site that runs mermaid2 has it load Mermaid on every page with a diagram.
        self.bring_mermaid = "mermaid2" not in config.plugins
        missing = missing_assets(self._names())
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

    def _names(self) -> list[str]:
        return asset_names(mermaid=self.bring_mermaid)

    def add_files(
        self, files: Files, config: Any, layout: SiteLayout, where: Callable[[File, Any], str]
    ) -> list[Problem]:
        problems = []
        self.urls = {}
        for name in self._names():
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

    def inject(self, html: str, page_url: str) -> str:
        """`html` of an archive page with the archive's stylesheets and scripts linked."""

        def href(name: str) -> str:
            return get_relative_url(self.urls[name], page_url)

        links = "".join(f'<link rel="stylesheet" href="{href(n)}">' for n in stylesheets())
        names = list(SCRIPTS)
        if self.bring_mermaid and 'class="mermaid"' in html:
            names += [MERMAID, MERMAID_INIT]
        scripts = "".join(f'<script src="{href(n)}"></script>' for n in names)
        head, _, rest = html.partition("</head>")
        body, end, tail = rest.rpartition("</body>")
        if not end:
            return head + links + "</head>" + rest + scripts
        return f"{head}{links}</head>{body}{scripts}</body>{tail}"
