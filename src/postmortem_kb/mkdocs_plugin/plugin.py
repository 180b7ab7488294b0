"""The `postmortems` MkDocs plugin: an incident archive inside an existing site.

plugins:
  - search
  - postmortems:
      incidents: records        # the folder of incident files, relative to mkdocs.yml
      prefix: postmortems/      # every generated page under this URL path

Its place in `plugins:` does not matter: the events whose order does carry a priority.
The archive's pages join the site's files before other plugins look at them (redirects,
awesome-pages, blog); markers are filled before other Markdown plugins see the page; the
page's Markdown is let go after every other plugin has seen its HTML; Pagefind indexes
the site after every other plugin wrote (and minified) it. Nothing of ours is added in
`on_post_page`, so a minifier before or after us sees the same page.
"""

from __future__ import annotations

from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority

from ..sitebuild.settings import settings_from
from .assets import Assets
from .frontend import MkDocsFrontEnd


class PostmortemsConfig(base.Config):  # type: ignore[no-untyped-call]
    incidents = c.Type(str, default="incidents")
    """The archive folder (incident YAML files and taxonomy.yaml), relative to mkdocs.yml."""
    prefix = c.Type(str, default="postmortems/")
    """The folder of the site every generated page and asset goes under ('' for the root)."""
    audience = c.Choice(("internal", "public"), default="internal")
    """internal: every incident; public: no internal incidents and no drafts."""
    drafts = c.Optional(c.Type(bool))
    """Show drafts; by default only in internal builds."""
    today = c.Optional(c.Type(str))
    """YYYY-MM-DD: the date overdue action items are measured against (default: today)."""
    self_contained = c.Type(bool, default=False)
    """Rewrite the theme's scripts so the built site names no CDN (changes theme files)."""
    templates = c.Optional(c.Dir(exists=True))
    """A folder of page templates (incident.md.j2, card.md.j2, …) that win over the package's."""


class PostmortemsPlugin(BasePlugin[PostmortemsConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.front = MkDocsFrontEnd("mkdocs.plugins.postmortems", assets=Assets())

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.front.start(command, dirty)

    def on_config(self, config: Any) -> Any:
        given = {key: value for key, value in self.config.items() if value is not None}
        settings, problems = settings_from(
            given, "plugins.postmortems", self_contained_default=False
        )
        self.front.configure(config, settings, problems)
        return config

    @event_priority(50)
    def on_files(self, files: Any, /, *, config: Any) -> Any:
        return self.front.files(files, config)

    @event_priority(50)
    def on_page_markdown(self, markdown: str, /, *, page: Any, **_: Any) -> str:
        return self.front.page_markdown(markdown, page)

    @event_priority(-100)
    def on_page_content(self, html: str, /, *, page: Any, **_: Any) -> str:
        return self.front.page_content(html, page)

    def on_page_context(self, context: Any, /, *, page: Any, **_: Any) -> Any:
        return self.front.page_context(context, page)

    @event_priority(-100)
    def on_post_build(self, *, config: Any) -> None:
        self.front.post_build(config)

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        return self.front.serve(server)
