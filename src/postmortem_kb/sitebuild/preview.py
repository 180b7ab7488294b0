"""The fast preview (`make preview`, i.e. `mkdocs serve --dirty`): a save shows in about a
second, whatever the size of the archive.

A full build renders every page and MkDocs converts each one: about a minute at 1,000
incidents, and plain `mkdocs serve` does that on every save. In a preview session, after
the first (full) build:

- a file is parsed again only when its modification time, size or inode changed;
- an incident's page is rendered again only when the incident changed, and MkDocs, in its
  dirty mode, converts and writes only the pages whose Markdown changed;
- the pages that depend on every incident (the archive, root-cause and service pages,
  insights, action items, feeds) and the "Related incidents" of other incidents keep what
  the first build gave them until the server restarts. So does everything when
  `taxonomy.yaml` changes: the session then renders every page again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from ..archive import Archive
from ..model import Incident
from ..render.urls import INCIDENTS_DIR, page_uri
from ..taxonomy import Taxonomy
from ..validation.check import Parsed, parse_file


class PreviewSession:
    """What a preview server keeps between rebuilds."""

    def __init__(self) -> None:
        # (path, model) → (modification time, size and inode of the file; what it gave)
        self.parse_cache: dict[tuple[str, str], tuple[tuple[int, int, int], Parsed]] = {}
        self.pages: dict[str, str] = {}
        self._incidents: dict[str, Incident] = {}
        self._taxonomy: Taxonomy | None = None

    def parse(self, path: Path, label: str, model: type[BaseModel]) -> Parsed:
        """`validate.parse_file`, read again only when the file's stamp changed."""
        stat = path.stat()
        key, stamp = (str(path), model.__name__), (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        cached = self.parse_cache.get(key)
        if cached is None or cached[0] != stamp:
            cached = self.parse_cache[key] = (stamp, parse_file(path, label, model))
        return cached[1]

    def update(
        self,
        archive: Archive,
        render_all: Callable[[], dict[str, str]],
        render_incident: Callable[[Incident], str],
    ) -> tuple[dict[str, str], set[str]]:
        """(every generated file's content, the paths whose content is new this time)."""
        if not self.pages or archive.taxonomy != self._taxonomy:
            self.pages = render_all()
            changed = set(self.pages)
        else:
            changed = set()
            for incident in archive.incidents:
                uri = page_uri(INCIDENTS_DIR, incident.id)
                if self._incidents.get(incident.id) != incident or uri not in self.pages:
                    self.pages[uri] = render_incident(incident)
                    changed.add(uri)
            for gone in self._incidents.keys() - archive.by_id.keys():
                self.pages.pop(page_uri(INCIDENTS_DIR, gone), None)
        self._incidents = dict(archive.by_id)
        self._taxonomy = archive.taxonomy
        return self.pages, changed
