"""Relevance of search and of "similar incidents", judged, before and after.

`python -m benchmarks.relevance` writes the relevance archive (the sample plus 40 incidents
in 10 families, `relevance_archive.py`), builds it twice, with this tree and with the
tree at `--before` (a git revision: Material's lunr search and the tag-count related
incidents), types every judged query into each site's search box in Chromium and reads
the first three results; then scores both ways of finding similar incidents against the
judged pairs. Writes benchmarks/out/relevance/report.md and results.json.

recall@3: for a query, 1 when a relevant incident is among the first three results (the
engineer sees the precedent without scrolling); for an incident's similar list, the share
of its judged pairs among its first three (at most 3). MRR: the mean of 1/rank of the
first relevant result (0 when none is shown).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.relevance_archive import ROOT, write_relevance_archive
from postmortem_kb.archive import Archive
from postmortem_kb.model import Incident
from postmortem_kb.validation.check import check_archive

OUT = ROOT / "benchmarks" / "out" / "relevance"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

SEED = "2024-08-12-payment-gateway-memory-leak"
TLS_LEAK = "2025-02-20-payment-gateway-tls-session-cache-leak"
EXPORT_LEAK = "2026-10-27-reporting-export-memory-leak"
WILDCARD = "2022-06-21-wildcard-certificate-expiry"
MTLS = "2024-04-11-acquirer-mtls-certificate-expiry"
DISK = "2022-03-08-search-indexer-disk-full"
DNS = "2023-12-02-api-gateway-dns-records-deleted"
POOL = "2022-11-25-black-friday-checkout-connection-exhaustion"
STAMPEDE = "2024-11-06-search-cache-stampede-after-deploy"
RETRY = "2025-06-10-mobile-api-retry-storm-fraud-vendor"
CLOCK = "2023-02-14-auth-clock-skew-token-rejections"
MIGRATION = "2023-09-19-orders-db-migration-lock"
REFUNDS = "2023-03-15-ledger-duplicate-refund-postings"
QUOTA = "2026-03-26-notifications-email-quota-exhaustion"
CI_KEY = "2024-01-29-ci-service-account-key-expired"
PARTITION = "2025-10-16-orders-db-replica-network-partition"

# A judged query: what is typed, what kind of query it is, and which families and sample
# incidents answer it ("sev:SEV1" keeps only those of that severity).
QUERIES: list[tuple[str, str, list[str]]] = [
    ("memory leak", "words", ["oom", SEED, TLS_LEAK, EXPORT_LEAK]),
    ("memroy leak", "typo", ["oom", SEED, TLS_LEAK, EXPORT_LEAK]),
    ("leaks", "plural", ["oom", SEED, TLS_LEAK, EXPORT_LEAK]),
    ("leaking", "stem", ["oom", SEED, TLS_LEAK, EXPORT_LEAK]),
    ("OOM", "abbreviation", ["oom", SEED, TLS_LEAK, EXPORT_LEAK]),
    ("out of memory", "synonym", ["oom", SEED, TLS_LEAK, EXPORT_LEAK]),
    ("payment gateway memory leak", "words", [SEED, TLS_LEAK]),
    ("rollback payment gateway", "stem", [SEED]),
    ("SEV1 payment outage", "severity", [SEED]),
    ("cert expired", "abbreviation", ["cert", WILDCARD, MTLS]),
    ("certifcate expiry", "typo", ["cert", WILDCARD, MTLS]),
    ("expired certificates", "plural", ["cert", WILDCARD, MTLS]),
    ("x509", "symptom", ["cert", WILDCARD, MTLS]),
    ("TLS handshake failures", "symptom", ["cert", WILDCARD, MTLS]),
    ("disk full", "words", ["disk", DISK]),
    ("no space left on device", "symptom", ["disk", DISK]),
    ("ENOSPC", "abbreviation", ["disk", DISK]),
    ("log rotation", "words", ["disk", DISK]),
    ("DNS", "abbreviation", ["dns", DNS, PARTITION]),
    ("NXDOMAIN", "symptom", ["dns", DNS]),
    ("dns records deleted terraform", "words", [DNS]),
    ("connection pool exhausted", "words", ["pool", POOL]),
    ("db connections ran out", "symptom", ["pool", POOL]),
    ("conection pool", "typo", ["pool", POOL]),
    ("cache stampede", "words", ["stampede", STAMPEDE]),
    ("thundering herd", "synonym", ["stampede", "retry", STAMPEDE, RETRY, POOL]),
    ("cache hit rate dropped", "symptom", ["stampede", STAMPEDE]),
    ("retry storm", "words", ["retry", RETRY, POOL]),
    ("retries without backoff", "plural", ["retry", RETRY, POOL]),
    ("clock skew", "words", ["clock", CLOCK]),
    ("NTP", "abbreviation", ["clock", CLOCK]),
    ("tokens rejected", "symptom", ["clock", CLOCK]),
    ("schema migration lock", "words", ["migration", MIGRATION]),
    ("ALTER TABLE", "symptom", ["migration", MIGRATION]),
    ("DB locks", "abbreviation", ["migration", MIGRATION]),
    ("deadlocks", "plural", ["migration", MIGRATION]),
    ("duplicate refunds", "plural", ["race", REFUNDS]),
    ("double charge", "symptom", ["race", REFUNDS]),
    ("race condition", "words", ["race", REFUNDS]),
    ("email quota", "words", [QUOTA]),
    ("service account key expired", "words", [CI_KEY]),
    ("replica network partition", "words", [PARTITION]),
    ("black friday", "words", [POOL]),
    ("fraud vendor slowdown", "symptom", [RETRY]),
    ("SEV1 certificate", "severity", ["cert", WILDCARD, MTLS, "sev:SEV1"]),
    ("sev2 checkout", "severity", ["sev:SEV2", "service:checkout"]),
    ("memory leek", "typo", ["oom", SEED, TLS_LEAK, EXPORT_LEAK]),
]


def relevant(answer: list[str], families: dict[str, list[str]], archive: Archive) -> set[str]:
    chosen: set[str] = set()
    filters = [a for a in answer if ":" in a]
    for item in answer:
        if item in families:
            chosen.update(families[item])
        elif ":" not in item:
            chosen.add(item)
    if not chosen:
        chosen = set(archive.by_id)
    for item in filters:
        kind, value = item.split(":", 1)
        field = "severity" if kind == "sev" else "services"
        chosen = {
            c
            for c in chosen
            if value == getattr(archive.by_id[c], field)
            or value in getattr(archive.by_id[c], field)
        }
    return chosen


def score(ranked: list[str], wanted: set[str]) -> tuple[float, float]:
    """(recall@3 as a hit, reciprocal rank) of one query."""
    rank = next((n for n, found in enumerate(ranked, 1) if found in wanted), None)
    return (1.0 if rank is not None and rank <= 3 else 0.0, 1 / rank if rank else 0.0)


# -- similar incidents ------------------------------------------------------------------


def related_before(archive: Archive, incident: Incident, limit: int = 5) -> list[str]:
    """The related incidents of the previous release: authors' links, then 2 points per
    shared cause and 1 per shared service, newest first on ties."""
    chosen = list(dict.fromkeys(incident.related))
    scores: Counter[str] = Counter()
    for other in archive.incidents:
        if other.id == incident.id:
            continue
        points = 2 * len(set(incident.root_causes) & set(other.root_causes))
        points += len(set(incident.services) & set(other.services))
        if points:
            scores[other.id] = points
    position = {i.id: n for n, i in enumerate(archive.incidents)}
    for other_id in sorted(scores, key=lambda i: (-scores[i], position[i])):
        if len(chosen) >= limit:
            break
        if other_id not in chosen:
            chosen.append(other_id)
    return chosen[:limit]


def judged_pairs(families: dict[str, list[str]]) -> dict[str, set[str]]:
    pairs = {i: set(members) - {i} for members in families.values() for i in members}
    sample = [[SEED, TLS_LEAK, EXPORT_LEAK], [WILDCARD, MTLS]]
    for group in sample:
        for i in group:
            pairs[i] = set(group) - {i}
    return pairs


def similar_figures(archive: Archive, families: dict[str, list[str]]) -> dict[str, Any]:
    """recall@3 and MRR of both ways, over every judged incident and over the sample's."""
    pairs = judged_pairs(families)
    generated = {i for members in families.values() for i in members}
    ways: dict[str, Callable[[Incident], list[str]]] = {
        "before": lambda i: related_before(archive, i),
        "after": lambda i: [r.incident.id for r in archive.related(i)],
    }
    out: dict[str, Any] = {}
    for name, way in ways.items():
        out[name] = _similar_scores(archive, way, pairs, set(pairs))
        out[name + " (sample only)"] = _similar_scores(archive, way, pairs, set(pairs) - generated)
    return out


