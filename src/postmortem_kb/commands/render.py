"""`postmortem render --out DIR`: every generated page as a Markdown file, with the feeds,
incidents.json and the archive's assets, for site builders that run no MkDocs hook or
plugin (Zensical, or MkDocs without this package). See the guide's Zensical recipe.

Differences from a hook or plugin build, on purpose:
- incident pages are left to the builder's own search (one entry per heading), where the
  hook adds one entry per incident to Material's index;
- the `<!-- postmortem-kb:... -->` markers of hand-written pages stay as they are.

DIR is written only when it is empty or holds a `.postmortem-render` list from an earlier
run: then the files of that list are replaced, and nothing else is touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..render.urls import ASSETS_DIR
from ..sitebuild.assets import MISSING_HINT, PACKAGE_ASSETS, asset_names, missing_assets
from ..sitebuild.session import BuildSession, GeneratedPage

MANIFEST = ".postmortem-render"
_UNSEARCHED = "search:\n  exclude: true\n"


class RenderError(Exception):
    """`postmortem render` cannot go on; the message says why."""


def previous_files(out: Path) -> list[str]:
    """The files an earlier run wrote into `out`; RenderError if `out` holds anything else."""
    if not out.exists():
        return []
    if not out.is_dir():
        raise RenderError(f"{out} is not a folder")
    manifest = out / MANIFEST
    if manifest.is_file():
        return manifest.read_text(encoding="utf-8").split()
    if any(out.iterdir()):
        raise RenderError(
            f"{out} is not empty and was not written by `postmortem render`; "
            "not touching it (give an empty or new folder)"
        )
    return []


def builder_searchable(page: GeneratedPage) -> str:
    """The page's Markdown with the builder's own search allowed (see the module's doc)."""
    head, sep, body = page.content.partition("\n---\n")
    if not page.is_page or not sep or _UNSEARCHED not in head + "\n":
        return page.content
    return (head + "\n").replace(_UNSEARCHED, "", 1).removesuffix("\n") + sep + body


def render_to_folder(session: BuildSession, out: Path, *, site_url: str | None) -> list[str]:
    """Write every generated file and the archive's assets under `out`; return their paths,
    relative to `out`. The session must be loaded."""
    old = previous_files(out)
    names = asset_names()
    missing = missing_assets(names)
    if missing:
        raise RenderError(
            f"missing from the installed package: {', '.join(missing)} under {PACKAGE_ASSETS}"
            f" ({MISSING_HINT})"
        )
    for name in old:
        (out / name).unlink(missing_ok=True)
    written: list[str] = []
    for page in session.pages(site_url=site_url):
        _write(out / page.uri, builder_searchable(page))
        written.append(page.uri)
    for name in names:
        uri = session.layout.source(f"{ASSETS_DIR}/{name}")
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGE_ASSETS / name, target)
        written.append(uri)
    session.pages_placed({})
    (out / MANIFEST).write_text("\n".join(written) + "\n", encoding="utf-8")
    return written


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
