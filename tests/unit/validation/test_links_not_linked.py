"""Links the pages cannot make are said at validation, at their line, and what was written
is never lost: an address with another scheme than http, https or mailto shows as text
(prose keeps the link's words), a ticket id shows beside its action."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from postmortem_kb.render.pages.incident import render_incident_page
from tests.harness.small_archive import archive_of, validate, write_archive

LINKS = """\
title: Links a page cannot make
started: 2024-05-05 10:00
services: [payment-gateway]
source_url: "javascript:alert(1)"
summary: |
  See [the runbook](file:///srv/runbooks/payments.md) and
  [the dashboard](https://grafana.example/d/payments), then [ask](slack://channel?id=C1).
  A [page of this site](../guide/) is a link too.
links:
  - title: Chat log
    url: "zoommtg://zoom.us/join?confno=1"
  - title: Status page
    url: https://status.example/incidents/1
action_items:
  - title: Fix the retry loop
    link: "ftp://tracker.example/1"
  - title: Alert on the queue age
    link: INF-210
"""
HINT = "(pages link only http, https and mailto addresses: write the full https:// address)"


def test_each_link_a_page_cannot_make_is_warned_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    (folder / "2024-05-05-links.yaml").write_text(LINKS, encoding="utf-8")
    outcome = validate(monkeypatch, tmp_path, "incidents")
    name = "incidents/2024-05-05-links.yaml"
    assert outcome.stdout.splitlines() == [
        f"{name}:4:13: warning: source_url: 'javascript:alert(1)' will not be a link {HINT}",
        f"{name}:6:10: warning: summary: 'file:///srv/runbooks/payments.md' will not be a "
        f"link {HINT}",
        f"{name}:7:10: warning: summary: 'slack://channel?id=C1' will not be a link {HINT}",
        f"{name}:11:10: warning: links[0].url: 'zoommtg://zoom.us/join?confno=1' will not be "
        f"a link {HINT}",
        f"{name}:16:11: warning: action_items[0].link: 'ftp://tracker.example/1' will not be "
        f"a link {HINT}",
        "OK: 2 incidents, 1 root causes, 1 services.",
    ]
    assert outcome.code == 0
    assert validate(monkeypatch, tmp_path, "--strict", "incidents").code == 1


def test_what_is_not_a_link_is_shown_as_text(tmp_path: Path) -> None:
    archive, _ = archive_of(tmp_path, {"2024-05-05-links": LINKS})
    assert archive is not None
    page = render_incident_page(archive, archive.incidents[0], today=date(2025, 1, 1))
    assert "Alert on the queue age (INF-210)" in page
    assert "Fix the retry loop (ftp://tracker.example/1)" in page
    assert "Chat log (zoommtg://zoom.us/join?confno=1)" in page
    assert "Original report: javascript:alert(1)" in page
    assert 'href="javascript' not in page and 'href="file' not in page
    assert '<a href="https://status.example/incidents/1"' in page


def test_prose_too_deep_to_render_is_refused_before_its_links_are_read(tmp_path: Path) -> None:
    deep = "".join("  " * n + "- x\n" for n in range(40)) + "[a](slack://x)\n"
    text = LINKS.split("links:")[0].replace(
        "summary: |\n", "summary: |\n" + "".join(f"  {line}\n" for line in deep.splitlines())
    )
    _, problems = archive_of(tmp_path, {"2024-05-05-deep": text})
    assert any("nested" in p and "error" in p for p in problems), problems
    assert not any("slack://x" in p for p in problems)  # not rendered, so not read
