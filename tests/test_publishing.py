"""Publishing: the Pages workflow, the published schema and guide, site_url."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from postmortem_kb.model import incident_json_schema
from tests.harness import ROOT


def test_pages_workflow_builds_the_public_site_strictly_and_deploys() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as true
    build = workflow["jobs"]["build"]["steps"]
    commands = " ".join(step.get("run", "") for step in build)
    assert "make setup" in commands and "mkdocs build --strict" in commands
    public = [s for s in build if s.get("env", {}).get("POSTMORTEM_AUDIENCE") == "public"]
    assert public and "mkdocs build" in public[0]["run"]
    uses = [s.get("uses", "") for s in build + workflow["jobs"]["deploy"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_site_url_is_set() -> None:
    assert "\nsite_url: https://" in (ROOT / "mkdocs.yml").read_text()


def test_the_site_publishes_the_schema_and_the_guide(sample_site: Path) -> None:
    published = json.loads((sample_site / "schema" / "incident.schema.json").read_text())
    assert published == incident_json_schema()
    committed = json.loads((ROOT / "schema" / "incident.schema.json").read_text())
    assert committed == published
    page = BeautifulSoup((sample_site / "guide" / "index.html").read_text(), "html.parser")
    guide = " ".join(page.get_text(" ").split())
    for words in ("Blameless wording", "postmortem import", "POSTMORTEM_AUDIENCE=public",
                  "gh-deploy"):  # fmt: skip
        assert words in guide, words
