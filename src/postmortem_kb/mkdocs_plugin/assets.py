"""What the `postmortems` plugin brings to a host site, the way Material's extensions do
it: the archive's CSS in `extra_css` and its scripts in `extra_javascript` (on every page,
so that they are there after an instant navigation; each script starts on Material's
`document$`), and the pinned Mermaid beside them, imported only by a page that shows a
diagram. Nothing is added to the theme or to the host's pages' HTML.

Who draws the archive's diagrams follows the host's set-up (extensions.host_drawer):
Material's own Mermaid integration where the site has it (in a self-contained site with
the pinned Mermaid as its `window.mermaid`, material-diagrams.js), otherwise diagrams.js
with the pinned Mermaid (a site with mermaid2 or none: mermaid2 keeps the host's pages)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.structure.files import File, Files

from ..errors import Problem
from ..render.urls import ASSETS_DIR, SiteLayout
from ..sitebuild.assets import (
    MERMAID_GLOBAL,
    MISSING_HINT,
    PACKAGE_ASSETS,
    SCRIPTS,
    asset_names,
    missing_assets,
    stylesheets,
)
from .extensions import MATERIAL


class Assets:
    """The asset files of one build and where the site names them."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}

    def configure(
        self, config: Any, layout: SiteLayout, *, drawer: str, self_contained: bool
    ) -> list[Problem]:
        """Name the archive's CSS and scripts in `config` (once, however often MkDocs
        rebuilds); the problems of a package that lacks one of its files."""
        missing = missing_assets(asset_names())
        if missing:
            return [
                Problem.error(
                    str(PACKAGE_ASSETS / name),
                    0,
                    0,
                    "missing from the installed postmortem-kb package",
                    MISSING_HINT,
                )
                for name in missing
            ]
        scripts = list(SCRIPTS)
        if drawer == MATERIAL and self_contained:
            scripts.insert(0, MERMAID_GLOBAL)  # before the theme looks for `mermaid`
        _add_once(config.extra_css, [_uri(layout, name) for name in stylesheets()])
        _add_once(config.extra_javascript, [_uri(layout, name) for name in scripts])
        return []

    def add_files(
        self, files: Files, config: Any, layout: SiteLayout, where: Callable[[File, Any], str]
    ) -> list[Problem]:
        problems = []
        self.urls = {}
        for name in asset_names():
            uri = _uri(layout, name)
            host = files.get_file_from_path(uri)
            if host is not None:
                problems.append(
                    Problem.error(
                        where(host, config),
                        0,
                        0,
                        f"the archive's asset '{uri}' would replace this file",
                        "move this file, or set the archive's `prefix` to another folder",
                    )
                )
                continue
            file = File.generated(config, uri, abs_src_path=str(PACKAGE_ASSETS / name))
            files.append(file)
            self.urls[name] = file.url
        return problems


def _uri(layout: SiteLayout, name: str) -> str:
    return layout.source(f"{ASSETS_DIR}/{name}")


def _add_once(listed: list[Any], uris: list[str]) -> None:
    present = {str(entry) for entry in listed}
    listed.extend(uri for uri in uris if uri not in present)
