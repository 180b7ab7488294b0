"""Real `mkdocs build --strict` runs of the sample archive, checked page by page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from postmortem_kb.archive import Archive
from postmortem_kb.selfcontained import third_party_references
from postmortem_kb.validate import check_archive
from tests.conftest import ROOT, copy_project, mkdocs_build

SEED = "2024-08-12-payment-gateway-memory-leak"


def archive() -> Archive:
    found, problems = check_archive([ROOT / "incidents"])
    assert found is not None, problems
    return found


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(), "html.parser")


def linked_pages(page: Tag, url: str, css: str) -> list[str]:
    """Site-relative URLs (like `root-causes/memory-leak/`) of the links matching `css`."""
    base = "http://site/" + url
    return [urljoin(base, str(a["href"])).removeprefix("http://site/") for a in page.select(css)]


def test_every_incident_has_a_page_with_its_diagrams(sample_site: Path) -> None:
    for incident in archive().incidents:
        page = soup(sample_site, f"incidents/{incident.id}/")
        assert page.h1 is not None
        for permalink in page.h1.select("a.headerlink"):
            permalink.decompose()
        assert page.h1.get_text(strip=True) == incident.title
        diagrams = page.select("div.mermaid")
        assert len(diagrams) == (1 if incident.timeline else 0) + (
            1 if incident.detected or incident.mitigated or incident.resolved else 0
        ), incident.id
        assert all(d.find_parent(attrs={"data-search-exclude": True}) for d in diagrams)
        assert page.find("script", src=re.compile(r"js/vendor/mermaid\.min\.js$"))


def test_every_tag_chip_leads_to_a_page_listing_the_incident(sample_site: Path) -> None:
    for incident in archive().incidents:
        url = f"incidents/{incident.id}/"
        targets = linked_pages(soup(sample_site, url), url, ".pm-card a.pm-tag")
        assert len(targets) == len(incident.root_causes) + len(incident.services)
        for target in targets:
            listed = linked_pages(soup(sample_site, target), target, "table a[href]")
            assert url in listed, (url, target)


def test_each_root_cause_page_lists_exactly_its_incidents(sample_site: Path) -> None:
    whole = archive()
    for term in whole.taxonomy.root_causes:
        url = f"root-causes/{term.slug}/"
        page = soup(sample_site, url)
        listed = [u for u in linked_pages(page, url, "table a[href]") if u.startswith("incidents/")]
        expected = [f"incidents/{i.id}/" for i in whole.by_root_cause.get(term.slug, [])]
        assert listed == expected, term.slug


def test_archive_lists_every_incident_newest_first_and_marks_drafts(sample_site: Path) -> None:
    whole = archive()
    page = soup(sample_site, "incidents/")
    rows = page.select(".pm-archive tbody tr")
    urls = [linked_pages(row, "incidents/", "td:nth-of-type(2) a")[0] for row in rows]
    assert urls == [f"incidents/{i.id}/" for i in whole.incidents]
    dates = [row.select_one("td").get_text() for row in rows]  # type: ignore[union-attr]
    assert dates == sorted(dates, reverse=True)
    drafts = [i for i in whole.incidents if i.status == "draft"]
    assert drafts, "the sample archive has a draft"
    for draft in drafts:
        row = rows[whole.incidents.index(draft)]
        assert row.select_one(".pm-status-draft")
        incident_page = soup(sample_site, f"incidents/{draft.id}/")
        banner = incident_page.select_one(".admonition")
        assert banner is not None and "Draft" in banner.get_text()


def search_docs(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((site / "search/search_index.json").read_text())["docs"]
    return docs


def test_search_index_holds_the_seed_root_causes_and_timeline(sample_site: Path) -> None:
    seed_text = " ".join(
        d["text"]
        for d in search_docs(sample_site)
        if d["location"].startswith(f"incidents/{SEED}/")
    )
    for words in ("Memory leak", "Faulty deploy", "payment failure rate spiked",
                  "rolled back", "Payment gateway"):  # fmt: skip
        assert words in seed_text, words
    assert "#58;" not in seed_text and "timeline" not in seed_text.split()  # no diagram syntax


def test_search_has_one_entry_per_incident_and_no_listings(sample_site: Path) -> None:
    docs = search_docs(sample_site)
    whole = archive()
    incident_entries = [
        d for d in docs if d["location"].startswith("incidents/") and d["location"] != "incidents/"
    ]
    assert sorted(d["location"] for d in incident_entries) == sorted(
        f"incidents/{i.id}/" for i in whole.incidents
    )
    for entry in incident_entries:
        incident = whole.by_id[entry["location"].split("/")[1]]
        assert entry["title"] == incident.title.replace("&", "&amp;").replace("<", "&lt;")
        # Every event's words are searchable; the card's figures and the action items are not.
        first_words = " ".join(incident.timeline[-1].event.split()[:3]) if incident.timeline else ""
        assert first_words.replace("<", "&lt;") in entry["text"]
        assert "Time to resolve" not in entry["text"]
        for item in incident.action_items:
            assert item.title not in entry["text"]
    seed = next(d for d in incident_entries if SEED in d["location"])
    assert float(seed["boost"]) == 2.0  # published SEV1
    # Listing pages are found by their title, but their tables are not indexed.
    for page in ("incidents/", "root-causes/", "services/", "action-items/"):
        entries = [d for d in docs if d["location"].split("#")[0] == page]
        assert len(entries) == 1, (page, [d["location"] for d in entries])
    listed = [d for d in docs if d["location"].startswith("root-causes/memory-leak/")]
    assert len(listed) == 1 and SEED not in listed[0]["text"]


def test_incident_page_has_a_jump_line_instead_of_the_table_of_contents(
    sample_site: Path,
) -> None:
    page = soup(sample_site, f"incidents/{SEED}/")
    jump = page.select_one("nav.pm-jump")
    assert jump is not None
    targets = [str(a["href"]) for a in jump.select("a")]
    headings = ["#" + str(h["id"]) for h in page.select("article h2")]
    assert targets == headings
    assert targets[:2] == ["#summary", "#timeline"] and "#action-items" in targets
    assert not page.select(".md-sidebar--secondary li.md-nav__item")
    skip = page.select_one("a.md-skip")
    assert skip is not None and skip["href"] == "#" + str(page.h1["id"])  # type: ignore[index]


def test_timeline_diagram_cuts_long_events_and_the_table_keeps_them(sample_site: Path) -> None:
    page = soup(sample_site, f"incidents/{SEED}/")
    event = "An automated alert fired; the payment failure rate spiked and dashboards turned red."
    diagram = page.select_one("div.mermaid")
    assert diagram is not None
    assert "fired#59; the payment failure rate spiked and#8230;" in diagram.get_text()
    cells = [td.get_text() for td in page.select("article table td")]
    assert event in cells


def test_home_page_shows_live_figures(sample_site: Path) -> None:
    whole = archive()
    home = soup(sample_site, "")
    text = " ".join(home.get_text(" ").split())
    assert f"{len(whole)} incidents · {len(whole.by_root_cause)} root causes" in text
    assert "postmortem-kb:" not in str(home)
    latest = linked_pages(home, "", "h2#latest-incidents + ul a")
    assert latest == [f"incidents/{i.id}/" for i in whole.incidents[:5]]


def test_incident_pages_stay_out_of_the_sidebar(sample_site: Path) -> None:
    page = soup(sample_site, f"incidents/{SEED}/")
    nav = " ".join(str(a.get("href", "")) for a in page.select("nav.md-nav--primary a"))
    assert SEED not in nav and "memory-leak" not in nav


def test_a_broken_incident_fails_the_build_with_the_validator_lines(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    broken = project / "incidents" / "2024-09-01-broken.yaml"
    broken.write_text("title: Broken\nseverity: SEV9\nstarted: 2024-09-01 10:00\n"
                      "services: [checkout]\nsummary: x\nroot_causes: [memory-leek]\n")  # fmt: skip
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "incidents/2024-09-01-broken.yaml:2:11: error: severity: unknown severity 'SEV9'" in (
        result.stderr
    )
    assert "(did you mean 'memory-leak'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "index.html").exists()


def test_self_contained_site_names_no_third_party_host(sample_site: Path) -> None:
    assert third_party_references(sample_site) == []
    assert (sample_site / "js" / "vendor" / "mermaid.min.js").stat().st_size > 1_000_000
    assert not list(sample_site.rglob("*.js.map"))


def test_cdn_mode_pins_the_same_mermaid_as_package_json() -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["mermaid"]
    locked = json.loads((ROOT / "package-lock.json").read_text())
    assert locked["packages"]["node_modules/mermaid"]["version"] == pinned
    cdn = (ROOT / "mkdocs-cdn-mode.yml").read_text()
    assert f"/mermaid@{pinned}/dist/mermaid.min.js" in cdn
    assert pinned.startswith("11.")
