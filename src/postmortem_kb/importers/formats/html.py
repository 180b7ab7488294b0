"""HTML exports of wiki pages and documents: Confluence ("Export to HTML", "Save as") and
Google Docs ("Download → Web page").

BeautifulSoup reads the page; its headings, paragraphs, lists and tables are written out
as Markdown and read like any Markdown review. The page chrome (breadcrumbs, "Created by
… last modified on …", footers, scripts and styles) is left out: it dates the page, not
the incident.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

from ..common import Draft
from .markdown import bare_title, read_markdown

_CHROME = (
    "script, style, head, nav, footer, #breadcrumb-section, #footer, .page-metadata, "
    "#main-header .breadcrumbs, .pageSection.group, #likes-and-labels-container"
)
_BOLD = re.compile(r"font-weight:\s*(?:bold|[6-9]00)")
_BLOCKS = {"p", "div", "section", "article", "main", "body", "blockquote", "ul", "ol", "table"}


def read_html(text: str) -> Draft:
    """The draft of an exported HTML page."""
    soup = BeautifulSoup(text, "html.parser")
    title = _title(soup)
    for junk in soup.select(_CHROME):
        junk.decompose()
    for bold in soup.find_all(["b", "strong"]) + soup.find_all("span", style=_BOLD):
        if bold.get_text(strip=True):
            bold.insert_before("**")
            bold.insert_after("**")
    lines: list[str] = []
    _write(soup.body or soup, lines)
    markdown = "\n".join(lines)
    draft = Draft(title=title)
    return read_markdown(markdown, draft)


def _title(soup: BeautifulSoup) -> str:
    """Google Docs' `p.title`, the page's first h1, else `<title>` without the wiki space."""
    for candidate in (soup.select_one("p.title"), soup.find("h1")):
        if candidate is not None and candidate.get_text(strip=True):
            text = candidate.get_text(" ", strip=True)
            candidate.decompose()
            return _page_title(text)
    if soup.title and soup.title.string:
        return _page_title(soup.title.string)
    return ""


def _page_title(text: str) -> str:
    """`Space : Postmortem - What broke` (Confluence) → `What broke`."""
    return bare_title(_plain(text).split(" : ", 1)[-1])


def _plain(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def _inline(node: Tag) -> str:
    text = " ".join(node.get_text(" ").split())
    return re.sub(r"\*\* (.*?) \*\*", r"**\1**", text).replace("** :", "**:")


def _write(node: Tag, lines: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.strip() and not isinstance(child, Comment):
                lines += [" ".join(child.split()), ""]
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if re.fullmatch(r"h[1-6]", name):
            lines += [f"{'#' * int(name[1])} {_plain(_inline(child))}", ""]
        elif name in ("ul", "ol"):
            for item in child.find_all("li"):
                nested = item.find(["ul", "ol"])
                if nested is not None:
                    nested.extract()
                lines.append(f"- {_checkbox(item)}{_inline(item)}")
            lines.append("")
        elif name == "table":
            _table(child, lines)
        elif name == "pre":
            lines += ["```", child.get_text(), "```", ""]
        elif name == "br":
            continue
        elif any(isinstance(c, Tag) and c.name in _BLOCKS | {"h1", "h2", "h3"} for c in child):
            _write(child, lines)
        elif _inline(child):
            lines += [_inline(child), ""]


def _checkbox(item: Tag) -> str:
    """A task list's item as a checklist item: Confluence's `li.checked`, an `<input
    type=checkbox checked>`."""
    box = item.find("input", attrs={"type": "checkbox"})
    classes: list[str] = list(item.get("class") or [])
    if box is not None:
        return "[x] " if box.has_attr("checked") else "[ ] "
    if item.has_attr("data-inline-task-id") or "checked" in classes:
        return "[x] " if "checked" in classes else "[ ] "
    return ""


def _table(table: Tag, lines: list[str]) -> None:
    rows = [[_inline(cell) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]
    rows = [row for row in rows if any(row)]
    if not rows:
        return
    cells = [row.find_all(["th", "td"]) for row in table.find_all("tr")]
    # Rows of "label | value" with the label as a header cell: a key-value box, not a table.
    labelled = all(len(row) == 2 and [c.name for c in row] == ["th", "td"] for row in cells)
    if labelled:
        lines += [f"**{label}:** {value}" for label, value in rows] + [""]
        return
    width = max(len(row) for row in rows)
    lines.append("| " + " | ".join(rows[0]) + " |")
    lines.append("|" + "---|" * width)
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    lines.append("")
