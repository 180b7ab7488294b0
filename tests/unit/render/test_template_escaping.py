"""A site's own templates cannot turn incident text into markup: every value a template
shows is escaped for Markdown as the default pages escape it, however it is reached.
(The browser test builds the same corpus and counts what runs.)"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from postmortem_kb.render.templates import render_template, shield, text_lines, use_templates
from postmortem_kb.sitebuild.session import BuildSession
from postmortem_kb.sitebuild.settings import BuildSettings
from tests.harness import ROOT

CORPUS = ROOT / "tests" / "corpus" / "hostile-templates"
HOSTILE_TEXT = ROOT / "tests" / "corpus" / "hostile-text"
CASE = "2024-05-06-template-override"
# The Markdown a site's page goes through (mkdocs.yml's extensions that act on text).
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "abbr", "def_list"]


def corpus_project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    for source in [*HOSTILE_TEXT.glob("*.yaml"), *(CORPUS / "incidents").glob("*.yaml")]:
        shutil.copy(source, tmp_path / "incidents" / source.name)
    shutil.copytree(CORPUS / "templates", tmp_path / "page-templates")
    return tmp_path


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = corpus_project(tmp_path_factory.mktemp("templates"))
    settings = BuildSettings(today=date(2026, 11, 1), templates="page-templates")
    session = BuildSession(settings, project)
    session.load()
    try:
        return {page.uri: page.content for page in session.pages(site_url=None)}
    finally:
        use_templates(None)


def as_html(page: str) -> BeautifulSoup:
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S)
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def live_markup(soup: BeautifulSoup) -> list[str]:
    """Event handlers, autofocus, script-scheme links and elements that run code."""
    found = [str(tag)[:80] for tag in soup.find_all(["script", "iframe", "object", "embed"])]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = re.sub(r"[\x00-\x20]", "", str(value)).lower()
            if (
                name.startswith("on")
                or name == "autofocus"
                or (name in ("href", "src") and text.startswith(("javascript:", "data:")))
            ):
                found.append(f"{tag.name} {name}={value}")
    return found


def test_every_page_of_the_hostile_templates_renders_no_live_markup(
    hostile_pages: dict[str, str],
) -> None:
    incident_pages = [uri for uri in hostile_pages if uri.startswith("incidents/2024-05-0")]
    assert len(incident_pages) == 6
    for uri in [*incident_pages, "root-causes/missing-input-validation.md"]:
        assert live_markup(as_html(hostile_pages[uri])) == [], uri


def test_the_hostile_values_show_as_text(hostile_pages: dict[str, str]) -> None:
    text = as_html(hostile_pages[f"incidents/{CASE}.md"]).get_text()
    assert "Prod {: onfocus=alert(document.domain) autofocus tabindex=0 }" in text
    assert "[click](javascript:alert('organisation'))" in text
    assert "!!! note" in text and "{: onclick=" in text


@pytest.mark.parametrize(
    "template",
    [
        "{{ incident.product }}",
        "{{ title ~ incident.product }}",
        "{{ [title, incident.product]|join }}",
        "{{ incident.product|e }}",
        "{{ incident.product|safe }}",
        "{{ incident.product|striptags|safe }}",
        "{{ incident.product|striptags }}",
        "{{ incident['product'] }}",
        "{{ incident.get('product') }}",
        "{{ incident.items()|list }}",
        "{{ title|replace('x', incident.product) }}",
    ],
)
def test_each_way_to_reach_a_value_escapes_it(tmp_path: Path, template: str) -> None:
    (tmp_path / "t.md.j2").write_text(f"# {template}\n")
    product = "Prod {: onfocus=alert(1) autofocus }"
    use_templates(tmp_path)
    try:
        shown = render_template("t.md.j2", incident={"product": product}, title=_safe("x"))
    finally:
        use_templates(None)
    assert "{:" not in shown, shown
    assert live_markup(as_html(shown)) == []


def test_raw_is_the_one_way_to_the_value_as_written(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text("{{ incident.product|raw }}|{{ incident.product }}\n")
    use_templates(tmp_path)
    try:
        shown = render_template("t.md.j2", incident={"product": "<b>x</b>"})
    finally:
        use_templates(None)
    assert shown == "<b>x</b>|&lt;b&gt;x&lt;/b&gt;\n"


def test_a_script_scheme_in_a_link_target_is_not_a_scheme() -> None:
    shown = text_lines("javascript:alert(1)")
    soup = as_html(f'[x]({shown}) <a href="{shown}">y</a>')
    assert live_markup(soup) == []
    assert soup.get_text().replace("\u200b", "") == "x y"
    assert str(shield("https://example.org/a_b")) == "https://example.org/a&#95;b"


def test_shielded_values_keep_their_comparisons() -> None:
    data = shield({"status": "published", "items": ["a", "b"], "n": 3})
    assert data["status"] == "published" and len(data["items"]) == 2 and data["n"] == 3
    assert "a" in data["items"] and list(data["items"]) == ["a", "b"]


def _safe(text: str) -> object:
    from markupsafe import Markup

    return Markup(text)
