"""A site's own page templates showing hostile incident text in every way Jinja2 offers:
in Chromium, not one script from that text runs (no dialog, no `window.__pwned`, no
handler or script link in the page), the page tabbed through, its links focused, hovered."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.harness import ROOT, Served, copy_project, mkdocs_build, open_page, serve

CORPUS = ROOT / "tests" / "corpus" / "hostile-templates"
HOSTILE_TEXT = ROOT / "tests" / "corpus" / "hostile-text"
CASES = sorted(p.stem for p in [*HOSTILE_TEXT.glob("*.yaml"), *CORPUS.glob("incidents/*.yaml")])
LIVE = """() => [...document.querySelectorAll('article *')].flatMap(e => [...e.attributes]
  .filter(a => a.name.startsWith('on') || a.name === 'autofocus'
    || (['href', 'src'].includes(a.name) && /^\\s*(javascript|data|vbscript):/i.test(a.value)))
  .map(a => e.tagName + ' ' + a.name + '=' + a.value))"""


@pytest.fixture(scope="module")
def template_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    project = copy_project(tmp_path_factory.mktemp("template-overrides"))
    for case in [*HOSTILE_TEXT.glob("*.yaml"), *CORPUS.glob("incidents/*.yaml")]:
        shutil.copy(case, project / "incidents" / case.name)
    shutil.copytree(CORPUS / "templates", project / "page-templates")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  postmortem:\n", "  postmortem:\n    templates: page-templates\n"
        )
    )
    result = mkdocs_build(project, strict=False)  # the hostile links are rightly warned about
    assert result.returncode == 0, result.stderr
    yield from serve(project / "site")


@pytest.mark.parametrize("url", [*(f"incidents/{c}/" for c in CASES), "root-causes/"])
def test_no_script_runs_from_a_hostile_value_in_a_sites_template(
    browser: Browser, template_site: Served, url: str
) -> None:
    page = open_page(browser, template_site)
    page.goto(template_site.url(url))
    page.wait_for_load_state("networkidle")
    for _ in range(12):
        page.keyboard.press("Tab")  # focus handlers would fire here
    page.evaluate(
        "() => document.querySelectorAll('article [tabindex], article a')"
        ".forEach(e => { e.focus(); e.dispatchEvent(new MouseEvent('mouseover')); })"
    )
    assert page.evaluate("() => window.__pwned") is None
    assert template_site.dialogs == []
    assert page.evaluate(LIVE) == []
    assert page.locator("article script").count() == 0
    page.context.close()
