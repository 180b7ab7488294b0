"""Short fields (titles, events, lessons, action items, link titles) are one line of text:
code spans render as code, nothing else of Markdown applies, never a block element."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown
import pytest

from postmortem_kb.render.pages.incident import render_incident_page
from postmortem_kb.text.markup import inline_html
from postmortem_kb.validation.check import check_archive
from tests.harness.small_archive import incident, write_archive

BLOCKS = ["# x", "- x", "---", "1. x", "> x", "~~~", "+ x", "=== x", "* * *", ": x"]


def _page_html(page: str) -> str:
    """The page as MkDocs' Markdown turns it into HTML (front matter cut off)."""
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html"])


@pytest.mark.parametrize("text", BLOCKS)
def test_block_syntax_in_a_short_field_stays_text(text: str) -> None:
    rendered = markdown.markdown(f"- {inline_html(text)}\n\n# {inline_html(text)}\n")
    for block in ("<h1><", "<hr", "<ol", "<blockquote", "<pre", "<ul>\n<li>\n<ul>"):
        assert block not in rendered, rendered
    assert rendered.count("<li>") == 1


def test_code_spans_of_any_length_render_as_code() -> None:
    assert inline_html("run ``grep `x` y`` now") == "run <code>grep &#96;x&#96; y</code> now"
    rendered = markdown.markdown(f"# {inline_html('a ``b `c` d`` e')}")
    assert rendered == "<h1>a <code>b &#96;c&#96; d</code> e</h1>"  # shown as `


def test_an_incident_page_renders_lessons_and_events_inline(tmp_path: Path) -> None:
    folder = write_archive(tmp_path)
    extra = """\
    timeline:
      - {at: "10:05", kind: detection, event: "# Alert fired"}
    action_items:
      - {title: "- Roll back faster"}
    lessons:
      went_well: ["# x", "- x", "---"]
    """
    (folder / "2024-03-01-inline.yaml").write_text(incident(extra=extra))
    archive, problems = check_archive([folder])
    assert archive is not None, problems
    page = render_incident_page(archive, archive.by_id["2024-03-01-inline"], today=date(2025, 1, 1))
    html = _page_html(page)
    assert "<li><h1>" not in html and "<li>\n<h1>" not in html
    assert "<hr" not in html.split('id="lessons"')[1]
    assert "# Alert fired" in html.replace("&#35;", "#")
