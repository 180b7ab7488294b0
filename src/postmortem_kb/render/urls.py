"""Where every generated file of the site lives: the one place that knows the URL layout.

Renderers link between generated pages with paths relative to the archive's root (the
site's root in this repository, `postmortems/` or any `prefix` in a host site), so the
same Markdown works under any prefix; only `SiteLayout` adds the prefix.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

INCIDENTS_DIR = "incidents"
ROOT_CAUSES_DIR = "root-causes"
SERVICES_DIR = "services"
INSIGHTS_DIR = "insights"
ACTION_ITEMS_DIR = "action-items"
SECTIONS = (INCIDENTS_DIR, ROOT_CAUSES_DIR, SERVICES_DIR, INSIGHTS_DIR, ACTION_ITEMS_DIR)

ARCHIVE_FEED = "feed.xml"
JSON_EXPORT = "incidents.json"
SCHEMA_FILE = "schema/incident.schema.json"
ASSETS_DIR = "assets"
"""Where a front end that brings its own CSS, scripts and Mermaid puts them."""


def page_uri(section: str, slug: str) -> str:
    """The source path of a generated page: `incidents/<id>.md`."""
    return f"{section}/{slug}.md"


def index_uri(section: str) -> str:
    return f"{section}/index.md"


def cause_feed_uri(slug: str) -> str:
    return f"{ROOT_CAUSES_DIR}/{slug}/feed.xml"


def incident_id(uri: str) -> str | None:
    """The incident whose page `uri` (relative to the archive's root) is, if any."""
    folder, _, name = uri.partition("/")
    if folder != INCIDENTS_DIR or "/" in name or name == "index.md" or not name.endswith(".md"):
        return None
    return name.removesuffix(".md")


def normalise_prefix(prefix: str) -> str:
    """'' or a relative folder ending in '/': `postmortems` and `/postmortems/` both give
    `postmortems/`. Raises ValueError for a path that leaves the site (`..`)."""
    parts = [part for part in prefix.strip().strip("/").split("/") if part not in ("", ".")]
    if ".." in parts:
        raise ValueError(f"prefix must stay inside the site, not '{prefix}'")
    return "/".join(parts) + "/" if parts else ""


@dataclass(frozen=True)
class SiteLayout:
    """The archive's place in a site: every generated file under `prefix`."""

    prefix: str = ""

    def source(self, uri: str) -> str:
        """The site source path of `uri` (relative to the archive's root)."""
        return self.prefix + uri

    def relative(self, source: str) -> str | None:
        """The inverse of `source`: None for a path outside the archive."""
        return source.removeprefix(self.prefix) if source.startswith(self.prefix) else None

    def base_from(self, page: str) -> str:
        """The link from the folder of page `page` (a source path) to the archive's root:
        '' for `index.md` here, `../postmortems/` for `about/stats.md` in a host site."""
        folder = posixpath.dirname(page)
        target = self.prefix.rstrip("/") or "."
        base = posixpath.relpath(target, folder or ".")
        return "" if base == "." else base + "/"

    def absolute_root(self, site_url: str) -> str:
        """The archive's absolute root URL from the site's (feeds need absolute links)."""
        return site_url.rstrip("/") + "/" + self.prefix
