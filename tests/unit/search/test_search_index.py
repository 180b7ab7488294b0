"""Pagefind over a built site (search/pagefind_index.py): the pages it reads, what it skips."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from postmortem_kb.search.pagefind_index import index_site

_PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Site navigation repeated on every page</nav>{body}</body></html>"""
_INCIDENT = """<div data-pagefind-body><h1>{title}</h1>
<div class="pm-card"><ul><li>Severity: SEV1</li><li>Owner: cardonlyword</li></ul></div>
<p>The gateway leaked memory under load.</p></div>"""


def _write(site: Path, path: str, title: str, body: str) -> None:
    page = site / path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(_PAGE.format(title=title, body=body.format(title=title)), encoding="utf-8")


def _words(site: Path) -> str:
    # Every fragment's text, to see what was indexed (fragments are gzip'd JSON).
    texts = []
    for fragment in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(fragment.read_bytes())
        texts.append(json.loads(raw[raw.index(b"{") :])["content"])
    return " ".join(texts)


def test_only_pages_with_a_body_are_read_and_the_card_is_left_out(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site, "incidents/a/index.html", "Gateway leak", _INCIDENT)
    _write(site, "incidents/index.html", "Archive", "<table><tr><td>listingword</td></tr></table>")

    index = index_site(site)

    assert index.pages == 1
    text = _words(site)
    assert "leaked memory" in text
    assert "cardonlyword" not in text and "listingword" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no folder left behind


def test_a_site_without_bodies_is_indexed_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site, "index.html", "Home", "<p>Welcome homeword</p>")
    _write(site, "guide/index.html", "Guide", "<p>Writing guideword</p>")

    assert index_site(site).pages == 2
    assert "homeword" in _words(site) and "guideword" in _words(site)
