"""The `postmortems` plugin in an existing Material site (tests/host-site): real strict,
offline builds, checked file by file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.harness import ROOT, build_host, host_project, incident_ids, tree_digest

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def host_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = host_project(tmp_path_factory.mktemp("host"))
    before = tree_digest(project / "docs")
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert tree_digest(project / "docs") == before, "the build wrote into the host's docs/"
    return project


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def site_path(page_url: str, href: object) -> str:
    return urljoin("http://site/" + page_url, str(href)).removeprefix("http://site/")


def test_the_archive_is_under_the_prefix(host_build: Path) -> None:
    site = host_build / "site"
    for incident in incident_ids():
        assert (site / "postmortems" / "incidents" / incident / "index.html").is_file()
    for section in ("incidents", "root-causes", "services", "insights", "action-items"):
        assert (site / "postmortems" / section / "index.html").is_file(), section
    assert not (site / "incidents").exists()
    feed = (site / "postmortems" / "feed.xml").read_text(encoding="utf-8")
    assert "https://handbook.example.org/postmortems/incidents/" in feed


def test_the_hosts_own_pages_stay_its_own(host_build: Path) -> None:
    """A host page gets the archive's stylesheets and two small scripts (instant navigation
    may lead from it to an archive page, whose scripts would not run then), never Mermaid."""
    site = host_build / "site"
    services = soup(site, "services")
    assert services.h1 is not None and "Services we own" in services.h1.get_text()
    on_call = soup(site, "team/on-call")
    assert on_call.find("link", href=re.compile("postmortems/assets/css")) is not None
    scripts = [str(s["src"]) for s in services.find_all("script") if s.get("src")]
    ours = [src for src in scripts if "postmortems/" in src]
    assert ours == [
        "../postmortems/assets/js/archive-filter.js",
        "../postmortems/assets/js/diagrams.js",
    ]
    assert "mermaid" not in (site / "services" / "index.html").read_text(encoding="utf-8")
    assert not services.select("form.pm-filter, .pm-card")


def test_markers_link_from_wherever_the_page_is(host_build: Path) -> None:
    site = host_build / "site"
    latest = [a["href"] for a in soup(site, "").select("article li a")]
    assert latest and all(str(h).startswith("postmortems/incidents/") for h in latest)
    causes = [a["href"] for a in soup(site, "team/on-call").select("article li a")]
    assert causes and all(str(h).startswith("../../postmortems/root-causes/") for h in causes)
    text = soup(site, "team/on-call").get_text()
    assert re.search(r"\d+ incidents · \d+ root causes", text)


def test_incident_pages_carry_their_diagram_sources_and_never_name_mermaid(
    host_build: Path,
) -> None:
    """The diagram source sits in a `pre` (line breaks survive any minifier) that diagrams.js
    draws; the page never says "mermaid", so mermaid2 skips it without parsing it."""
    site = host_build / "site"
    url = f"postmortems/incidents/{incident_ids()[0]}/"
    html = (site / url / "index.html").read_text(encoding="utf-8")
    assert "mermaid" not in html.lower()
    page = soup(site, url)
    sources = page.select(".pm-diagram > pre.pm-diagram-source[hidden]")
    assert len(sources) >= 2 and all("\n" in s.get_text() for s in sources)
    styles = [site_path(url, s["href"]) for s in page.find_all("link", rel="stylesheet")]
    assert "postmortems/assets/css/postmortems.css" in styles
    vendored = ROOT / "docs" / "js" / "vendor" / "mermaid"
    shipped = site / "postmortems" / "assets" / "js" / "vendor" / "mermaid"
    files = sorted(p.relative_to(vendored) for p in vendored.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file())
    assert (shipped / "LICENSE").read_text().startswith("The MIT License")


def test_no_incident_yaml_is_published(host_build: Path) -> None:
    site = host_build / "site"
    assert not [p for p in site.rglob("*") if p.suffix in (".yaml", ".yml")]


def test_the_theme_files_are_the_themes(host_build: Path, tmp_path: Path) -> None:
    """Without the self-contained option the host's theme assets are byte for byte what a
    build without the plugin writes (source maps included)."""
    plain = host_project(tmp_path / "plain")
    config = yaml.safe_load((plain / "mkdocs.yml").read_text())
    config["plugins"] = ["search"]
    config["nav"] = [entry for entry in config["nav"] if "Incident reviews" not in entry]
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config))
    (plain / "docs" / "services" / "index.md").write_text("# Services we own\n")
    (plain / "docs" / "index.md").write_text("# Platform handbook\n")
    result = build_host(plain)
    assert result.returncode == 0, result.stderr
    with_plugin = tree_digest(host_build / "site" / "assets")
    assert with_plugin == tree_digest(plain / "site" / "assets")
    assert any(name.endswith(".js.map") for name in with_plugin)


def test_yaml_inside_docs_is_not_published(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    (project / "records").rename(project / "docs" / "records")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("incidents: records", "incidents: docs/records"))
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "postmortems" / "incidents" / "index.html").is_file()
    assert not [p for p in site.rglob("*") if p.suffix in (".yaml", ".yml")]


@pytest.mark.mkdocs_log(r"^ERROR: The archive's pages cannot be added to this site:")
def test_a_generated_page_never_replaces_a_host_page(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    text = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(text.replace("prefix: postmortems/", "prefix: ''"))
    result = build_host(project)
    assert result.returncode != 0
    assert "docs/services/index.md" in result.stderr
    assert "the page 'services/index.md' generated from the incident archive" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.mkdocs_log(r"unknown marker 'postmortem-kb:top-cause'")
def test_an_unknown_marker_stops_the_build_at_its_line(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    page = project / "docs" / "team" / "on-call.md"
    page.write_text(page.read_text() + "\n<!-- postmortem-kb:top-cause -->\n")
    result = build_host(project)
    assert result.returncode != 0
    expected = "docs/team/on-call.md:12:1: error: unknown marker 'postmortem-kb:top-cause'"
    assert expected in result.stderr
    assert "did you mean 'top-causes'?" in result.stderr


MATERIAL_MERMAID = (
    "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
    "        - name: mermaid\n          class: mermaid\n"
    "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
)


def test_with_materials_mermaid_set_up_material_draws_every_diagram(tmp_path: Path) -> None:
    """Material's documented set-up (`fence_code_format`): the archive's diagrams become
    Material's `pre.mermaid` too, and the host's own fence is left as the host set it."""
    project = host_project(tmp_path)
    with (project / "mkdocs.yml").open("a") as config:
        config.write(MATERIAL_MERMAID)
    page = project / "docs" / "team" / "on-call.md"
    page.write_text(page.read_text() + "\n``` mermaid\ngraph LR\n  a --> b\n```\n")
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    incident = soup(project / "site", f"postmortems/incidents/{incident_ids()[0]}")
    assert len(incident.select(".pm-diagram > pre.mermaid > code")) >= 2
    assert not incident.select("pre.pm-diagram-source")
    host = soup(project / "site", "team/on-call")
    assert host.select("pre.mermaid > code")


@pytest.mark.mkdocs_log(r"plugins: i18n: not supported: mkdocs-static-i18n")
def test_the_i18n_plugin_is_refused_with_the_reason(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    english = {"locale": "en", "name": "English", "default": True}
    config["plugins"].insert(0, {"i18n": {"languages": [english]}})
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    result = build_host(project)
    assert result.returncode != 0
    assert "mkdocs-static-i18n builds the site once per language" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_edit_button_opens_the_incident_yaml(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["theme"]["features"].append("content.action.edit")
    config["repo_url"] = "https://git.example.org/platform/handbook"
    config["edit_uri"] = "edit/main/docs/"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    incident = incident_ids()[0]
    page = soup(project / "site", f"postmortems/incidents/{incident}")
    edit = page.find("a", rel="edit")
    assert edit is not None
    expected = f"https://git.example.org/platform/handbook/edit/main/records/{incident}.yaml"
    assert edit["href"] == expected


def test_missing_extensions_are_turned_on(host_build: Path) -> None:
    config = yaml.safe_load((ROOT / "tests" / "host-site" / "mkdocs.yml").read_text())
    assert "markdown_extensions" not in config
    page = soup(host_build / "site", f"postmortems/incidents/{incident_ids()[0]}")
    assert page.select(".admonition, .pm-card, table")
    assert "{ #" not in page.get_text()


@pytest.mark.parametrize("plugin", ["tags", "blog"])
def test_materials_own_plugins_build_beside_the_archive(tmp_path: Path, plugin: str) -> None:
    """Rows of docs/plugin.md's compatibility table: Material's tags and blog plugins."""
    project = host_project(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["plugins"].insert(1, plugin)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    if plugin == "blog":
        posts = project / "docs" / "blog" / "posts"
        posts.mkdir(parents=True)
        (project / "docs" / "blog" / "index.md").write_text("# Blog\n")
        (posts / "game-day.md").write_text(
            "---\ndate: 2025-02-01\n---\n\n# Our first game day\n\nWe broke things on purpose.\n"
        )
    else:
        page = project / "docs" / "services" / "index.md"
        page.write_text("---\ntags: [services]\n---\n\n" + page.read_text())
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    assert not result.warnings, result.stderr
    incident = project / "site" / "postmortems" / "incidents" / incident_ids()[0] / "index.html"
    assert 'class="pm-diagram-source"' in incident.read_text(encoding="utf-8")
