"""Publishing: the Pages workflow, the published schema and guide, site_url."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from postmortem_kb.model import incident_json_schema
from tests.harness import ROOT, copy_project, mkdocs_build


def test_pages_workflow_builds_the_public_site_strictly_and_deploys() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as true
    build = workflow["jobs"]["build"]["steps"]
    commands = " ".join(step.get("run", "") for step in build)
    assert "mkdocs build --strict" in commands
    public = [s for s in build if s.get("env", {}).get("POSTMORTEM_AUDIENCE") == "public"]
    assert public and "mkdocs build" in public[0]["run"]
    uses = [s.get("uses", "") for s in build + workflow["jobs"]["deploy"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    # Least privilege per job (zizmor): none for the workflow, read for the build, Pages
    # and the OIDC token for the deployment only; each job with a timeout.
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert all(job["timeout-minutes"] <= 30 for job in workflow["jobs"].values())


def test_pages_workflow_is_pinned_and_installs_only_the_build() -> None:
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["build"]["steps"] + workflow["jobs"]["deploy"]["steps"]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    commands = " ".join(step.get("run", "") for step in steps)
    assert "pip install '.[site]'" in commands and "[test]" not in commands
    assert "make" not in commands and "npm" not in commands, "the pinned Mermaid is committed"
    # The feeds' absolute links come from the URL Pages serves, not mkdocs.yml's example.
    build = next(s for s in steps if "mkdocs build" in s.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert "site_url: %s/" in build["run"] and "-f mkdocs-pages.yml" in build["run"]
    assert any(s.get("id") == "pages" and "configure-pages@" in s["uses"] for s in steps)


@pytest.mark.build
def test_an_inheriting_config_moves_the_feed_links(tmp_path: Path) -> None:
    """What the workflow's build step does, with the URL configure-pages would give."""
    project = copy_project(tmp_path)
    (project / "mkdocs.yml").rename(project / "mkdocs-base.yml")
    (project / "mkdocs.yml").write_text(
        "INHERIT: mkdocs-base.yml\nsite_url: https://octo.github.io/kb/\n"
    )
    result = mkdocs_build(project, env={"POSTMORTEM_AUDIENCE": "public"})
    assert result.returncode == 0, result.stderr
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "https://octo.github.io/kb/incidents/" in feed and "example.github.io" not in feed


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
