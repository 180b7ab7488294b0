"""Golden files for every generated page type: the exact Markdown handed to MkDocs.

Refresh after an intended change with `pytest tests/test_golden_pages.py --update-goldens`
and review the diff.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from postmortem_kb.render.indexes import render_home_figures
from postmortem_kb.render.site import fill_markers, generated_pages
from postmortem_kb.validate import check_archive

HERE = Path(__file__).parent / "golden"
TODAY = date(2025, 3, 15)


def pages() -> dict[str, str]:
    archive, problems = check_archive([HERE / "archive"])
    assert archive is not None, problems
    # Goldens hold the Markdown pages; feeds, JSON and the schema have tests of their own.
    generated = generated_pages(archive, today=TODAY)
    result = {uri: content for uri, content in generated.items() if uri.endswith(".md")}
    result["index.md"] = fill_markers(
        "<!-- postmortem-kb:figures -->\n\n<!-- postmortem-kb:latest -->\n\n"
        "<!-- postmortem-kb:top-causes -->\n",
        render_home_figures(archive),
    )
    return result


# Every kind of generated page, so that the goldens cover each (checked before rewriting them).
SECTIONS = ("incidents", "root-causes", "services")
PAGE_KINDS = [
    re.compile(pattern)
    for pattern in (
        r"index\.md", r"insights/index\.md", r"action-items/index\.md",
        *(rf"{section}/index\.md" for section in SECTIONS),
        *(rf"{section}/(?!index\.md)[^/]+\.md" for section in SECTIONS),
    )
]  # fmt: skip


def test_golden_pages(update_goldens: bool) -> None:
    generated = pages()
    for kind in PAGE_KINDS:
        assert any(kind.fullmatch(uri) for uri in generated), f"no page like {kind.pattern}"
    folder = HERE / "pages"
    if update_goldens:
        for old in folder.rglob("*.md"):
            old.unlink()
        for uri, content in generated.items():
            (folder / uri).parent.mkdir(parents=True, exist_ok=True)
            (folder / uri).write_text(content)
    expected = {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*.md")}
    assert sorted(generated) == sorted(expected)
    for uri, content in generated.items():
        assert content == expected[uri], f"{uri} differs; rerun with --update-goldens to see"
