"""Page layouts as Jinja2 templates: the package's `templates/` folder, and a folder of the
site's own (`templates:` in the settings) whose files of the same name win, the way a
Material site overrides theme templates from `custom_dir`.

A template's output is Markdown, so HTML escaping alone is not enough: `{: onfocus=…}`
after a heading or `[x](javascript:…)` are HTML-inert and still become markup. Every value
a template shows goes through the escaping the default pages use for short fields
(`inline_html`: HTML and Markdown characters inert, no block start), one line at a time:

- the renderers hand the templates pieces they have made safe themselves (`Markup`: chips,
  tables, diagrams, prose), shown as they are;
- the raw data (`incident`, `term`, `archive`) reach a template shielded: every text inside
  them, however it is reached (attribute, item, loop, method call), is already escaped
  Markup, so joining it to a safe piece, `|safe`, `|e` or `~` cannot unescape it;
- any other text (a template's own computation, a filter's result) is escaped on output.

`|raw` is the one way to the value as written in the file (for a site that trusts its
authors' HTML); `|inline` and `|prose` render a field as the default pages do.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
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

from ...errors import Problem
from ...text.markup import attribute, inline_html, prose_block, unlinkable_scheme

PACKAGE_TEMPLATES = Path(__file__).resolve().parent
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
    environment.finalize = _finalize
    environment.filters["inline"] = lambda value: Markup(inline_html(_written(value)))
    environment.filters["attribute"] = lambda value: Markup(_no_scheme(attribute(_written(value))))
    environment.filters["prose"] = lambda value: Markup(prose_block(_written(value)))
    environment.filters["raw"] = _raw
    environment.filters["e"] = environment.filters["escape"] = _escaped
    environment.filters["striptags"] = _without_tags
    environment.filters["forceescape"] = lambda value: Markup(text_lines(_written(value)))
    return environment


RAW_DATA = ("incident", "term", "archive")


def render_template(name: str, **values: Any) -> str:
    shown = {key: shield(value) if key in RAW_DATA else value for key, value in values.items()}
    return _environment(_override).get_template(name).render(**shown)


def text_lines(text: str) -> str:
    """Text as Markdown that shows it as written: each line through `inline_html`, the line
    breaks kept (a template's own multi-line text stays paragraphs); a line cannot start an
    admonition or a details block either."""
    lines = (inline_html(line) for line in text.split("\n"))
    shown = "\n".join(
        f"&#{ord(line[0])};{line[1:]}" if line.startswith(("!", "?")) else line for line in lines
    )
    return _no_scheme(shown)


def _no_scheme(shown: str) -> str:
    """Placed in an href (`[x]({{ incident.source_url }})`), `javascript:…` would run: a
    zero-width space after its first letter leaves it a relative link, shown alike."""
    if unlinkable_scheme(html.unescape(shown)):
        return f"{shown[0]}\u200b{shown[1:]}"
    return shown


class Text(Markup):
    """A text of the raw data, escaped by `text_lines`; `raw` keeps it as written."""

    raw: str | None = None


def _text(value: str) -> Text:
    shown = Text(text_lines(value))
    shown.raw = value
    return shown


_PLAIN = (bool, int, float, date, datetime, time, timedelta, type(None))


def shield(value: Any) -> Any:
    """`value` as a template may see it: texts escaped wherever they are inside it."""
    if isinstance(value, (Markup, _Shielded, *_PLAIN)):
        return value
    if isinstance(value, str):
        return _text(value)
    return _Shielded(value)  # lists and mappings too: shielded as they are read


class _Shielded:
    """An object whose attributes, items and method results are shielded in turn; its
    private and special names are not reachable from a template."""

    __slots__ = ("_value",)

    def __init__(self, value: Any) -> None:
        self._value = value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        found = getattr(self._value, name)
        if callable(found) and not isinstance(found, type):
            return _shielded_call(found)
        return shield(found)

    def __getitem__(self, key: Any) -> Any:
        return shield(self._value[_unshielded(key)])

    def __iter__(self) -> Iterator[Any]:
        return (shield(item) for item in self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __contains__(self, item: Any) -> bool:
        return _unshielded(item) in self._value

    def __eq__(self, other: object) -> bool:
        return bool(self._value == _unshielded(other))

    def __hash__(self) -> int:
        return hash(self._value)

    def __html__(self) -> str:
        return text_lines(str(self._value))

    def __str__(self) -> str:
        return self.__html__()


def _shielded_call(method: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        plain = {key: _unshielded(value) for key, value in kwargs.items()}
        return shield(method(*(_unshielded(a) for a in args), **plain))

    return call


def _unshielded(value: Any) -> Any:
    if isinstance(value, _Shielded):
        return value._value
    if isinstance(value, Text) and value.raw is not None:
        return value.raw
    return value


def _written(value: Any) -> str:
    """The text of `value` as the file has it (a shielded text unescaped by its `raw`)."""
    return str(_unshielded(value))


def _raw(value: Any) -> Any:
    """`|raw`: the value as written, unescaped. Only for text a site trusts."""
    found = _unshielded(value)
    return Markup(found) if isinstance(found, str) else found


def _escaped(value: Any) -> Markup:
    return value if isinstance(value, Markup) else Markup(text_lines(str(value)))


def _without_tags(value: Any) -> Markup:
    """Jinja2's `striptags` unescapes what it keeps: its text is escaped again here."""
    if isinstance(value, Text):
        return value
    return Markup(text_lines(Markup(str(value)).striptags()))


def _finalize(value: Any) -> Any:
    """What `{{ … }}` prints: safe pieces as they are, anything else as escaped text."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    if value is None or isinstance(value, _PLAIN):
        return value
    return Markup(text_lines(str(value)))


def safe(text: str) -> Markup:
    """`text` that a renderer has made safe already (escaped, sanitised)."""
    return Markup(text)


def template_problems(folder: Path) -> list[Problem]:
    """Every template of `folder` that Jinja2 cannot read, at its line; a missing folder."""
    if not folder.is_dir():
        return [Problem.error(str(folder), 0, 0, "the templates folder does not exist")]
    problems = []
    environment = _environment(folder)
    for path in sorted(folder.glob("*.j2")):
        try:
            environment.get_template(path.name)
        except TemplateSyntaxError as error:
            problems.append(Problem.error(str(path), error.lineno, 0, error.message or ""))
        except TemplateError as error:
            problems.append(Problem.error(str(path), 0, 0, str(error)))
    return problems
