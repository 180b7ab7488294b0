"""Root-cause pages and feeds exist for the causes a build's incidents carry: none for a
cause of the taxonomy no incident uses (a taxonomy of 10,000 causes costs what the causes
used cost; see benchmarks/taxonomy_scale.py) and none, in a public build, for a cause only
internal incidents carry. Lookups in the taxonomy are by id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from postmortem_kb.importers.bulk import with_terms
from postmortem_kb.importers.vocabulary import Proposals
from postmortem_kb.render.generated import generated_pages
from postmortem_kb.taxonomy import Taxonomy, Term
from tests.harness.small_archive import GOLDEN_TAXONOMY, archive_of, incident

TODAY = date(2026, 1, 1)
SITE = "https://kb.example/"


def test_a_public_build_publishes_no_page_or_feed_of_a_cause_only_internal_incidents_use(
    tmp_path: Path,
) -> None:
    internal = incident(started="2024-02-01 10:00", detected="2024-02-01 10:05",
                        resolved="2024-02-01 11:00")  # fmt: skip
    internal = internal.replace("visibility: public", "visibility: internal").replace(
        "[faulty-deploy]", "[race-condition]"
    )
    whole, problems = archive_of(
        tmp_path, {"2024-03-01-public": incident(), "2024-02-01-internal": internal}
    )
    assert whole is not None, problems
    public = generated_pages(
        whole.visible(include_internal=False, include_drafts=False), today=TODAY, site_url=SITE
    )
    everything = generated_pages(whole, today=TODAY, site_url=SITE)
    assert "root-causes/race-condition.md" in everything
    assert "root-causes/race-condition/feed.xml" in everything
    assert [uri for uri in public if "race-condition" in uri] == []
    assert "race-condition" not in public["root-causes/index.md"]
    assert "Race condition" not in public["root-causes/index.md"]
    assert "root-causes/faulty-deploy.md" in public


def test_only_used_causes_get_pages_and_a_listing_row_stays_small(tmp_path: Path) -> None:
    taxonomy = yaml.safe_load(GOLDEN_TAXONOMY.read_text())
    taxonomy["root_causes"] += [
        {"slug": f"cause-{n:04d}", "title": f"Cause {n}"} for n in range(2000)
    ]
    (tmp_path / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy))
    many = ", ".join(f"cause-{n:04d}" for n in range(0, 2000, 50))  # 40 causes
    text = incident().replace("[faulty-deploy]", f"[faulty-deploy, {many}]")
    whole, problems = archive_of(tmp_path, {"2024-03-01-many": text}, tmp_path / "taxonomy.yaml")
    assert whole is not None, problems
    pages = generated_pages(whole, today=TODAY, site_url=SITE)
    causes = {uri for uri in pages if uri.startswith("root-causes/") and uri.endswith(".md")}
    assert len(causes) == 41 + 1  # the causes used and the index
    page = pages["root-causes/cause-0050.md"]
    assert "+29 more" in page  # 12 chips on the incident's row, then a count
    assert page.count(".pm-tag }") <= 12 + 1 + 12  # its row, the services, "seen together"
    index = pages["root-causes/index.md"]
    assert f"{len(taxonomy['root_causes']) - 41} other causes of the taxonomy" in index


def test_lookups_by_id_follow_a_copy_with_new_terms() -> None:
    data = yaml.safe_load(GOLDEN_TAXONOMY.read_text())
    taxonomy = Taxonomy.model_validate(data)
    assert taxonomy.root_cause("memory-leak") is not None
    assert taxonomy.root_cause("gremlins") is None
    proposals = Proposals()
    proposals.root_causes["gremlins"] = "gremlins"
    extended = with_terms(taxonomy, proposals)
    assert extended.root_cause("gremlins") == Term(slug="gremlins", title="gremlins")
    assert taxonomy.root_cause("gremlins") is None
    assert extended.knows("root_causes", "gremlins") and not taxonomy.knows("root_causes", "x")
    first = taxonomy.severities[0].id
    assert taxonomy.severity_rank(first) == 0
    assert taxonomy.severity_rank("nope") == len(taxonomy.severities)
