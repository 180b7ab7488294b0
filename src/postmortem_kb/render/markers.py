"""The page-marker contract: a hand-written page shows live figures of the archive where it
says `<!-- postmortem-kb:NAME -->`. NAME is one of `MARKERS`; any other is a build error
(a misspelt marker would otherwise stay an invisible comment)."""

from __future__ import annotations

import re

from ..errors import Problem, did_you_mean

MARKERS = {
    "figures": "how many incidents, root causes and services the archive holds",
    "latest": "the five latest incidents, linked",
    "top-causes": "the eight most frequent root causes, linked, with their counts",
}
MARKER_WORD = "postmortem-kb:"
_MARKER = re.compile(r"<!--\s*postmortem-kb:([A-Za-z0-9_-]*)\s*-->")


def marker_problems(path: str, markdown: str) -> list[Problem]:
    """Every unknown marker of page `path`, at its line and column."""
    problems = []
    for found in _MARKER.finditer(markdown):
        name = found.group(1)
        if name in MARKERS:
            continue
        line = markdown.count("\n", 0, found.start()) + 1
        column = found.start() - (markdown.rfind("\n", 0, found.start()) + 1) + 1
        problems.append(Problem.error(
            path, line, column, f"unknown marker 'postmortem-kb:{name}'",
            did_you_mean(name, MARKERS) or "known: " + ", ".join(sorted(MARKERS)),
        ))  # fmt: skip
    return problems


def has_markers(markdown: str) -> bool:
    return MARKER_WORD in markdown


def fill_markers(markdown: str, figures: dict[str, str]) -> str:
    """Replace each marker of `markdown` with its Markdown from `figures`
    (`render_home_figures`); `marker_problems` has rejected unknown ones before."""
    if not has_markers(markdown):
        return markdown
    return _MARKER.sub(lambda m: figures.get(m.group(1), m.group(0)), markdown)
