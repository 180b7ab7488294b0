"""Links the pages cannot make, said at validation instead of discovered on the page.

Pages, feeds and incidents.json link only http, https and mailto addresses (and, in
prose, paths on this site; text/markup.py `safe_url`). An address field with another
scheme (`javascript:`, `file:`, a chat app's `slack:`) is shown as text, not as a link;
in prose, such a link keeps its words and loses its target. Validation warns at the
field, so the author can write an address every reader can open. A reference with no
scheme at all (an action item's ticket id, INF-210) is fine: it is shown as text.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...files.yaml_read import Loc, YamlList, YamlMap
from ...text.markup import unlinkable_scheme

HINT = "pages link only http, https and mailto addresses: write the full https:// address"


def _addresses(data: YamlMap) -> Iterator[tuple[Loc, str]]:
    """Every field that holds one address."""
    if isinstance(data.get("source_url"), str):
        yield ("source_url",), data["source_url"]
    for field, key in (("links", "url"), ("action_items", "link")):
        entries = data.get(field)
        if isinstance(entries, YamlList):
            for index, entry in enumerate(entries):
                if isinstance(entry, YamlMap) and isinstance(entry.get(key), str):
                    yield (field, index, key), entry[key]


def link_problems(data: YamlMap) -> Iterator[tuple[Loc, str]]:
    """(location, the address) of each address field the pages will not link."""
    for loc, url in _addresses(data):
        if unlinkable_scheme(url):
            yield loc, url
