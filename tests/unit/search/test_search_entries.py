"""One search entry per incident (search/material_index.py) and the ASCII pages MkDocs is given."""

from __future__ import annotations

import json
from pathlib import Path

from postmortem_kb.archive import Archive
from postmortem_kb.model import Incident
from postmortem_kb.render.generated import ascii_markdown
from postmortem_kb.search.material_index import add_to_search_index, incident_search_entry
from postmortem_kb.validation.check import check_archive
from tests.harness import ROOT


def sample() -> Archive:
    archive, problems = check_archive([ROOT / "incidents"])
    assert archive is not None, problems
    return archive


def test_an_entry_keeps_code_and_underscores_searchable() -> None:
    archive = sample()
    incident = Incident.model_validate({
        "title": "Pool exhausted", "severity": "SEV2", "services": ["checkout"],
        "root_causes": ["memory-leak"], "summary": "Checkout *failed*.",
        "started": "2024-08-12 11:30",
        "timeline": [{"at": "11:35", "kind": "note",
                      "event": "Raised `max_connections` to 200 <b>now</b>"}],
    }).bind("x", "incidents/x.yaml")  # fmt: skip
    entry = incident_search_entry(archive, incident, "incidents/x/")
    assert "<code>max_connections</code> to 200 &lt;b&gt;now&lt;/b&gt;" in entry["text"]
    assert entry["location"] == "incidents/x/"
    assert entry["text"].startswith("<p>Root causes: Memory leak. Services: Checkout. ")
    assert "Checkout failed." in entry["text"] and entry["text"].endswith("</p>")


def test_entries_are_appended_to_materials_index(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(
        json.dumps(
            {"config": {"lang": ["en"]}, "docs": [{"location": "", "title": "Home", "text": ""}]}
        )
    )
    assert add_to_search_index(tmp_path, ['{"location":"incidents/a/","title":"A","text":"t"}'])
    written = json.loads(index.read_text())
    assert written["config"] == {"lang": ["en"]}
    assert [d["location"] for d in written["docs"]] == ["", "incidents/a/"]
    assert not add_to_search_index(tmp_path / "nowhere", [])


def test_generated_markdown_reaches_mkdocs_as_ascii() -> None:
    assert ascii_markdown("plain") == "plain"
    assert ascii_markdown("a — b… 🔥 é") == "a &#8212; b&#8230; &#128293; &#233;"
