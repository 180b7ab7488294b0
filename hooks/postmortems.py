"""This repository's MkDocs front end: the archive's settings from `extra.postmortem`, every
event handed to the same code the `postmortems` plugin runs (see postmortem_kb.mkdocs_plugin).

The site names its own CSS, scripts and Mermaid (mermaid2) in mkdocs.yml.
"""

from __future__ import annotations

from typing import Any

from postmortem_kb.mkdocs_plugin.frontend import MkDocsFrontEnd
from postmortem_kb.sitebuild.settings import read_settings

# MkDocs loads this module once per process: the front end outlives a `mkdocs serve` rebuild.
_front = MkDocsFrontEnd("mkdocs.hooks.postmortems")


def on_startup(command: str, dirty: bool, **_: Any) -> None:
    _front.start(command, dirty)


def on_config(config: Any) -> None:
    _front.configure(config, *read_settings(config.extra))


def on_files(files: Any, config: Any) -> Any:
    return _front.files(files, config)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    return _front.page_markdown(markdown, page)


def on_page_content(html: str, page: Any, **_: Any) -> str:
    return _front.page_content(html, page)


def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    return _front.page_context(context, page)


def on_post_build(config: Any) -> None:
    _front.post_build(config)


def on_serve(server: Any, **_: Any) -> Any:
    return _front.serve(server)
