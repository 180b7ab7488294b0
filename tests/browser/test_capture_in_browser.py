"""End to end: `postmortem draft` from a chat export, a pager log and a status page, then
`postmortem validate` of the draft, a strict build, and its timeline drawn in Chromium."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from playwright.sync_api import Browser

from tests.harness import (
    ROOT,
    SCREENSHOTS,
    assert_clean,
    copy_project,
    diagrams_rendered,
    mkdocs_build,
    open_page,
    run_cli,
    run_cli_in_subprocess,
    serve,
)

FIXTURES = ROOT / "tests" / "fixtures" / "capture"
STEM = "2026-10-25-checkout-api-error-rate-above-15"


def _chat_export(target: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate_chat", FIXTURES / "generate_chat.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_export(target, 3000)


def test_draft_validate_build_and_see_the_timeline(browser: Browser, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(ROOT / "incidents" / "taxonomy.yaml", archive)
    project = copy_project(tmp_path / "project", incidents=archive)
    shutil.copytree(FIXTURES / "exports", project / "exports")
    _chat_export(project / "exports" / "slack")

    drafted = run_cli_in_subprocess(
        "draft", "exports/slack", "--channel", "inc-checkout-pool",
        "exports/pagerduty-incident.json", "exports/pagerduty-log-entries.json",
        "exports/statuspage-incident.json", "--timezone", "Europe/Berlin", "--out", "incidents",
        cwd=project,
    )  # fmt: skip
    assert drafted.returncode == 0, drafted.stdout + drafted.stderr
    assert drafted.stdout.startswith(f"Wrote incidents/{STEM}.yaml (status: draft")
    validated = run_cli("validate", "--strict", "incidents", cwd=project)
    assert validated.returncode == 0, validated.stdout + validated.stderr

    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    assert built.warnings == [], built.stderr

    for served in serve(project / "site"):
        page = open_page(browser, served)
        page.goto(served.url(f"incidents/{STEM}/"))
        diagrams_rendered(page)
        assert_clean(page, served)
        # The timeline's drawing (one per local day) holds the pager's re-trigger and the
        # hour that happened twice, each at its own clock time.
        drawn = " ".join(t or "" for t in page.locator("div.mermaid svg").all_text_contents())
        for words in ("Unacknowledged due to timeout", "02:30 · resolution", "Declared incident"):
            assert words in drawn, words
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "capture-draft.png"), full_page=True)
        # The view the guide shows (docs/images/draft-timeline.png): the timeline's start.
        page.evaluate("document.getElementById('timeline').scrollIntoView(); scrollBy(0, -64)")
        target = SCREENSHOTS / "capture-draft-timeline.png"
        page.screenshot(path=str(target))
        assert target.stat().st_size > 10_000
        page.context.close()
