"""Page layouts as Jinja2 templates: the package's `templates/` folder, and a folder of the
site's own (`templates:` in the settings) whose files of the same name win, the way a
Material site overrides theme templates from `custom_dir`.

Every value is escaped unless it is marked safe: the renderers hand the templates pieces
they have made safe themselves (`Markup`: chips, tables, diagrams, prose), and whatever
else a template shows (an incident's fields, a term's title) is escaped by Jinja2. The
`inline` filter gives one line of incident text as the renderers show it (code spans
kept, Markdown's characters inert).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)
from markupsafe import Markup

from ..errors import Problem
from .text import attribute, inline_html, prose_block

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAMES = (
    "incident.md.j2",
    "card.md.j2",
    "archive-index.md.j2",
    "term-page.md.j2",
    "term-index.md.j2",
)

_override: Path | None = None


def use_templates(folder: Path | None) -> None:
    """Take templates from `folder` first (None: the package's only) for what is rendered
    from now on in this process."""
    global _override
    _override = folder


@functools.lru_cache(maxsize=8)
def _environment(folder: Path | None) -> Environment:
    folders = [str(folder)] if folder else []
    environment = Environment(
        loader=FileSystemLoader([*folders, str(PACKAGE_TEMPLATES)]),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        undefined=StrictUndefined,
        auto_reload=folder is not None,  # a site's own templates may change under `serve`
    )
    environment.filters["inline"] = lambda text: Markup(inline_html(str(text)))
    environment.filters["attribute"] = lambda text: Markup(attribute(str(text)))
    environment.filters["prose"] = lambda text: Markup(prose_block(str(text)))
    return environment


def render_template(name: str, **values: Any) -> str:
    return _environment(_override).get_template(name).render(**values)


def safe(text: str) -> Markup:
    """`text` that a renderer has made safe already (escaped, sanitised)."""
    return Markup(text)


def template_problems(folder: Path) -> list[Problem]:
    """Every template of `folder` that Jinja2 cannot read, at its line; a missing folder."""
    if not folder.is_dir():
        return [Problem(str(folder), 0, 0, "error", "the templates folder does not exist")]
    problems = []
    environment = _environment(folder)
    for path in sorted(folder.glob("*.j2")):
        try:
            environment.get_template(path.name)
        except TemplateSyntaxError as error:
            problems.append(Problem(str(path), error.lineno, 0, "error", error.message or ""))
        except TemplateError as error:
            problems.append(Problem(str(path), 0, 0, "error", str(error)))
    return problems