def _similar_scores(
    archive: Archive,
    way: Callable[[Incident], list[str]],
    pairs: dict[str, set[str]],
    judged: set[str],
) -> dict[str, Any]:
    recalls, reciprocal = [], []
    untagged = untagged_found = 0
    for incident_id in sorted(judged):
        wanted = pairs[incident_id]
        incident = archive.by_id[incident_id]
        ranked = way(incident)
        recalls.append(len(set(ranked[:3]) & wanted) / min(3, len(wanted)))
        reciprocal.append(score(ranked, wanted)[1])
        for other in wanted:
            if not set(incident.root_causes) & set(archive.by_id[other].root_causes):
                untagged += 1
                untagged_found += other in ranked
    return {
        "recall@3": sum(recalls) / len(recalls),
        "mrr": sum(reciprocal) / len(reciprocal),
        "incidents": len(recalls),
        "pairs sharing no tag, found": f"{untagged_found} of {untagged}",
    }


# -- search through the real sites ---------------------------------------------------------


def build(tree: Path, incidents: Path, site: Path, env: dict[str, str]) -> None:
    """`mkdocs build` of `tree`'s mkdocs.yml with the archive at `incidents`."""
    config = tree / "mkdocs-relevance.yml"  # beside mkdocs.yml: its relative paths hold
    config.write_text(
        f"INHERIT: mkdocs.yml\nextra:\n  postmortem:\n    incidents: {incidents}\n"
        "    today: 2026-12-31\n"
    )
    mkdocs = Path(sys.executable).parent / "mkdocs"
    try:
        done = subprocess.run(
            [str(mkdocs), "build", "-q", "-f", str(config), "--site-dir", str(site)],
            cwd=tree, capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
    finally:
        config.unlink()
    if done.returncode != 0:
        raise SystemExit(f"build failed in {tree}:\n{done.stderr[-3000:]}")


def export_tree(revision: str, target: Path) -> Path:
    """The project at `revision`, as files (git archive), with the Mermaid copy it needs."""
    data = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True,
                          check=True).stdout  # fmt: skip
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(target, filter="data")
    vendor = target / "docs" / "js" / "vendor"
    # Revisions before the committed ESM copy named npm's UMD build (`make vendor-mermaid`
    # leaves it in node_modules).
    umd = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    if not (vendor / "mermaid").is_dir() and umd.is_file():
        vendor.mkdir(parents=True, exist_ok=True)
        (vendor / "mermaid.min.js").write_bytes(umd.read_bytes())
    return target


