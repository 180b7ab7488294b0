"""The site's search index: Pagefind run over the built site, after MkDocs wrote it.

Pagefind reads the HTML pages and writes a split index to `<site>/pagefind/` with its own
scripts: a browser downloads only the index chunks its query needs (0.4 MB for a
first query at 10,000 incidents, against 4.6 MB for Material's single JSON index), and the
site stays self-contained (no script from another host). The binary comes with the PyPI
package `pagefind[bin]`, so it installs like any other dependency, offline included.

Only pages with a `data-pagefind-body` element are indexed: the theme override puts one
around the content of every page whose front matter does not say `search: exclude: true`
(incident pages and the hand-written pages; not the generated listings).

Pagefind holds every page it reads in memory until it writes the index, several copies
of each page's words (2.5 GB at 10,000 incidents, while the build holds 0.8 GB; see
docs/benchmarks.md): so it reads only the pages it indexes (the listings are not even
opened), and in them only what a search needs (`EXCLUDED`).
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = "pagefind"
"""Where the index and Pagefind's scripts go, under the site folder."""

EXCLUDED = (
    ".headerlink",  # the permalink sign after every heading
    ".pm-jump",  # the jump line under the card: the same section names on every page
    ".pm-card",  # the header card: figures and labels; its causes, services, trigger and
    # factors are in the search terms line, its "why" and "fixed by" repeat the root cause
    # and the resolution
    ".pm-legend",  # the timeline's colour key
    ".pm-caption",  # "times in UTC", "show all events"
    ".pm-actions",  # action items: owners, dates, states
    ".pm-source",  # the incident file's path
)
"""What Pagefind leaves out of an indexed page: what every incident page repeats (labels,
figures, the jump line) and what nobody searches for. The diagrams' source, the result
card's data and the related incidents are already marked `data-pagefind-ignore`."""

_BODY = b"data-pagefind-body"


class SearchIndexError(RuntimeError):
    """Pagefind failed: its own output says why."""


@dataclass(frozen=True)
class SearchIndex:
    """What one indexing run produced."""

    pages: int
    """Pages indexed (every language together)."""
    seconds: float
    """Wall time of the run."""
    cpu_seconds: float
    """Processor time of Pagefind (user + system, all its threads)."""
    bundle: Path
    """The folder holding the index and Pagefind's scripts."""


def index_site(site_dir: Path, *, language: str = "en") -> SearchIndex:
    """Index the built site in `site_dir` with Pagefind; the result is under `pagefind/`.

    One index in `language` (stemming: leak, leaks, leaking are one word), whatever the
    pages' `lang` says, so a search always covers every page."""
    if importlib.util.find_spec("pagefind") is None:
        raise SearchIndexError(
            "The archive's search needs Pagefind: pip install 'postmortem-kb[pagefind]', "
            "or add Material's `search` to `plugins:` (the archive then uses it)"
        )
    started, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    bundle = site_dir / BUNDLE_DIR
    with _indexed_pages(site_dir) as source:
        command = [
            sys.executable, "-m", "pagefind",
            "--site", str(source),
            "--output-path", str(bundle),
            "--force-language", language,
            "--exclude-selectors", ", ".join(EXCLUDED),
            "--quiet",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(
            f"Pagefind could not index {site_dir}:\n{done.stderr or done.stdout}"
        )
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(language["page_count"] for language in entry["languages"].values())
    done_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (done_children.ru_utime - children.ru_utime) + (
        done_children.ru_stime - children.ru_stime
    )
    return SearchIndex(
        pages=pages, seconds=time.perf_counter() - started, cpu_seconds=cpu, bundle=bundle
    )


class _indexed_pages:
    """The folder Pagefind reads: `site_dir` itself when no page marks a body (a theme
    without our override: Pagefind indexes every page's <body>), else a temporary folder
    beside the site holding only the pages with a body, at the same relative paths (so
    the same URLs), as hard links (copies where links are refused), removed afterwards."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.folder: Path | None = None

    def __enter__(self) -> Path:
        pages = [page for page in _html_pages(self.site_dir) if _BODY in page.read_bytes()]
        if not pages:
            return self.site_dir
        self.folder = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=self.site_dir.parent))
        for page in pages:
            target = self.folder / page.relative_to(self.site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:
                shutil.copyfile(page, target)
        return self.folder

    def __exit__(self, *_: object) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _html_pages(site_dir: Path) -> Iterator[Path]:
    bundle = site_dir / BUNDLE_DIR
    for page in site_dir.rglob("*.html"):
        if not page.is_relative_to(bundle):
            yield page
