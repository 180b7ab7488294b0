"""Golden files for every generated page type: the exact Markdown handed to MkDocs.

One test per page, failing with a diff of what changed. Refresh after an intended change
with `pytest tests/unit/render/test_golden_pages.py --update-goldens` and review the diff.
"""

from __future__ import annotations

import difflib
import functools
import re
from datetime import date

import pytest

from postmortem_kb.render.generated import fill_markers, generated_pages
from postmortem_kb.render.pages.indexes import render_home_figures
from postmortem_kb.validation.check import check_archive
from tests.harness import TESTS

HERE = TESTS / "golden"
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


FOLDER = HERE / "pages"


@functools.cache
def generated() -> dict[str, str]:
    return pages()


def golden_uris() -> list[str]:
    return sorted(p.relative_to(FOLDER).as_posix() for p in FOLDER.rglob("*.md"))


def test_every_page_kind_has_a_golden_and_every_golden_a_page(update_goldens: bool) -> None:
    pages = generated()
    for kind in PAGE_KINDS:
        assert any(kind.fullmatch(uri) for uri in pages), f"no page like {kind.pattern}"
    if update_goldens:
        for old in FOLDER.rglob("*.md"):
            old.unlink()
        for uri, content in pages.items():
            (FOLDER / uri).parent.mkdir(parents=True, exist_ok=True)
            (FOLDER / uri).write_text(content)
    assert sorted(pages) == golden_uris()


@pytest.mark.parametrize("uri", golden_uris())
def test_golden_page(uri: str) -> None:
    expected = (FOLDER / uri).read_text()
    actual = generated().get(uri)
    assert actual is not None, f"{uri} is no longer generated"
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"golden/pages/{uri}",
            "generated",
        )
        pytest.fail(
            "".join(diff) + "\n(rerun with --update-goldens if the change is meant)",
            pytrace=False,
        )
