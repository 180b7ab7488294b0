"""Every internal link and asset of the built sample site leads to a file, and every
`#fragment` to an element of the page it names."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.harness import site_path

pytestmark = pytest.mark.build
EXTERNAL = ("http", "https", "mailto", "tel", "data")


@cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _ids(path: Path) -> set[str]:
    soup = _parse(path)
    return {str(e["id"]) for e in soup.find_all(id=True)} | {
        str(e["name"]) for e in soup.find_all("a", attrs={"name": True})
    }


def _target(site: Path, page: Path, url: str, root: str) -> Path:
    path = unquote(urlsplit(url).path)
    if path.startswith(root):
        path = "/" + path.removeprefix(root)
    base = posixpath.dirname(page.relative_to(site).as_posix())
    joined = posixpath.normpath(posixpath.join("/" + base, path) if path else "/" + base)
    target = site / joined.lstrip("/")
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


def broken_links(site: Path, root: str = "/") -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        for element in _parse(page).find_all(["a", "link", "script", "img", "source"]):
            for name in ("href", "src"):
                url = element.get(name)
                if not isinstance(url, str) or not url:
                    continue
                parts = urlsplit(url)
                if parts.scheme in EXTERNAL or parts.netloc:
                    continue
                where = f"{page.relative_to(site)}: {name}={url}"
                if not parts.path:  # `#fragment` on the page itself
                    target = page
                else:
                    target = _target(site, page, url, root)
                    if not target.is_file():
                        broken.append(f"{where} → missing {target.relative_to(site)}")
                        continue
                fragment = unquote(parts.fragment)
                if fragment and target.suffix == ".html" and fragment not in _ids(target):
                    broken.append(f"{where} → no #{fragment} in {target.relative_to(site)}")
    return broken


def test_every_internal_link_resolves(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 30
    assert broken_links(sample_site, site_path()) == []


def test_the_checker_sees_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">x</h2><a href="#x">ok</a>')
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#x">ok</a><a href="b/">no</a><a href="a/#y">no</a>'
        '<a href="https://example.com/">external</a><img src="img/missing.png">'
    )
    assert broken_links(tmp_path) == [
        "index.html: href=b/ → missing b/index.html",
        "index.html: href=a/#y → no #y in a/index.html",
        "index.html: src=img/missing.png → missing img/missing.png",
    ]