def without_aliases(incidents: Path, target: Path) -> Path:
    """A copy of the archive for the tree before taxonomy aliases existed."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(incidents, target)
    taxonomy = target / "taxonomy.yaml"
    lines = taxonomy.read_text(encoding="utf-8").splitlines(keepends=True)
    taxonomy.write_text("".join(x for x in lines if not x.lstrip().startswith("aliases:")))
    return target


@contextmanager
def served(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def typed_results(site: Path, queries: list[str]) -> dict[str, list[str]]:
    """Each query typed into the site's search box; the incident ids of the results."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[str]] = {}
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(base)
        for query in queries:
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("")
            page.keyboard.type(query, delay=15)
            links = page.locator(".md-search-result__item > a")
            latest: list[str] = []
            for _ in range(30):
                page.wait_for_timeout(250)
                now = [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
                if now == latest and now:
                    break
                latest = now
            found[query] = [
                href.split("incidents/")[1].split("/")[0] for href in latest if "incidents/" in href
            ]
        browser.close()
    return found


def search_figures(found: dict[str, list[str]], judged: dict[str, set[str]]) -> dict[str, Any]:
    hits, reciprocal = [], []
    per_kind: dict[str, list[float]] = {}
    missed = []
    for query, kind, _ in QUERIES:
        hit, rr = score(found.get(query, []), judged[query])
        hits.append(hit)
        reciprocal.append(rr)
        per_kind.setdefault(kind, []).append(hit)
        if not hit:
            missed.append(query)
    return {
        "recall@3": sum(hits) / len(hits),
        "mrr": sum(reciprocal) / len(reciprocal),
        "queries": len(hits),
        "per kind": {k: f"{sum(v):.0f}/{len(v)}" for k, v in sorted(per_kind.items())},
        "missed": missed,
    }


def similar_scale(n: int) -> dict[str, float]:
    """Seconds to find every incident's similar ones in the synthetic archive of size n."""
    from benchmarks.generate import write_archive

    folder = OUT.parent / f"n{n}" / "incidents"
    if len(list(folder.glob("*.yaml"))) != n + 1:
        write_archive(folder, n)
    archive, problems = check_archive([folder])
    assert archive is not None, problems
    started = time.perf_counter()
    assert archive.similarity.vectors  # built on first use
    built = time.perf_counter() - started
    for incident in archive.incidents:
        archive.related(incident)
    return {"n": n, "index_s": built, "all_related_s": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relevance", description=__doc__)
    parser.add_argument("--before", default="main", help="git revision to compare with")
    parser.add_argument("--no-search", action="store_true", help="similar incidents only")
    parser.add_argument(
        "--similar-scale", type=int, nargs="*", default=[], metavar="N",
        help="also time similar incidents over the synthetic archive of these sizes",
    )  # fmt: skip
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    incidents = OUT / "incidents"
    families = write_relevance_archive(incidents)
    archive, problems = check_archive([incidents])
    assert archive is not None, problems
    results: dict[str, Any] = {"similar": similar_figures(archive, families)}
    if not args.no_search:
        judged = {q: relevant(answer, families, archive) for q, _, answer in QUERIES}
        env = dict(os.environ)
        build(ROOT, incidents, OUT / "site-after", env)
        before = export_tree(args.before, OUT / "before-tree")
        env["PYTHONPATH"] = str(before / "src")
        build(
            before, without_aliases(incidents, OUT / "incidents-before"), OUT / "site-before", env
        )
        queries = [q for q, _, _ in QUERIES]
        results["search"] = {
            name: search_figures(typed_results(OUT / f"site-{name}", queries), judged)
            for name in ("before", "after")
        }
    results["similar_scale"] = [similar_scale(n) for n in args.similar_scale]
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
