"""The site's search index: Pagefind run over the built site, after MkDocs wrote it.

Pagefind reads the HTML pages and writes a split index to `<site>/pagefind/` with its own
scripts: a browser downloads only the index chunks its query needs (0.4 MB for a
first query at 10,000 incidents, against 4.6 MB for Material's single JSON index), and the
site stays self-contained (no script from another host). The binary comes with the PyPI
package `pagefind[bin]`, so it installs like any other dependency, offline included.

Only pages with a `data-pagefind-body` element are indexed: the theme override puts one
around the content of every page whose front matter does not say `search: exclude: true`
(incident pages and the hand-written pages; not the generated listings).
"""

from __future__ import annotations

import importlib.util
import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = "pagefind"
"""Where the index and Pagefind's scripts go, under the site folder."""


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
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--output-subdir", BUNDLE_DIR,
        "--force-language", language,
        # Permalink signs and the jump line: the same on every page, not its content.
        "--exclude-selectors", ".headerlink, .pm-jump",
        "--quiet",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(
            f"Pagefind could not index {site_dir}:\n{done.stderr or done.stdout}"
        )
    bundle = site_dir / BUNDLE_DIR
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(language["page_count"] for language in entry["languages"].values())
    done_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (done_children.ru_utime - children.ru_utime) + (
        done_children.ru_stime - children.ru_stime
    )
    return SearchIndex(
        pages=pages, seconds=time.perf_counter() - started, cpu_seconds=cpu, bundle=bundle
    )
