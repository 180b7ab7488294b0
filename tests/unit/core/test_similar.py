"""Similar incidents (similar.py, Archive.related): by what the reviews say, with the
reason in words, not every incident that shares a broad cause."""

from __future__ import annotations

from pathlib import Path

import yaml

from postmortem_kb.archive import Archive
from postmortem_kb.validation.check import check_archive
from tests.harness import ROOT

SEED = "2024-08-12-payment-gateway-memory-leak"
OTHER_LEAKS = {
    "2025-02-20-payment-gateway-tls-session-cache-leak",
    "2026-10-27-reporting-export-memory-leak",
}


def load(folder: Path) -> Archive:
    archive, problems = check_archive([folder])
    assert archive is not None, problems
    return archive


def test_the_seed_lists_the_other_memory_leaks_and_none_sharing_only_a_broad_cause() -> None:
    archive = load(ROOT / "incidents")
    seed = archive.by_id[SEED]
    related = archive.related(seed)
    assert {r.incident.id for r in related} >= OTHER_LEAKS
    for r in related:
        shared = set(seed.root_causes) & set(r.incident.root_causes)
        assert shared != {"faulty-deploy"}, r.incident.id  # a quarter of real archives
        assert "memory" in r.reason.lower() and "-" not in r.reason.split(";")[-1], r.reason


def _incident(title: str, causes: list[str], text: str, day: str) -> dict[str, object]:
    return {
        "title": title, "severity": "SEV3", "status": "published", "visibility": "public",
        "started": f"{day} 10:00", "services": ["checkout"], "root_causes": causes,
        "summary": text, "root_cause": text, "resolution": "Rolled back; fixed the client.",
        "impact": "Some customers saw errors.", "no_action_items": "Fixed in the resolution.",
    }  # fmt: skip


def test_a_precedent_sharing_no_tag_is_found_and_broad_cause_alone_is_not(
    tmp_path: Path,
) -> None:
    (tmp_path / "taxonomy.yaml").write_text((ROOT / "incidents" / "taxonomy.yaml").read_text())
    pool = (
        "Checkout requests waited for a free database connection; the connection pool was "
        "exhausted because each request held its pooled connection across a slow fraud call."
    )
    files = {
        "2021-05-04-pool-a": _incident("Pool ran dry", ["capacity-exhaustion"], pool, "2021-05-04"),
        "2024-02-01-pool-b": _incident(
            "Timeouts at checkout", ["dependency-failure"], pool.replace("fraud", "tax"),
            "2024-02-01",
        ),
    }  # fmt: skip
    fillers = [
        "The nightly report job wrote temporary files until the volume filled up.",
        "A typo in a feature flag rule showed the beta banner to every customer.",
        "The search index lost a shard when a node was replaced without draining.",
        "Marketing e-mails went out twice because the scheduler ran on two hosts.",
    ]
    for n, text in enumerate(fillers):
        day = f"2023-0{n + 1}-10"
        files[f"{day}-other-{n}"] = _incident(f"Other {n}", ["faulty-deploy"], text, day)
    for stem, data in files.items():
        (tmp_path / f"{stem}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    archive = load(tmp_path)
    found = archive.related(archive.by_id["2024-02-01-pool-b"])
    assert [r.incident.id for r in found][:1] == ["2021-05-04-pool-a"]
    assert "connection" in found[0].reason and "pool" in found[0].reason
    others = archive.related(archive.by_id["2023-01-10-other-0"])
    assert not [r.incident.id for r in others if r.incident.id.startswith("2023")], others


def test_a_reason_names_the_shared_service_and_no_piece_of_an_address(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text((ROOT / "incidents" / "taxonomy.yaml").read_text())
    dns = (
        "Resolvers returned NXDOMAIN for shop.example.com and api.example.com after the zone "
        "file lost its records; clients cached the negative answers for an hour."
    )
    files = {
        "2022-01-05-dns-a": _incident("Zone lost records", ["config-change"], dns, "2022-01-05"),
        "2024-03-07-dns-b": _incident(
            "Negative answers cached", ["dependency-failure"], dns.replace("hour", "day"),
            "2024-03-07",
        ),
        "2023-01-10-other": _incident(
            "Banner", ["faulty-deploy"], "A flag rule showed a banner to everyone.", "2023-01-10"
        ),
    }  # fmt: skip
    for stem, data in files.items():
        (tmp_path / f"{stem}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    archive = load(tmp_path)
    [found, *_] = archive.related(archive.by_id["2024-03-07-dns-b"])
    assert found.incident.id == "2022-01-05-dns-a"
    assert "same service: Checkout" in found.reason, found.reason
    cited = found.reason.split("both mention ")[-1]
    assert not {"shop", "example", "com", "api"} & set(cited.replace(" and ", ", ").split(", "))
