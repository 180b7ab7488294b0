"""What one build publishes: from mkdocs.yml's `extra.postmortem` (this repository's hook),
the `postmortems` plugin's options (a host site), and the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import Problem
from ..render.urls import normalise_prefix
from ..times import TimeFormatError, parse_date

ENV_TODAY = "POSTMORTEM_TODAY"
ENV_AUDIENCE = "POSTMORTEM_AUDIENCE"


@dataclass(frozen=True)
class BuildSettings:
    """`incidents`: the archive folder (relative to mkdocs.yml); `audience`: internal builds
    show everything, public builds leave out internal incidents (and drafts, unless
    `drafts: true`); `today`: the date overdue action items are measured against;
    `self_contained`: the built site names no third-party host (see self_contained.py);
    `prefix`: the folder of the site every generated page goes under ('' or `name/`);
    `templates`: a folder (relative to mkdocs.yml) of page templates that win over the
    package's (render/templates.py)."""

    incidents: str = "incidents"
    audience: str = "internal"
    include_drafts: bool = True
    today: date | None = None
    self_contained: bool = True
    prefix: str = ""
    templates: str | None = None

    @property
    def include_internal(self) -> bool:
        return self.audience == "internal"

    def build_date(self) -> date:
        return self.today or date.today()


def read_settings(
    extra: Mapping[str, Any], environ: Mapping[str, str] = os.environ
) -> tuple[BuildSettings, list[Problem]]:
    """Settings from `extra.postmortem` in mkdocs.yml; environment variables win."""
    return settings_from(extra.get("postmortem") or {}, "extra.postmortem", environ)


def settings_from(
    given: Mapping[str, Any],
    where: str,
    environ: Mapping[str, str] = os.environ,
    *,
    self_contained_default: bool = True,
) -> tuple[BuildSettings, list[Problem]]:
    """Settings from the mapping `given` (found in mkdocs.yml at `where`) and the
    environment, with every problem found."""
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem.error("mkdocs.yml", 0, 0, f"{where}: {message}"))

    audience = str(environ.get(ENV_AUDIENCE) or given.get("audience", "internal"))
    if audience not in ("internal", "public"):
        bad(f"audience must be 'internal' or 'public', not '{audience}'")
    drafts = given.get("drafts", audience == "internal")
    if not isinstance(drafts, bool):
        bad("drafts must be true or false")
        drafts = False
    today: date | None = None
    raw_today = environ.get(ENV_TODAY) or given.get("today")
    if raw_today:
        try:
            today = raw_today if isinstance(raw_today, date) else parse_date(str(raw_today))
        except TimeFormatError as exc:
            bad(str(exc))
    folder = str(given.get("incidents", "incidents"))
    self_contained = given.get("self_contained", self_contained_default)
    if not isinstance(self_contained, bool):
        bad("self_contained must be true or false")
        self_contained = self_contained_default
    try:
        prefix = normalise_prefix(str(given.get("prefix") or ""))
    except ValueError as exc:
        bad(str(exc))
        prefix = ""
    templates = given.get("templates")
    if templates is not None and not isinstance(templates, str):
        bad("templates must be a folder name")
        templates = None
    settings = BuildSettings(folder, audience, drafts, today, self_contained, prefix, templates)
    return settings, problems
