"""Self-contained mode: the built site names no third-party host.

Material's bundle keeps two fallback loaders that point at unpkg: a ResizeObserver
polyfill (every supported browser has ResizeObserver) and its own Mermaid integration
(unused: mermaid2 loads our pinned local copy first). Neither runs here, but an internal
site should not even name a CDN, so they are pointed at an empty inline script, and the
bundle's source maps, which quote the same sources, are not shipped.
"""

from __future__ import annotations

import re
from pathlib import Path

THIRD_PARTY = re.compile(
    r"https://(?:unpkg\.com|cdn\.jsdelivr\.net|fonts\.googleapis\.com)/[^\"'`\s)]*"
)
EMPTY_SCRIPT = "data:text/javascript,"
FORBIDDEN = ("unpkg", "jsdelivr", "cdn.", "fonts.googleapis")


def make_self_contained(site_dir: Path) -> list[str]:
    """Rewrite theme scripts under `site_dir/assets`; return the URLs that were replaced."""
    replaced: list[str] = []
    for script in sorted((site_dir / "assets").rglob("*.js")):
        text = script.read_text(encoding="utf-8")
        found = THIRD_PARTY.findall(text)
        if found:
            replaced += found
            script.write_text(THIRD_PARTY.sub(EMPTY_SCRIPT, text), encoding="utf-8")
    for source_map in (site_dir / "assets").rglob("*.js.map"):
        source_map.unlink()
    return replaced


def third_party_references(site_dir: Path) -> list[str]:
    """Files of the built site that still name a CDN or font host (should be none)."""
    hits = []
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".js", ".css", ".json", ".xml", ".map"):
            text = path.read_text(encoding="utf-8", errors="replace")
            hits += [f"{path.relative_to(site_dir)}: {word}" for word in FORBIDDEN if word in text]
    return hits
