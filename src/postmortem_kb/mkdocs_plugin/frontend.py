"""The MkDocs events of an archive build, shared by this repository's hook and the
`postmortems` plugin: each moves data between MkDocs and a `BuildSession`, nothing more.

The plugin also brings the archive's CSS, scripts, the pinned Mermaid and diagrams.js
(`Assets`); the hook's site names its own in mkdocs.yml.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..errors import ArchiveError, Problem, format_problems
from ..files.discover import incident_files
from ..render.markers import has_markers
from ..render.pages.error_page import error_banner, error_page
from ..render.urls import INCIDENTS_DIR, SECTIONS, SiteLayout, index_uri, page_uri
from ..search.pagefind_index import SearchIndexError
from ..sitebuild.preview import PreviewSession
from ..sitebuild.session import BuildSession, GeneratedPage
from ..sitebuild.settings import BuildSettings
from .assets import Assets
from .buildlog import quiet_mermaid2_per_page_lines
from .extensions import ensure_extensions


class GeneratedFile(File):
    """A generated file that a preview rebuild can mark as unchanged (not rebuilt)."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


def _stop(title: str, problems: list[Problem]) -> PluginError:
    return PluginError(f"{title}:\n" + format_problems(problems))


# The names MkDocs gives Material's search plugin in `config.plugins`.
MATERIAL_SEARCH = {"search", "material/search"}
# Plugins the archive cannot work with, and why (a build error says so).
UNSUPPORTED = {
    "i18n": (
        "mkdocs-static-i18n builds the site once per language from files named per language "
        "(page.fr.md); the archive's pages exist in one language and would be built, "
        "localised and linked by it as pages it cannot place. Build the archive in a site "
        "(or a separate mkdocs.yml) without the i18n plugin, and link to it"
    ),
}


