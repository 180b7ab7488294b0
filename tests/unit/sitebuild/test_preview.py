"""The fast preview (`make preview` = `mkdocs serve --dirty`): a save rebuilds the saved
incident's page, and nothing is parsed or rendered again that did not change."""

from __future__ import annotations

import shutil
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from postmortem_kb.model import Incident
from postmortem_kb.render.generated import generated_pages
from postmortem_kb.render.pages.incident import render_incident_page
from postmortem_kb.sitebuild.preview import PreviewSession
from postmortem_kb.validation.check import check_archive
from tests.harness import ROOT, copy_project, mkdocs_serve, wait_until_served

SEED = "2024-08-12-payment-gateway-memory-leak"
TODAY = date(2026, 11, 1)


def update(session: PreviewSession, folder: Path) -> tuple[dict[str, str], set[str], list[str]]:
    """One rebuild: (pages, changed paths, ids of the incidents rendered)."""
    archive, problems = check_archive([folder], session.parse)
    assert archive is not None, problems
    rendered: list[str] = []

    def render_one(incident: Incident) -> str:
        rendered.append(incident.id)
        return render_incident_page(archive, incident, today=TODAY)

    pages, changed = session.update(
        archive, lambda: generated_pages(archive, today=TODAY, site_url="/"), render_one
    )
    return dict(pages), changed, rendered


def test_a_session_renders_again_only_the_incident_that_changed(tmp_path: Path) -> None:
    folder = shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    session = PreviewSession()
    first, changed, _ = update(session, folder)
    assert changed == set(first)  # the first build renders everything

    again, changed, rendered = update(session, folder)
    assert changed == set() and rendered == [] and again == first
    cached = dict(session.parse_cache)

    seed = folder / f"{SEED}.yaml"
    text = seed.read_text()
    seed.write_text(text.replace("title: ", "title: Edited ", 1))
    after, changed, rendered = update(session, folder)
    assert changed == {f"incidents/{SEED}.md"} and rendered == [SEED]
    assert "# Edited " in after[f"incidents/{SEED}.md"]
    # Only the saved file was parsed again.
    assert [k for k in session.parse_cache if session.parse_cache[k] is not cached[k]] == [
        (str(seed), "Incident")
    ]
    # Pages that list every incident keep the first build's content until a restart.
    assert after["incidents/index.md"] == first["incidents/index.md"]

    taxonomy = folder / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("title: Memory leak", "title: Leaks", 1))
    _, changed, _ = update(session, folder)
    assert changed == set(after)  # a taxonomy change renders every page again

    archive, _ = check_archive([folder])
    assert archive is not None
    named = {other for incident in archive.incidents for other in incident.related}
    lone = next(folder / f"{i.id}.yaml" for i in archive.incidents if i.id not in named)
    lone.unlink()  # an incident that no other names in `related`
    after_delete, changed, _ = update(session, folder)
    assert f"incidents/{lone.stem}.md" not in after_delete and changed == set()


@pytest.mark.build
def test_make_preview_serves_a_saved_title(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with mkdocs_serve(project, "--dirty") as (base, server):
        url = f"{base}incidents/{SEED}/"
        wait_until_served(url, server)
        time.sleep(1.0)  # the watcher starts after the first build
        seed = project / "incidents" / f"{SEED}.yaml"
        seed.write_text(seed.read_text().replace("title: ", "title: Saved in preview ", 1))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url, timeout=5) as response:
                if "Saved in preview " in response.read().decode():
                    break
            time.sleep(0.2)
        else:
            pytest.fail("the saved title was not served within 60 s")
        wait_until_served(f"{base}incidents/", server)
