"""The Markdown extensions generated pages are written for, turned on when missing, and the
`pm-diagram` fence of the archive's diagrams. The site's own `mermaid` fence is the site's:
whatever it is set to (Material's `fence_code_format`, mermaid2's formats), the host's
diagrams keep working as the host set them up. A site with mermaid2 and no `mermaid`
fence gets mermaid2's standard one (`fence_div_format`, escaped), since turning on
superfences would otherwise hide its ```mermaid blocks from mermaid2."""

from __future__ import annotations

from typing import Any

from pymdownx.superfences import fence_code_format, fence_div_format

from ..sitebuild.assets import DIAGRAM_FENCE, diagram_block

SUPERFENCES = "pymdownx.superfences"
PLAIN = ("attr_list", "md_in_html", "admonition", "tables", "toc")
"""attr_list: heading ids, chips; md_in_html: Markdown inside the card and diagram blocks;
admonition: the draft notice; tables and toc: lists and heading permalinks."""

PINNED = "pinned"
MATERIAL = "material"
"""Who draws the archive's diagrams: diagrams.js with the pinned Mermaid, or the theme's own
Mermaid integration (Material's `pre.mermaid`), where the site set that up."""


def fence_pinned_diagram(source: str, *_: Any, **__: Any) -> str:
    """superfences format: a diagram diagrams.js draws (escaped; see `diagram_block`)."""
    return diagram_block(source, drawer=PINNED)


def fence_material_diagram(source: str, *_: Any, **__: Any) -> str:
    """superfences format: Material's `pre.mermaid`, for the theme to draw."""
    return diagram_block(source, drawer=MATERIAL)


def _name(extension: str) -> str:
    return extension.removeprefix("markdown.extensions.")


MERMAID2_CUSTOM = "fence_mermaid_custom"
"""mermaid2's superfences format for Material: a `pre.mermaid` that Material's integration
draws, as `fence_code_format` makes."""


def host_drawer(config: Any) -> str:
    """MATERIAL where the site's `mermaid` fence makes the `pre.mermaid` Material's own
    integration draws (Material's `fence_code_format`, mermaid2's `fence_mermaid_custom`),
    else PINNED."""
    options = config.mdx_configs.get(SUPERFENCES) or {}
    for fence in options.get("custom_fences") or []:
        if fence.get("name") == "mermaid":
            format_ = fence.get("format")
            name = getattr(format_, "__name__", "")
            material = format_ is fence_code_format or name == MERMAID2_CUSTOM
            return MATERIAL if material and fence.get("class") == "mermaid" else PINNED
    return PINNED


def ensure_extensions(config: Any) -> str:
    """Turn on what is missing in MkDocs' `config` and add the archive's diagram fence;
    return who draws the archive's diagrams (`host_drawer`)."""
    names = {_name(e) for e in config.markdown_extensions}
    for extension in PLAIN:
        if extension not in names:
            config.markdown_extensions.append(extension)
    if SUPERFENCES not in names:
        config.markdown_extensions.append(SUPERFENCES)
    drawer = host_drawer(config)
    options = config.mdx_configs.setdefault(SUPERFENCES, {})
    fences = options.setdefault("custom_fences", [])
    fences[:] = [fence for fence in fences if fence.get("name") != DIAGRAM_FENCE]
    if "mermaid2" in config.plugins and not any(f.get("name") == "mermaid" for f in fences):
        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_div_format})
    format_ = fence_material_diagram if drawer == MATERIAL else fence_pinned_diagram
    fences.append({"name": DIAGRAM_FENCE, "class": DIAGRAM_FENCE, "format": format_})
    return drawer
