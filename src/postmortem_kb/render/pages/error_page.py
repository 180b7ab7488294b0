"""What a live preview shows while the archive has errors: the validator's own lines, in
the browser, on the page the author is looking at (not only in the terminal)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ...errors import Problem, format_problems

TITLE = "The incident archive has errors"
_SAVE = (
    "The preview rebuilds when a file is saved; <code>postmortem validate</code> prints the "
    "same lines."
)
# Long paths and messages wrap inside the page instead of running off its right edge.
_WRAP = "white-space: pre-wrap; overflow-wrap: anywhere"


def error_page(problems: Sequence[Problem]) -> str:
    """A generated page (Markdown with front matter) listing every problem."""
    return (
        f'---\ntitle: "{TITLE}"\nsearch:\n  exclude: true\n---\n\n# {TITLE}\n\n'
        f"{_SAVE}\n\n{_listing(problems)}\n"
    )


def error_banner(problems: Sequence[Problem]) -> str:
    """The same list as an HTML block put above a hand-written page's content."""
    return (
        f'<div class="admonition failure"><p class="admonition-title">{TITLE}</p>'
        f"<p>{_SAVE}</p>{_listing(problems)}</div>\n"
    )


def _listing(problems: Sequence[Problem]) -> str:
    return (
        f'<pre class="pm-problems" style="{_WRAP}">{html.escape(format_problems(problems))}</pre>'
    )
