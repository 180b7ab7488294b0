"""The Atom feeds parse back as a feed reader sees them and list exactly the published
incidents, newest first; every page names the archive feed in its head."""

from __future__ import annotations

from pathlib import Path

import feedparser  # type: ignore[import-untyped]
from bs4 import BeautifulSoup

from tests.harness import load_incidents

SITE_URL = "https://example.github.io/postmortem-kb/"


def published(cause: str | None = None) -> list[str]:
    return [
        f"{SITE_URL}incidents/{i['id']}/"
        for i in load_incidents()
        if i.get("status", "draft") == "published"
        and (cause is None or cause in i.get("root_causes", []))
    ]


def parse(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_archive_feed_lists_the_published_incidents_newest_first(sample_site: Path) -> None:
    feed = parse(sample_site / "feed.xml")
    links = [entry.link for entry in feed.entries]
    assert links == published()
    assert len(links) == 13
    assert [e.id for e in feed.entries] == links
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.feed.title == "Incident reviews"
    assert all(e.title and e.summary for e in feed.entries)


def test_each_root_cause_has_a_feed_of_its_published_incidents(sample_site: Path) -> None:
    causes = {c for i in load_incidents() for c in i.get("root_causes", [])}
    for cause in causes:
        feed = parse(sample_site / "root-causes" / cause / "feed.xml")
        assert [e.link for e in feed.entries] == published(cause), cause
    page = BeautifulSoup(
        (sample_site / "root-causes" / "memory-leak" / "index.html").read_text(), "html.parser"
    )
    assert page.select_one("article a[href='feed.xml']")


def test_every_page_links_the_feed_in_its_head(sample_site: Path) -> None:
    seed = "incidents/2024-08-12-payment-gateway-memory-leak/"
    for url, href in [("", "./feed.xml"), ("insights/", "../feed.xml"), (seed, "../../feed.xml")]:
        head = BeautifulSoup((sample_site / url / "index.html").read_text(), "html.parser").head
        assert head is not None
        link = head.select_one("link[rel=alternate][type='application/atom+xml']")
        assert link is not None and link["href"] == href, url
