"""MkDocs adapter: load and check the archive, add its pages, watch incidents/.

Every decision lives in the `postmortem_kb` core; this file only moves data between MkDocs
and it. An archive with errors stops the build with the validator's own lines.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from postmortem_kb.errors import format_problems
from postmortem_kb.preview import PreviewSession, pages_to_build
from postmortem_kb.render.indexes import render_home_figures
from postmortem_kb.render.search import add_to_search_index, incident_search_entries
from postmortem_kb.render.site import fill_markers
from postmortem_kb.selfcontained import make_self_contained
from postmortem_kb.settings import BuildSettings, read_settings
from postmortem_kb.validate import check_archive, parse_file

log = logging.getLogger("mkdocs.hooks.postmortems")
# MkDocs loads this module once per process: the state outlives a `mkdocs serve` rebuild.
_state: dict[str, Any] = {"preview": None}


class _GeneratedFile(File):
    """A generated file that a preview rebuild can mark as unchanged (not rebuilt)."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


def _incidents_dir(config: Any) -> Path:
    settings: BuildSettings = _state["settings"]
    return Path(config.config_file_path).parent / settings.incidents


def on_startup(command: str, dirty: bool, **_: Any) -> None:
    # `mkdocs serve --dirty` (make preview): rebuild only what a save changed.
    _state["preview"] = PreviewSession() if command == "serve" and dirty else None


def on_config(config: Any) -> None:
    settings, problems = read_settings(config.extra)
    _state["settings"] = settings
    preview: PreviewSession | None = _state["preview"]
    parse = preview.parse if preview else parse_file
    archive, found = check_archive([_incidents_dir(config)], parse)
    problems += found
    for problem in problems:
        if problem.severity == "warning":
            log.warning(problem.format())
    errors = [p for p in problems if p.severity == "error"]
    if errors or archive is None:
        raise PluginError("The incident archive has errors:\n" + format_problems(errors))
    _state["archive"] = archive.visible(
        include_internal=settings.include_internal, include_drafts=settings.include_drafts
    )


def on_files(files: Files, config: Any) -> Files:
    archive, settings = _state.pop("archive"), _state["settings"]
    root = Path(config.config_file_path).parent.resolve()
    sources = {
        i.id: Path(i.source).resolve().relative_to(root).as_posix() for i in archive.incidents
    }
    pages, changed = pages_to_build(
        archive, _state["preview"], today=settings.build_date(), site_url=config.site_url or "/"
    )
    urls: dict[str, str] = {}
    for uri, content in pages:
        file = _GeneratedFile.generated(config, uri, content=content)
        assert isinstance(file, _GeneratedFile)
        file.unchanged = changed is not None and uri not in changed
        incident_id = uri.removeprefix("incidents/").removesuffix(".md")
        if incident_id in sources:
            file.edit_uri = sources[incident_id]
            urls[incident_id] = file.url
        files.append(file)
    # What the rest of the build needs from the archive, so that it can be let go: the
    # incidents take several times the memory of their search entries.
    _state["figures"] = render_home_figures(archive)
    _state["search"] = incident_search_entries(archive, urls)
    return files


def on_page_markdown(markdown: str, **_: Any) -> str:
    return fill_markers(markdown, _state["figures"])


def on_page_content(html: str, page: Any, **_: Any) -> str:
    # MkDocs keeps every page's Markdown, twice for a generated page, until the build ends;
    # once converted, ours is not needed: ~20 KB an incident, 200 MB at 10,000.
    if isinstance(page.file, _GeneratedFile):
        page.markdown = None
        page.file.content_string = ""
    return html


def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    # A page that hides Material's table of contents (an incident page: its jump line stands
    # in) ships none either, ~2.4 KB a page. The page title's item stays: the skip link uses it.
    if "toc" in (page.meta.get("hide") or []) and page.toc.items:
        page.toc.items[0].children = []
    return context


def on_post_build(config: Any) -> None:
    # Incident pages are not in Material's index; each incident gets one entry instead.
    add_to_search_index(Path(config.site_dir), _state["search"])
    if _state["settings"].self_contained:
        make_self_contained(Path(config.site_dir))


def on_serve(server: Any, config: Any, **_: Any) -> Any:
    server.watch(str(_incidents_dir(config)))
    return server