class MkDocsFrontEnd:
    """One per process: MkDocs loads a hook once, and keeps a plugin with `on_startup`
    across `mkdocs serve` rebuilds, so the preview state lives as long as the server."""

    def __init__(self, log_name: str, *, assets: Assets | None = None) -> None:
        self.log = logging.getLogger(log_name)
        self.assets = assets
        self.preview: PreviewSession | None = None
        self._session: BuildSession | None = None
        self.serving = False
        self.broken: list[Problem] | None = None
        """While `mkdocs serve` runs on an archive with errors: those errors, shown in the
        browser as a banner on every page (a failed build would leave the last good site up
        and the errors in the terminal only)."""
        self.last_good: list[GeneratedPage] = []
        """Under `mkdocs serve`, the pages of the last build without errors: while a save
        breaks the archive they stay, under the banner, so the author keeps the preview of
        the page being fixed."""
        self.error_uris: set[str] = set()

    @property
    def session(self) -> BuildSession:
        if self._session is None:
            raise PluginError("postmortems: the build has no configuration yet")
        return self._session

    def start(self, command: str, dirty: bool) -> None:
        # `mkdocs serve --dirty` (make preview): rebuild only what a save changed.
        self.preview = PreviewSession() if command == "serve" and dirty else None
        self.serving = command == "serve"

    def configure(self, config: Any, settings: BuildSettings, problems: list[Problem]) -> None:
        quiet_mermaid2_per_page_lines()
        problems = problems + [
            Problem.error("mkdocs.yml", 0, 0, f"plugins: {name}: not supported: {why}")
            for name, why in UNSUPPORTED.items()
            if name in config.plugins
        ]
        drawer = ensure_extensions(config)
        if self.assets is not None:
            problems += self.assets.configure(
                config,
                SiteLayout(settings.prefix),
                drawer=drawer,
                self_contained=settings.self_contained,
            )
        if problems:
            raise _stop("The postmortems configuration has errors", problems)
        self._session = BuildSession(
            settings,
            Path(config.config_file_path).parent,
            preview=self.preview,
            material_search=bool(MATERIAL_SEARCH & set(config.plugins)),
        )
        self.broken = None
        try:
            warnings = self.session.load()
        except ArchiveError as exc:
            if not self.serving:
                raise PluginError("The incident archive has errors:\n" + exc.report()) from None
            self.broken = exc.problems
            self.log.error(
                "The incident archive has errors (shown in the browser):\n" + exc.report()
            )
            return
        for warning in warnings:
            self.log.warning(warning.format())

    def files(self, files: Files, config: Any) -> Files:
        session = self.session
        if self.broken is not None:
            return self._error_pages(files, config, self.broken)
        for file in list(files):
            if file.abs_src_path and session.is_archive_file(Path(file.abs_src_path)):
                files.remove(file)  # incident YAML under docs_dir: never published
        marked = {}
        for file in files.documentation_pages():
            text = file.content_string
            if has_markers(text):
                marked[file.src_uri] = (_where(file, config), text)
        problems = session.plan_markers(marked)
        urls: dict[str, str] = {}
        good: list[GeneratedPage] = []
        try:
            for page in session.pages(site_url=config.site_url or "/"):
                if self.serving:
                    good.append(page)
                host = files.get_file_from_path(page.uri)
                if host is not None:
                    problems.append(session.collision(page, _where(host, config)))
                    continue
                file = self._generated_file(page, config, _edit_path(page, session, config))
                if page.incident_id:
                    urls[page.incident_id] = file.url
                files.append(file)
        except ArchiveError as exc:
            raise _stop("The archive's pages cannot be rendered", exc.problems) from None
        if self.assets is not None:
            problems += self.assets.add_files(files, config, session.layout, _where)
        if problems:
            raise _stop("The archive's pages cannot be added to this site", problems)
        session.pages_placed(urls)
        self.last_good = good
        return files

    def _error_pages(self, files: Files, config: Any, problems: list[Problem]) -> Files:
        """The last good pages (each gets the banner, see `page_content`), and for every
        other archive page the author may have open (a new file), the problems alone."""
        layout, content = self.session.layout, error_page(problems)
        for page in self.last_good:
            if files.get_file_from_path(page.uri) is None:
                file = self._generated_file(page, config, _edit_path(page, self.session, config))
                file.unchanged = False  # rebuilt: it gains the banner
                files.append(file)
        if self.last_good and self.assets is not None:
            self.assets.add_files(files, config, layout, _where)
        paths, _ = incident_files(self.session.incidents_dir)
        uris = [index_uri(section) for section in SECTIONS]
        uris += [page_uri(INCIDENTS_DIR, path.stem) for path in paths]
        self.error_uris = set()
        for uri in dict.fromkeys(layout.source(uri) for uri in uris):
            if files.get_file_from_path(uri) is None:
                self.error_uris.add(uri)
                files.append(
                    GeneratedFile.generated(
                        config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV
                    )
                )
        return files

    @staticmethod
    def _generated_file(page: GeneratedPage, config: Any, edit: str | None) -> GeneratedFile:
        # An archive in the nav costs O(n²) (MkDocs renders the nav into every page): only
        # the index pages may be listed there.
        listed = not page.is_page or page.uri.endswith("/index.md")
        file = GeneratedFile.generated(
            config,
            page.uri,
            content=page.content,
            inclusion=InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV,
        )
        assert isinstance(file, GeneratedFile)
        file.unchanged = not page.changed
        file.edit_uri = edit
        return file

    def page_markdown(self, markdown: str, page: Any) -> str:
        if self.broken is not None:
            return markdown
        return self.session.fill_markers(page.file.src_uri, markdown)

    def page_content(self, html: str, page: Any) -> str:
        # MkDocs keeps every page's Markdown, twice for a generated page, until the build
        # ends; once converted, ours is not needed: ~20 KB an incident, 200 MB at 10,000.
        if isinstance(page.file, GeneratedFile):
            page.markdown = None
            page.file.content_string = ""
        if self.broken is not None and page.file.src_uri not in self.error_uris:
            return error_banner(self.broken) + html
        return html

    def page_context(self, context: Any, page: Any) -> Any:
        # A page that hides Material's table of contents (an incident page: its jump line
        # stands in) ships none either, ~2.4 KB a page. The title's item stays (skip link).
        if "toc" in (page.meta.get("hide") or []) and page.toc.items:
            page.toc.items[0].children = []
        return context

    def post_build(self, config: Any) -> None:
        if self.broken is not None:
            return
        try:
            index = self.session.finish(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        if index is not None:
            self.log.info(
                f"Search: {index.pages} pages indexed by Pagefind in {index.seconds:.1f} s"
                f" ({index.cpu_seconds:.1f} s CPU)"
            )

    def serve(self, server: Any) -> Any:
        server.watch(str(self.session.incidents_dir))
        if self.session.templates_dir is not None:
            server.watch(str(self.session.templates_dir))
        return server


def _edit_path(page: GeneratedPage, session: BuildSession, config: Any) -> str | None:
    """An incident page's edit link goes to its YAML file: its path from docs_dir, since
    `edit_uri` points at docs_dir in the repository (`edit/main/docs/` + `../records/x.yaml`
    is `edit/main/records/x.yaml`). Other generated pages have no file to edit."""
    if not page.source:
        return None
    yaml_file = (session.config_dir / page.source).resolve()
    return posixpath.relpath(yaml_file.as_posix(), Path(config.docs_dir).resolve().as_posix())


def _where(file: File, config: Any) -> str:
    """Where a file of the site comes from, for an error message."""
    if file.abs_src_path:
        path = Path(file.abs_src_path)
        root = Path(config.config_file_path).parent.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return file.src_uri
