"""Every URL of every output passes one filter: pages, feeds and incidents.json agree, and
no spelling of `javascript:` gets through."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from postmortem_kb.model import Incident
from postmortem_kb.render.pages.feeds import render_json_export
from postmortem_kb.text.markup import prose_html, safe_url
from postmortem_kb.validation.check import check_archive
from tests.harness.small_archive import write_archive

HOSTILE = ["javascript:alert(1)", "\xa0javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x",
           "data:text/html,x", " \u2003vbscript:x"]  # fmt: skip


@pytest.mark.parametrize("url", HOSTILE)
def test_the_filter_refuses_every_spelling_of_a_script_url(url: str) -> None:
    assert safe_url(url) is None
    assert safe_url(url, relative=True) is None
    assert "href" not in prose_html(f"[x]({url})")


def test_incidents_json_drops_the_links_pages_drop(tmp_path: Path) -> None:
    folder = write_archive(tmp_path)
    archive, _ = check_archive([folder])
    assert archive is not None
    [base] = archive.incidents
    data = base.model_dump()
    data["action_items"] = [
        {"title": "Fix", "link": "\xa0javascript:alert(1)"},
        {"title": "Ok", "link": "https://tracker.example/1"},
    ]
    hostile = Incident.model_validate(data).bind(base.id, base.source)
    archive.incidents[0] = hostile
    export = json.loads(render_json_export(archive, site_url="https://x/", today=date(2025, 1, 1)))
    links = [item["link"] for item in export["incidents"][0]["action_items"]]
    assert links == [None, "https://tracker.example/1"]
