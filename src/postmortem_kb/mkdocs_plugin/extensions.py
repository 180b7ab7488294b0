"""The Markdown extensions generated pages are written for: turned on when missing, a build
error naming what to change when the site configures one in a way the pages cannot use."""

from __future__ import annotations

from typing import Any

from pymdownx.superfences import fence_div_format

SUPERFENCES = "pymdownx.superfences"
PLAIN = ("attr_list", "md_in_html", "admonition", "tables", "toc")
"""attr_list: heading ids, chips; md_in_html: Markdown inside the card and diagram blocks;
admonition: the draft notice; tables and toc: lists and heading permalinks."""
MERMAID_FENCE = {"name": "mermaid", "class": "mermaid", "format": fence_div_format}
"""fence_div_format HTML-escapes the diagram source (fence_mermaid_custom does not) and
makes a div.mermaid, which Material leaves alone (it loads its own Mermaid from a CDN for
pre.mermaid) and the pinned Mermaid renders."""


def _name(extension: str) -> str:
    return extension.removeprefix("markdown.extensions.")


def ensure_extensions(config: Any) -> list[str]:
    """Turn on what is missing in MkDocs' `config`; return the conflicts, as messages."""
    names = {_name(e) for e in config.markdown_extensions}
    for extension in PLAIN:
        if extension not in names:
            config.markdown_extensions.append(extension)
    if SUPERFENCES not in names:
        config.markdown_extensions.append(SUPERFENCES)
    options = config.mdx_configs.setdefault(SUPERFENCES, {})
    fences = options.setdefault("custom_fences", [])
    mermaid = [fence for fence in fences if fence.get("name") == "mermaid"]
    if not mermaid:
        fences.append(dict(MERMAID_FENCE))
        return []
    fence = mermaid[0]
    if fence.get("format") is fence_div_format and fence.get("class") == "mermaid":
        return []
    return [
        f"markdown_extensions: {SUPERFENCES}'s custom fence 'mermaid' must be "
        "{name: mermaid, class: mermaid, format: "
        "!!python/name:pymdownx.superfences.fence_div_format} for the archive's diagrams "
        "(another format shows them as code, or loads Mermaid from a CDN)"
    ]
