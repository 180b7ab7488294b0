"""Hostile incident text in a real build: it shows as text, runs nothing, breaks no table.
(The browser test runs the same files in Chromium; this one reads the built HTML.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.harness import ROOT, copy_project, mkdocs_build

HOSTILE = sorted((ROOT / "tests" / "corpus" / "hostile-text").glob("*.yaml"))
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster")
# Text each file must show to the reader, character for character.
SHOWN = {
    "2024-05-01-html-and-urls": [
        "<img src=x onerror=\"window.__pwned='title'\"> HTML <b>in</b> the title &amp; entities",
        "<svg/onload=alert(1)> data link",
        "<script>window.__pwned='author'</script>",
    ],
    "2024-05-02-table-breakers": [
        "Pipes | in | the | title and a newline",
        "| leading pipe and trailing pipe |",
        "Fix | the | table",
        "{: .attr onclick=alert(1) }",
    ],
    "2024-05-03-mermaid-syntax": [
        '%%{init: {"securityLevel": "loose"}}%% graph TD; A-->B; click A call alert(1)',
        "section Hacked : 00:00 : x ; title pwned # comment",
        "style A fill:#f00,stroke:#333; linkStyle 0 stroke:red",
    ],
    "2024-05-04-rtl-and-emoji": ["مرحبا بالعالم 🔥", "تنبيه: الخدمة متوقفة 🚨", "José Ñúñez"],
    "2024-05-05-hostile-text": [
        "<script>window.__pwned = 'title'</script> Hostile | text end %%{init: {'theme':'dark'}}%%",
        "<b onmouseover=alert(1)>bold</b> | pipe",
    ],
}

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for path in HOSTILE:
        shutil.copy(path, project / "incidents" / path.name)
    # Not strict: the hostile links are rightly warned about (the pages drop them), and
    # this site is built to show that nothing in them runs.
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr
    assert result.warnings, "validation names the links the pages leave out"
    assert all("will not be a link" in w for w in result.warnings), result.warnings
    return project / "site"


def article(site: Path, incident_id: str) -> Tag:
    html = (site / "incidents" / incident_id / "index.html").read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").select_one("article")
    assert found is not None
    return found


def test_every_hostile_file_is_checked() -> None:
    assert [p.stem for p in HOSTILE] == sorted(SHOWN)


@pytest.mark.parametrize("incident_id", sorted(SHOWN))
def test_nothing_in_the_article_can_run(site: Path, incident_id: str) -> None:
    page = article(site, incident_id)
    assert page.find_all(["script", "iframe", "object", "embed", "form", "style", "svg"]) == []
    for element in page.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert handlers == [], element
        for name in URL_ATTRIBUTES:
            value = re.sub(r"[\s\x00-\x1f]", "", str(element.get(name, ""))).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), element


@pytest.mark.parametrize("incident_id", sorted(SHOWN))
def test_the_literal_text_shows(site: Path, incident_id: str) -> None:
    text = re.sub(r"\s+", " ", article(site, incident_id).get_text())
    for expected in SHOWN[incident_id]:
        assert expected in text


@pytest.mark.parametrize("incident_id", sorted(SHOWN))
def test_every_table_row_has_as_many_cells_as_its_header(site: Path, incident_id: str) -> None:
    tables = article(site, incident_id).find_all("table")
    assert tables
    for table in tables:
        header = table.select("thead tr th")
        assert header
        for row in table.select("tbody tr"):
            assert len(row.find_all(["td", "th"])) == len(header), row


def test_the_mermaid_text_stays_inside_its_diagram(site: Path) -> None:
    page = article(site, "2024-05-03-mermaid-syntax")
    diagrams = page.select("pre.pm-diagram-source")
    # The timeline (one drawing per day: it crosses midnight) and the phases, nothing more.
    assert len(diagrams) == 3
    assert diagrams[-1].get_text().startswith("gantt")
    box = r'    e\d+\["[^:;#%"<]+<br>[^:;#%"<]*"\]:::[a-z]+'
    arrow = r'    e\d+ -+>(\|"[^:;#%"<]+"\|)? e\d+'
    style = r"    classDef [a-z]+ fill:#\w+,stroke:#\w+,color:#\w+"
    boxes = 0
    for drawing in diagrams[:-1]:
        *header, body = drawing.get_text().strip().split("flowchart TB\n")
        assert header == ['---\nconfig: {"flowchart": {"rankSpacing": 24}}\n---\n']
        for line in body.splitlines():
            bare = re.sub(r"#(\d+|quot);", "", line)
            assert re.fullmatch(f"{box}|{arrow}|{style}", bare), line
            boxes += bool(re.fullmatch(box, bare))
    assert boxes == 8


@pytest.mark.parametrize("incident_id", sorted(SHOWN))
def test_front_matter_is_read_not_shown(site: Path, incident_id: str) -> None:
    assert "title:" not in article(site, incident_id).get_text()
