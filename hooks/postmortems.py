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
from postmortem_kb.render.site import fill_markers, generated_pages
from postmortem_kb.selfcontained import make_self_contained
from postmortem_kb.settings import BuildSettings, read_settings
from postmortem_kb.validate import check_archive

log = logging.getLogger("mkdocs.hooks.postmortems")
_state: dict[str, Any] = {}


def _incidents_dir(config: Any) -> Path:
    settings: BuildSettings = _state["settings"]
    return Path(config.config_file_path).parent / settings.incidents


def on_config(config: Any) -> None:
    settings, problems = read_settings(config.extra)
    _state["settings"] = settings
    archive, found = check_archive([_incidents_dir(config)])
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
    archive, settings = _state["archive"], _state["settings"]
    root = Path(config.config_file_path).parent.resolve()
    sources = {
        i.id: Path(i.source).resolve().relative_to(root).as_posix() for i in archive.incidents
    }
    pages = generated_pages(archive, today=settings.build_date(), site_url=config.site_url or "/")
    for uri, content in pages.items():
        file = File.generated(config, uri, content=content)
        incident_id = uri.removeprefix("incidents/").removesuffix(".md")
        if incident_id in sources:
            file.edit_uri = sources[incident_id]
        files.append(file)
    return files


def on_page_markdown(markdown: str, **_: Any) -> str:
    return fill_markers(markdown, _state["archive"])


def on_post_build(config: Any) -> None:
    if _state["settings"].self_contained:
        make_self_contained(Path(config.site_dir))


def on_serve(server: Any, config: Any, **_: Any) -> Any:
    server.watch(str(_incidents_dir(config)))
    return server
