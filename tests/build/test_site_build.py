"""Real `mkdocs build --strict` runs of the sample archive, checked page by page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag

from postmortem_kb.archive import Archive
from postmortem_kb.sitebuild.self_contained import third_party_references
from postmortem_kb.validation.check import check_archive
from tests.harness import ROOT, Build, copy_project, mkdocs_build

pytestmark = pytest.mark.build

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
        diagrams = page.select("pre.pm-diagram-source")
        days = {t.astimezone(incident.tz).date() for t in incident.event_times()}
        assert len(diagrams) == len(days) + (
            1 if incident.detected or incident.mitigated or incident.resolved else 0
        ), incident.id
        assert all(d.find_parent(attrs={"data-pagefind-ignore": True}) for d in diagrams)
        assert page.find("script", src=re.compile(r"js/diagrams\.js$"))
        assert "mermaid" not in str(page).lower(), "mermaid2 would parse the page"


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
        if term.slug not in whole.by_root_cause:  # a cause no incident carries has no page
            assert not (sample_site / url).exists(), url
            continue
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


def test_pagefind_indexes_incident_pages_and_the_guide_not_the_listings(
    sample_site: Path,
) -> None:
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(archive().incidents) + 1  # the guide
    assert soup(sample_site, "guide/").select_one("[data-pagefind-body]")
    for listing in ("", "incidents/", "root-causes/", "root-causes/memory-leak/",
                    "services/", "insights/", "action-items/"):  # fmt: skip
        assert not soup(sample_site, listing).select_one("[data-pagefind-body]"), listing
    assert (sample_site / "pagefind" / "pagefind.js").is_file()


def test_incident_page_gives_search_its_filters_result_card_and_synonyms(
    sample_site: Path,
) -> None:
    page = soup(sample_site, f"incidents/{SEED}/")
    body = page.select_one("[data-pagefind-body]")
    assert body is not None and body.h1 is not None
    meta = {m["data-pagefind-meta"]: m.get_text() for m in body.select("[data-pagefind-meta]")}
    terms = body.select_one(".pm-search-terms")
    assert terms is not None and meta.pop("terms") == terms.get_text()  # see docs/js/search.js
    assert meta == {
        "date": "2024-08-12", "severity": "SEV1", "causes": "Memory leak, Faulty deploy",
        "fix": "The API update was rolled back to the previous, leak-free version at 14:30.",
        "severity_colours": "#b71c1c #ffffff",  # the badge's fill and text, as on the page
    }  # fmt: skip
    filters = [
        (f["data-pagefind-filter"], f.get_text()) for f in body.select("[data-pagefind-filter]")
    ]
    assert filters == [
        ("severity", "SEV1"), ("service", "Payment gateway"), ("service", "Checkout"),
        ("root cause", "Memory leak"), ("root cause", "Faulty deploy"), ("year", "2024"),
    ]  # fmt: skip
    terms = body.select_one(".pm-search-terms")
    assert terms is not None and terms.has_attr("hidden")
    for word in ("OOM", "out of memory", "memory-leak", "rollback", "memroy", "SEV1 Critical"):
        assert word in terms.get_text(), word
    # Other incidents' titles (related incidents) are not this page's words.
    related = body.select_one("#related-incidents + [data-pagefind-ignore]")
    assert related is not None and related.select("a")


def test_incident_page_has_a_jump_line_instead_of_the_table_of_contents(
    sample_site: Path,
) -> None:
    page = soup(sample_site, f"incidents/{SEED}/")
    jump = page.select_one("nav.pm-jump")
    assert jump is not None
    targets = [str(a["href"]) for a in jump.select("a")]
    headings = ["#" + str(h["id"]) for h in page.select("article h2")]
    assert targets == headings
    assert targets[:3] == ["#summary", "#root-cause", "#resolution"] and "#action-items" in targets
    assert not page.select(".md-sidebar--secondary li.md-nav__item")
    skip = page.select_one("a.md-skip")
    assert skip is not None and skip["href"] == "#" + str(page.h1["id"])  # type: ignore[index]


def test_timeline_diagram_and_table_show_the_whole_event(sample_site: Path) -> None:
    page = soup(sample_site, f"incidents/{SEED}/")
    event = "An automated alert fired; the payment failure rate spiked and dashboards turned red."
    diagram = page.select_one("pre.pm-diagram-source")
    assert diagram is not None
    assert (
        "fired#59; the payment failure rate spiked and dashboards turned red." in diagram.get_text()
    )
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


@pytest.mark.mkdocs_log(r"^ERROR: The incident archive has errors:")
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
    library = sample_site / "js" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
    assert library.is_file() and (library.parent / "chunks").is_dir()
    assert not list(sample_site.rglob("*.js.map"))


def test_cdn_mode_pins_the_same_mermaid_as_package_json() -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["mermaid"]
    locked = json.loads((ROOT / "package-lock.json").read_text())
    assert locked["packages"]["node_modules/mermaid"]["version"] == pinned
    cdn = (ROOT / "mkdocs-cdn-mode.yml").read_text()
    assert f"/mermaid@{pinned}/dist/mermaid.esm.min.mjs" in cdn
    vendored = ROOT / "docs" / "js" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
    assert f'"{pinned}"' in vendored.read_text(encoding="utf-8"), "make vendor-mermaid"
    assert pinned.startswith("11.")


def test_the_build_log_has_no_line_per_page(sample_build: Build) -> None:
    """mermaid2's "Page …: found N diagrams" line would come once per incident."""
    assert not [line for line in sample_build.log if "diagrams" in line], sample_build.log
    assert any(line.startswith("INFO - Documentation built in") for line in sample_build.log)
    assert len(sample_build.log) < 12, sample_build.log
