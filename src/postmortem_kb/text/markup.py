"""Incident text → safe HTML. Text from incident files is data: it may format, never run.

Prose fields are Markdown, rendered here once with raw HTML switched off (a `<script>`
written in a postmortem shows as text), then passed through nh3, an allow-list HTML
cleaner, so no event handler or `javascript:` link survives. Short texts placed in table
cells and headers get plain escaping plus inline code.
"""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3

_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_SCHEMES = {"http", "https", "mailto"}
_WHITESPACE = re.compile(r"\s+")

_HEADING = re.compile(r"<(/?)h[12]>")
# Browsers drop tabs and newlines from URLs (and ignore leading controls and spaces), so
# `java\tscript:` runs as `javascript:` although nh3 takes it for a relative link.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _keep_safe_urls(element: str, name: str, value: str) -> str | None:
    if name not in ("href", "src"):
        return value
    return safe_url(value, relative=True)


def _markdown_without_html() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_markdown = _markdown_without_html()


@functools.lru_cache(maxsize=4096)
def prose_html(text: str) -> str:
    """Markdown prose → sanitised HTML block ('' for empty text).

    Cached (bounded): the incident page and the incident's search entry both need it."""
    if not text.strip():
        return ""
    # Headings inside a field would break the page outline: demote them below the section's.
    rendered = _HEADING.sub(r"<\1h4>", _markdown.reset().convert(text))
    return nh3.clean(
        rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
        attribute_filter=_keep_safe_urls, link_rel="noopener nofollow",
    )  # fmt: skip


# Characters MkDocs' Markdown would act on once this text sits in a generated page:
# links, emphasis, attribute lists (`{: onclick=…}`), table cells, escapes, code spans.
_MARKDOWN_SYNTAX = str.maketrans({c: f"&#{ord(c)};" for c in "[]*_{}|\\`"})
# What starts a block when a line begins with it (heading, list, rule, quote, fence, table):
# a short field sits at the start of a list item or a heading, so its first character is
# written as a reference and the text stays text.
_BLOCK_START = re.compile(r"^(?:[#>=~:+*-]|\d+[.)])")
# A code span as CommonMark reads it: a run of backticks, closed by a run of the same length.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def prose_block(text: str) -> str:
    """Prose as one raw HTML block of a generated Markdown page ('' for empty text)."""
    rendered = prose_html(text)
    return f'<div class="pm-prose">\n{rendered}\n</div>\n\n' if rendered else ""


def inline_html(text: str) -> str:
    """A short field (title, event, lesson, action item, …) → inline HTML for a generated
    Markdown page: one line, code spans (`` `x` ``, ``` ``a`b`` ```) as code, every other
    character as typed. Never a block: `# x`, `- x`, `---` and `1. x` stay text."""
    inline = _inline(text, _MARKDOWN_SYNTAX, quote=True)
    start = _BLOCK_START.match(inline)
    return inline if start is None else f"&#{ord(inline[0])};{inline[1:]}"


def plain_html(text: str) -> str:
    """One line of text → HTML text that is not read as Markdown again (search entries):
    `<`, `>` and `&` escaped, `code` spans kept, Markdown's characters left as they are."""
    return _inline(text, {}, quote=False)


def _inline(text: str, table: dict[int, str], *, quote: bool) -> str:
    folded = _WHITESPACE.sub(" ", text).strip()
    if "`" not in folded:
        return html.escape(folded, quote=quote).translate(table)
    out, position = [], 0
    for span in _CODE_SPAN.finditer(folded):
        out.append(html.escape(folded[position : span.start()], quote=quote).translate(table))
        code = span[2]
        if len(code) > 2 and code[0] == code[-1] == " " and code.strip():
            code = code[1:-1]  # `` `a` `` holds "`a`": one space each side is padding
        out.append(f"<code>{html.escape(code, quote=quote).translate(table)}</code>")
        position = span.end()
    out.append(html.escape(folded[position:], quote=quote).translate(table))
    return "".join(out)


def attribute(text: str) -> str:
    """Text for an HTML attribute value (inside double quotes)."""
    return html.escape(_WHITESPACE.sub(" ", text).strip(), quote=True)


def safe_url(url: str, *, relative: bool = False) -> str | None:
    """The one URL filter of every output (pages, feeds, incidents.json): the address, cut
    of surrounding whitespace, when it is http, https or mailto (or, with `relative`, a
    path on this site); else None.

    The scheme is read as a browser reads it (tabs, newlines and controls dropped) after
    the same strip Python applies (NBSP, vertical tab): no form of `javascript:` passes."""
    cleaned = url.strip()
    scheme = _scheme(cleaned)
    if scheme is None:
        return cleaned if relative and cleaned else None
    return cleaned if scheme in _SCHEMES else None


def _scheme(url: str) -> str | None:
    found = _SCHEME.match(_URL_IGNORED.sub("", url.strip()))
    return found[1].lower() if found else None


def unlinkable_scheme(url: str) -> bool:
    """`url` names a scheme the pages never link (javascript:, file:, slack:): meant as a
    link, shown as text. A value with no scheme (a ticket id such as INF-210) is not."""
    scheme = _scheme(url)
    return scheme is not None and scheme not in _SCHEMES


_HREF = re.compile(r'<a [^>]*?href="([^"]*)"')
_LINK_MARKS = ("](", "]:")


def dropped_links(text: str) -> list[str]:
    """The link targets of Markdown prose that `prose_html` leaves out (see `safe_url`),
    read from the same rendering; cheap for the many texts with no link at all. Renders:
    only for prose that `validation.rules.prose` accepts."""
    if not any(mark in text for mark in _LINK_MARKS):
        return []
    rendered = _markdown.reset().convert(text)
    targets = (html.unescape(href) for href in _HREF.findall(rendered))
    return [url for url in targets if unlinkable_scheme(url)]
