"""The build session and the URL layout, without any builder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from postmortem_kb.errors import ArchiveError
from postmortem_kb.render.markers import MARKERS, marker_problems
from postmortem_kb.render.urls import SiteLayout, incident_id, normalise_prefix
from postmortem_kb.sitebuild.preview import PreviewSession
from postmortem_kb.sitebuild.session import BuildSession
from postmortem_kb.sitebuild.settings import BuildSettings, settings_from
from tests.harness import ROOT

TODAY = date(2026, 11, 1)


def session(prefix: str = "", preview: PreviewSession | None = None) -> BuildSession:
    settings = BuildSettings(today=TODAY, prefix=prefix)
    built = BuildSession(settings, ROOT, preview=preview)
    built.load()
    return built


@pytest.mark.parametrize(
    ("given", "expected"),
    [("", ""), ("/", ""), ("postmortems", "postmortems/"), ("/kb/reviews/", "kb/reviews/")],
)
def test_prefixes_are_normalised(given: str, expected: str) -> None:
    assert normalise_prefix(given) == expected


def test_a_prefix_may_not_leave_the_site() -> None:
    settings, problems = settings_from({"prefix": "../elsewhere"}, "plugins.postmortems", {})
    assert settings.prefix == ""
    assert [p.message for p in problems] == [
        "plugins.postmortems: prefix must stay inside the site, not '../elsewhere'"
    ]


@pytest.mark.parametrize(
    ("prefix", "page", "base"),
    [("", "index.md", ""), ("postmortems/", "index.md", "postmortems/"),
     ("postmortems/", "team/on-call.md", "../postmortems/"),
     ("postmortems/", "postmortems/about.md", ""), ("", "guide/x.md", "../")],
)  # fmt: skip
def test_links_from_a_page_reach_the_archive_root(prefix: str, page: str, base: str) -> None:
    assert SiteLayout(prefix).base_from(page) == base


def test_incident_pages_are_told_apart_from_index_pages() -> None:
    assert incident_id("incidents/2024-08-12-x.md") == "2024-08-12-x"
    assert incident_id("incidents/index.md") is None
    assert incident_id("root-causes/memory-leak.md") is None


def test_every_page_goes_under_the_prefix_with_its_source() -> None:
    pages = list(session("postmortems/").pages(site_url="https://kb.example/"))
    assert all(page.uri.startswith("postmortems/") for page in pages)
    incidents = [page for page in pages if page.incident_id]
    assert incidents and all(
        page.source == f"incidents/{page.incident_id}.yaml" for page in incidents
    )
    feed = next(page for page in pages if page.uri == "postmortems/feed.xml")
    assert "https://kb.example/postmortems/incidents/" in feed.content
    assert all(page.content.isascii() for page in pages if page.is_page)


def test_without_a_site_url_there_are_no_feeds() -> None:
    uris = {page.uri for page in session().pages(site_url=None)}
    assert "incidents/index.md" in uris and "feed.xml" not in uris


def test_a_preview_rebuild_marks_only_what_changed() -> None:
    preview = PreviewSession()
    first = list(session(preview=preview).pages(site_url="/"))
    assert all(page.changed for page in first)
    again = list(session(preview=preview).pages(site_url="/"))
    assert [page.uri for page in again] == [page.uri for page in first]
    assert not any(page.changed for page in again)


def test_the_archive_is_let_go_once_pages_are_placed() -> None:
    built = session()
    built.material_search = True
    built.pages_placed({"2024-08-12-payment-gateway-memory-leak": "incidents/x/"})
    assert built.archive is None and len(built.search_entries) == 1
    with pytest.raises(RuntimeError):
        list(built.pages(site_url=None))


def test_markers_are_filled_with_links_from_their_page() -> None:
    built = session("kb/")
    page = "<!-- postmortem-kb:latest -->\n"
    assert built.plan_markers({"team/a.md": ("docs/team/a.md", page)}) == []
    filled = built.fill_markers("team/a.md", page)
    assert "](../kb/incidents/" in filled
    assert built.fill_markers("other.md", page) == page


def test_an_unknown_marker_is_an_error_at_its_place() -> None:
    (problem,) = marker_problems("docs/index.md", "# Home\n\n  <!-- postmortem-kb:latset -->\n")
    assert problem.format() == (
        "docs/index.md:3:3: error: unknown marker 'postmortem-kb:latset' (did you mean 'latest'?)"
    )
    assert set(MARKERS) == {"figures", "latest", "top-causes"}


def test_an_archive_with_errors_raises_every_error(tmp_path: Path) -> None:
    (tmp_path / "incidents").mkdir()
    built = BuildSession(BuildSettings(), tmp_path)
    with pytest.raises(ArchiveError) as raised:
        built.load()
    assert "taxonomy.yaml" in raised.value.report()


def test_a_site_without_materials_search_gets_no_entries_for_it() -> None:
    built = session()
    built.pages_placed({"2024-08-12-payment-gateway-memory-leak": "incidents/x/"})
    assert built.archive is None and built.search_entries == []
