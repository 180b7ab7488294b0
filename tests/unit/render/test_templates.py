"""Page layouts as Jinja2 templates that a site overrides from a folder of its own; the
package's templates give the golden pages byte for byte (tests/unit/render/test_golden_pages.py)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from postmortem_kb.errors import ArchiveError
from postmortem_kb.render.templates import PACKAGE_TEMPLATES, TEMPLATE_NAMES
from postmortem_kb.sitebuild.session import BuildSession
from postmortem_kb.sitebuild.settings import BuildSettings
from tests.harness import ROOT, build_host, host_project

SEED = "2024-08-12-payment-gateway-memory-leak"
HOSTILE = '<img src=x onerror="alert(1)"> & friends'


def pages(project: Path, templates: str | None) -> dict[str, str]:
    settings = BuildSettings(today=date(2026, 11, 1), templates=templates)
    session = BuildSession(settings, project)
    session.load()
    return {page.uri: page.content for page in session.pages(site_url=None)}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    seed = tmp_path / "incidents" / f"{SEED}.yaml"
    text = seed.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    seed.write_text(text.replace(title, f"title: '{HOSTILE}'", 1), encoding="utf-8")
    (tmp_path / "page-templates").mkdir()
    return tmp_path


def test_every_template_ships_in_the_package() -> None:
    assert sorted(p.name for p in PACKAGE_TEMPLATES.glob("*.j2")) == sorted(TEMPLATE_NAMES)


def test_a_template_of_the_sites_own_wins_and_only_where_it_exists(project: Path) -> None:
    (project / "page-templates" / "card.md.j2").write_text(
        '<div class="team-card" markdown>\n\n{% for name, value in card_rows %}'
        "{% if name != 'Impact' %}- {{ name }}: {{ value }}\n{% endif %}{% endfor %}\n</div>\n\n"
    )
    before = pages(project, None)
    after = pages(project, "page-templates")
    page = f"incidents/{SEED}.md"
    assert '<div class="team-card" markdown>' in after[page]
    assert "pm-card" not in after[page] and "- Impact:" not in after[page]
    assert "- Severity: <span" in after[page], "safe values stay markup"
    changed = {uri for uri in before if before[uri] != after[uri]}
    assert changed == {uri for uri in before if uri.startswith("incidents/") and
                       uri != "incidents/index.md"}  # fmt: skip


def test_values_not_marked_safe_are_escaped(project: Path) -> None:
    (project / "page-templates" / "incident.md.j2").write_text(
        "{{ front_matter }}# {{ incident.title }}\n\nRaw: {{ incident.summary[:20] }}\n"
    )
    page = pages(project, "page-templates")[f"incidents/{SEED}.md"]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; friends" in page
    assert "<img" not in page
    default = pages(project, None)[f"incidents/{SEED}.md"]
    assert "<img" not in default and "&lt;img" in default


def test_a_broken_template_stops_the_build_at_its_line(project: Path) -> None:
    (project / "page-templates" / "card.md.j2").write_text("fine\n{% for row in %}\n")
    with pytest.raises(ArchiveError) as raised:
        pages(project, "page-templates")
    (problem,) = raised.value.problems
    assert problem.path.endswith("page-templates/card.md.j2") and problem.line == 2


def test_an_unknown_value_in_a_template_is_an_error(project: Path) -> None:
    (project / "page-templates" / "term-index.md.j2").write_text("{{ no_such_value }}\n")
    with pytest.raises(ArchiveError) as raised:
        pages(project, "page-templates")
    assert "'no_such_value' is undefined" in raised.value.report()


def test_a_missing_templates_folder_is_named(project: Path) -> None:
    with pytest.raises(ArchiveError) as raised:
        pages(project, "no-such-folder")
    assert "no-such-folder:0:0: error: the templates folder does not exist" in raised.value.report()


@pytest.mark.build
def test_the_plugin_takes_templates_from_the_host(tmp_path: Path) -> None:
    project = host_project(tmp_path)
    (project / "page-templates").mkdir()
    card = (PACKAGE_TEMPLATES / "card.md.j2").read_text()
    (project / "page-templates" / "card.md.j2").write_text(
        card.replace("</div>", "Reviewed with the platform team.\n\n</div>")
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "prefix: postmortems/", "prefix: postmortems/\n      templates: page-templates"
    ))  # fmt: skip
    result = build_host(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "postmortems" / "incidents" / SEED / "index.html").read_text()
    assert "Reviewed with the platform team." in html
