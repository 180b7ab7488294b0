"""One build of the archive into a site, whatever builds it: the state a build front end
(this repository's MkDocs hook, the `postmortems` plugin, `postmortem render`) would
otherwise keep for itself, and every step that does work. No MkDocs here: a front end
moves data between its builder and these methods.

A build goes: `load` (read and check the archive) → `pages` (every generated file, once)
→ `pages_placed` (the URLs the builder gave the incident pages; the archive is let go) →
`fill_markers` for hand-written pages → `finish` on the built site.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from ..archive import Archive
from ..errors import ArchiveError, Problem
from ..render.generated import ascii_markdown, iter_generated_pages
from ..render.markers import fill_markers, has_markers, marker_problems
from ..render.pages.incident import render_incident_page
from ..render.pages.indexes import render_home_figures
from ..render.templates import template_problems, use_templates
from ..render.urls import SiteLayout, incident_id
from ..search.material_index import add_to_search_index, incident_search_entries
from ..search.pagefind_index import BUNDLE_DIR, SearchIndex, index_site
from ..validation.check import check_archive, parse_file
from .preview import PreviewSession
from .self_contained import make_self_contained
from .settings import BuildSettings


@dataclass(frozen=True)
class GeneratedPage:
    """One generated file of the site."""

    uri: str
    """Its source path in the site (`postmortems/incidents/<id>.md`), prefix included."""
    content: str
    """Markdown (pages, in ASCII: see `ascii_markdown`), XML or JSON."""
    incident_id: str | None = None
    """The incident whose page this is, if it is one."""
    source: str | None = None
    """That incident's YAML file, relative to the site's config folder (the edit link)."""
    changed: bool = True
    """False when a preview rebuild gives the same content as the last build."""

    @property
    def is_page(self) -> bool:
        return self.uri.endswith(".md")


@dataclass
class BuildSession:
    """What one site build knows about the archive, from settings to the built folder.

    `config_dir` is the folder of the site's config (mkdocs.yml): the archive folder and
    the edit links are relative to it. A preview server passes the same `preview` to each
    rebuild's session, so that a save rebuilds only what it changed."""

    settings: BuildSettings
    config_dir: Path
    preview: PreviewSession | None = None
    material_search: bool = False
    """The site runs Material's search: it gets one entry per incident; any other site
    gets Pagefind's index after the build."""
    archive: Archive | None = None
    figures: dict[str, dict[str, str]] = field(default_factory=dict)
    """Host page source path → marker name → Markdown, for pages that have markers."""
    search_entries: list[str] = field(default_factory=list)

    @property
    def layout(self) -> SiteLayout:
        return SiteLayout(self.settings.prefix)

    @property
    def templates_dir(self) -> Path | None:
        """The site's own page templates, which win over the package's, if any."""
        return self.config_dir / self.settings.templates if self.settings.templates else None

    @property
    def incidents_dir(self) -> Path:
        return self.config_dir / self.settings.incidents

    def load(self) -> list[Problem]:
        """Read and check the archive; return its warnings. Raises ArchiveError (every
        error at once) when the archive has errors."""
        parse = self.preview.parse if self.preview else parse_file
        # Sources are named relative to mkdocs.yml: pages show the same path wherever the
        # build runs from.
        archive, problems = check_archive([self.incidents_dir], parse, base=self.config_dir)
        errors = [p for p in problems if p.severity == "error"]
        if self.templates_dir is not None:
            errors += template_problems(self.templates_dir)
        if errors or archive is None:
            raise ArchiveError(errors)
        self.archive = archive.visible(
            include_internal=self.settings.include_internal,
            include_drafts=self.settings.include_drafts,
        )
        return [p for p in problems if p.severity == "warning"]

    def is_archive_file(self, path: Path) -> bool:
        """Whether `path` lies in the archive folder: incident YAML never goes into a site."""
        return path.resolve().is_relative_to(self.incidents_dir.resolve())

    def pages(self, *, site_url: str | None) -> Iterator[GeneratedPage]:
        """Every generated file, one at a time (a caller need not hold them all). With a
        `site_url`, the feeds and incidents.json too (their links are absolute)."""
        archive = self._archive()
        layout = self.layout
        sources = {i.id: i.source for i in archive.incidents}
        use_templates(self.templates_dir)
        try:
            planned, changed = self._plan(archive, site_url=site_url)
            for uri, content in planned:
                found = incident_id(uri)
                yield GeneratedPage(
                    layout.source(uri),
                    content,
                    incident_id=found if found in sources else None,
                    source=sources.get(found or ""),
                    changed=changed is None or uri in changed,
                )
        except TemplateError as error:
            where = str(self.templates_dir or "templates")
            raise ArchiveError([Problem.error(where, 0, 0, f"a page template: {error}")]) from None
        finally:
            use_templates(None)  # the package's own for anything rendered outside a build

    def _plan(
        self, archive: Archive, *, site_url: str | None
    ) -> tuple[Iterable[tuple[str, str]], set[str] | None]:
        """(every generated file, Markdown pages in ASCII; the paths, relative to the
        archive's root, whose content is new, or None outside a preview, where all are)."""
        today = self.settings.build_date()
        root_url = None if site_url is None else self.layout.absolute_root(site_url)

        def every_file() -> Iterator[tuple[str, str]]:
            for uri, text in iter_generated_pages(archive, today=today, site_url=root_url):
                yield uri, ascii_markdown(text) if uri.endswith(".md") else text

        if self.preview is None:
            return every_file(), None
        everything, changed = self.preview.update(
            archive,
            lambda: dict(every_file()),
            lambda incident: ascii_markdown(render_incident_page(archive, incident, today=today)),
        )
        return everything.items(), changed

    def collision(self, page: GeneratedPage, host_file: str) -> Problem:
        """The error for a generated page that would replace a page of the site itself."""
        made_from = page.source or "the incident archive"
        return Problem.error(
            host_file,
            0,
            0,
            f"the page '{page.uri}' generated from {made_from} would replace this page",
            "move this page, or set the archive's `prefix` to a folder the site does not use",
        )

    def plan_markers(self, pages: Mapping[str, tuple[str, str]]) -> list[Problem]:
        """Check the markers of the hand-written `pages` (source path → (its file for
        messages, its Markdown); pages without a marker may be left out) and prepare their
        figures; the problems found."""
        archive = self._archive()
        problems: list[Problem] = []
        for uri, (path, markdown) in pages.items():
            if has_markers(markdown):
                problems += marker_problems(path, markdown)
                self.figures[uri] = render_home_figures(archive, self.layout.base_from(uri))
        return problems

    def pages_placed(self, urls: Mapping[str, str]) -> None:
        """Record where the builder put each incident page (id → site-relative URL), make
        Material's search entries if the site runs it, and let the archive go: the
        incidents take several times the memory of their search entries."""
        if self.material_search:
            self.search_entries = incident_search_entries(self._archive(), urls)
        self.archive = None

    def fill_markers(self, uri: str, markdown: str) -> str:
        figures = self.figures.get(uri)
        return fill_markers(markdown, figures) if figures else markdown

    def finish(self, site_dir: Path) -> SearchIndex | None:
        """After the builder wrote the site: its search and, when asked, the self-contained
        rewrite. A site that runs Material's search keeps it, with one entry per incident
        (incident pages are not in Material's index); any other gets Pagefind's index
        (`search.pagefind_index.index_site`), returned. A preview keeps its first build's index, as
        it keeps the listings."""
        index = None
        if self.material_search:
            add_to_search_index(site_dir, self.search_entries)
        elif self.preview is None or not (site_dir / BUNDLE_DIR).is_dir():
            index = index_site(site_dir)
        if self.settings.self_contained:
            make_self_contained(site_dir)
        return index

    def _archive(self) -> Archive:
        if self.archive is None:
            raise RuntimeError("the archive is not loaded (or was let go): call load() first")
        return self.archive
