# ruff: noqa: E501  (the families are prose, one sentence a line)
"""A real-shaped archive for the relevance benchmark: the sample's 16 incidents plus 40
written from 10 families of failure, 4 incidents each, told in different words, on
different services and years, and not always tagged alike (a review may call a pool
exhaustion "capacity", another "faulty deploy", a third only "dependency failure").

Incidents of one family are the judged similar pairs: a good "similar incidents" list
finds its family, including members that share no tag with it.
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

# family → (title patterns, tag sets, summary, root cause, resolution, timeline events)
FAMILIES: dict[str, dict[str, Any]] = {
    "pool": {
        "titles": [
            "{svc} errors as the database connection pool ran dry after a release",
            "Connection pool exhaustion on {svc} during the evening peak",
            "{svc} requests queued behind a saturated DB pool",
            "Timeouts on {svc}: every pooled connection held by a slow query",
        ],
        "tags": [
            ["capacity-exhaustion", "faulty-deploy"],
            ["capacity-exhaustion"],
            ["faulty-deploy"],
            ["dependency-failure"],
        ],
        "summary": [
            "Requests waited for a free database connection until they timed out.",
            "The pool of database connections was exhausted within minutes of the change.",
            "Threads blocked on acquiring a connection; latency climbed to the timeout.",
        ],
        "cause": [
            "The release held each pooled connection across a remote call, so the pool emptied under normal load.",
            "Pool size stayed at 20 while the number of workers doubled; connections ran out at peak.",
            "A slow query kept connections checked out and the pool had no acquire timeout.",
        ],
        "fix": [
            "The release was rolled back and the pool drained within minutes.",
            "Pool size was raised and the slow query got an index.",
            "Connections were released before the remote call; a hotfix shipped the same day.",
        ],
        "events": [
            "Alert: p99 latency above 5 s",
            "Pool metrics show 0 idle connections",
            "Error logs: timeout acquiring connection from pool",
            "Rolled back the release",
            "Latency back to normal",
        ],
    },
    "oom": {
        "titles": [
            "{svc} pods OOMKilled every few hours",
            "Heap growth in {svc} workers until they crashed",
            "{svc} out of memory after a library upgrade",
            "Slow memory leak in {svc} caches",
        ],
        "tags": [
            ["memory-leak"],
            ["memory-leak", "faulty-deploy"],
            ["faulty-deploy"],
            ["capacity-exhaustion"],
        ],
        "summary": [
            "Workers grew their heap until the kernel killed them, and requests failed during restarts.",
            "Memory use rose steadily after the upgrade; containers were OOM-killed in a loop.",
            "Garbage collection pauses grew and then the process ran out of memory.",
        ],
        "cause": [
            "An unbounded in-process cache kept every entry; nothing evicted it.",
            "The new client library retained buffers per request and never freed them.",
            "A listener was registered per request and never removed, so the heap grew with traffic.",
        ],
        "fix": [
            "Pods were restarted on a schedule, then the cache got a size limit.",
            "The library upgrade was reverted and memory use flattened.",
            "The listener leak was patched and heap alerts added.",
        ],
        "events": [
            "Container restarts: OOMKilled",
            "Heap dashboard shows a sawtooth rising",
            "Heap dump taken from one pod",
            "Restarted pods two at a time",
            "Memory flat after the fix",
        ],
    },
    "cert": {
        "titles": [
            "{svc} unreachable after its TLS certificate expired",
            "Expired mTLS client certificate broke calls from {svc}",
            "Browsers rejected {svc}: certificate not renewed",
            "{svc} handshake failures: x509 certificate has expired",
        ],
        "tags": [
            ["certificate-expiry"],
            ["certificate-expiry", "expired-credentials"],
            ["expired-credentials"],
            ["config-change"],
        ],
        "summary": [
            "Clients failed the TLS handshake once the certificate passed its expiry date.",
            "Every call failed with x509: certificate has expired.",
            "The renewal job had silently stopped; the certificate lapsed at midnight.",
        ],
        "cause": [
            "Renewal was manual and the reminder went to a mailbox nobody read.",
            "The automated renewal failed on a DNS challenge and no one was alerted.",
            "A new certificate was issued but never installed on the load balancers.",
        ],
        "fix": [
            "A new certificate was issued and installed; handshakes succeeded again.",
            "The renewed certificate was deployed and expiry monitoring added.",
            "Certificates moved to automated renewal with alerts 30 days ahead.",
        ],
        "events": [
            "Synthetic check: TLS handshake failed",
            "openssl shows notAfter in the past",
            "Issued a new certificate",
            "Installed the certificate on the edge",
            "Handshakes succeed",
        ],
    },
    "disk": {
        "titles": [
            "{svc} writes failed: no space left on device",
            "Log volume filled up on {svc} hosts",
            "{svc} stopped indexing when its data disk hit 100%",
            "Debug logging filled the {svc} disks",
        ],
        "tags": [
            ["disk-full"],
            ["disk-full", "config-change"],
            ["capacity-exhaustion"],
            ["config-change"],
        ],
        "summary": [
            "The volume filled up and every write failed with ENOSPC.",
            "Hosts ran out of disk space and the service went read-only.",
            "Verbose logs grew by gigabytes an hour until the disk was full.",
        ],
        "cause": [
            "Log rotation was not configured for the new log file.",
            "Debug logging was left on after an investigation and filled the disk.",
            "Old snapshots were never deleted and consumed the volume.",
        ],
        "fix": [
            "Old logs were deleted and rotation enabled.",
            "Debug logging was turned off and the disk cleaned.",
            "The volume was grown and a disk usage alert added at 80%.",
        ],
        "events": [
            "Alert: disk usage 100%",
            "Errors: no space left on device",
            "Deleted old log files",
            "Writes succeed again",
        ],
    },
    "dns": {
        "titles": [
            "{svc} unresolvable after a DNS record was deleted",
            "Wrong DNS answer sent {svc} traffic nowhere",
            "NXDOMAIN for {svc} after a zone change",
            "Stale DNS TTL kept {svc} clients on the old address",
        ],
        "tags": [
            ["dns-misconfiguration"],
            ["dns-misconfiguration", "config-change"],
            ["config-change"],
            ["network-partition"],
        ],
        "summary": [
            "Clients got NXDOMAIN for the service's name and could not connect.",
            "A zone change removed the record and resolvers cached the negative answer.",
            "The record pointed at a decommissioned address for hours because of a long TTL.",
        ],
        "cause": [
            "A Terraform apply deleted the record before recreating it, and the creation failed.",
            "The TTL was one day, so the corrected record took hours to reach resolvers.",
            "A manual zone edit removed the wrong record.",
        ],
        "fix": [
            "The record was restored and caches flushed.",
            "The zone was rolled back to the previous version.",
            "The TTL was lowered and the record recreated.",
        ],
        "events": [
            "Alert: DNS resolution failures",
            "dig returns NXDOMAIN",
            "Record recreated",
            "Resolution works",
        ],
    },
    "stampede": {
        "titles": [
            "{svc} latency spike when the cache was flushed",
            "Cache stampede on {svc} after a key change",
            "{svc} database overwhelmed by cache misses",
            "Thundering herd on {svc} after cache restart",
        ],
        "tags": [
            ["cache-stampede"],
            ["cache-stampede", "faulty-deploy"],
            ["capacity-exhaustion"],
            ["faulty-deploy"],
        ],
        "summary": [
            "Every request missed the cache at once and the backing database saturated.",
            "The cache hit rate fell to zero and the database CPU reached 100%.",
            "A change to the cache key made every entry cold at the same moment.",
        ],
        "cause": [
            "Entries were recomputed by every request instead of one, with no request coalescing.",
            "The new key format invalidated the whole cache at deploy time.",
            "All entries shared one expiry time and expired together.",
        ],
        "fix": [
            "Cache warming and request coalescing were added.",
            "The key change was reverted and the cache warmed.",
            "Expiry times got random jitter.",
        ],
        "events": [
            "Alert: cache hit rate 0%",
            "Database CPU at 100%",
            "Warmed the cache",
            "Latency normal",
        ],
    },
    "retry": {
        "titles": [
            "Retry storm from {svc} clients took the API down",
            "{svc} clients retried without backoff",
            "Thundering herd of retries against {svc}",
            "{svc} overloaded by its own retries after a blip",
        ],
        "tags": [
            ["retry-storm"],
            ["retry-storm", "dependency-failure"],
            ["capacity-exhaustion"],
            ["dependency-failure"],
        ],
        "summary": [
            "A short slowdown made clients retry at once, multiplying load tenfold.",
            "Clients retried immediately and without jitter, keeping the service saturated.",
            "Retries from every caller turned a brief blip into an hour of errors.",
        ],
        "cause": [
            "The client library retried five times with no backoff or jitter.",
            "There was no circuit breaker, so retries kept hammering the struggling service.",
            "Timeouts were shorter than the service's normal latency, so healthy calls retried.",
        ],
        "fix": [
            "Retries were cut to one with exponential backoff and jitter.",
            "A circuit breaker was switched on and load shed.",
            "Clients were rate limited at the gateway.",
        ],
        "events": [
            "Request rate ten times normal",
            "Most requests are retries",
            "Enabled load shedding",
            "Error rate falling",
        ],
    },
    "clock": {
        "titles": [
            "{svc} rejected valid tokens because of clock skew",
            "NTP drift on {svc} hosts broke signatures",
            "{svc} tokens issued in the future after a time jump",
            "Time drift made {svc} reject sessions",
        ],
        "tags": [
            ["clock-skew"],
            ["clock-skew", "config-change"],
            ["config-change"],
            ["expired-credentials"],
        ],
        "summary": [
            "Hosts disagreed about the time and tokens were rejected as not yet valid.",
            "A host's clock drifted minutes ahead, so signatures looked expired.",
            "The NTP daemon was disabled and the clock drifted.",
        ],
        "cause": [
            "An image update removed the NTP service from the hosts.",
            "The firewall blocked NTP traffic.",
            "Token validation allowed no leeway for skew.",
        ],
        "fix": [
            "NTP was restored and clocks resynchronised.",
            "Validation got a 60-second leeway.",
            "The image was fixed to run time sync.",
        ],
        "events": [
            "Login failures spike",
            "Clock offset of 4 minutes on two hosts",
            "Restarted time sync",
            "Logins succeed",
        ],
    },
    "migration": {
        "titles": [
            "Schema migration locked the {svc} orders table",
            "{svc} writes blocked by an ALTER TABLE",
            "Long-running migration on {svc} held locks for 40 minutes",
            "{svc} deadlocks during a backfill",
        ],
        "tags": [
            ["schema-migration", "database-lock-contention"],
            ["schema-migration"],
            ["database-lock-contention"],
            ["faulty-deploy"],
        ],
        "summary": [
            "A migration took an exclusive lock and writes queued behind it.",
            "The ALTER TABLE rewrote the table while holding a lock; checkout writes timed out.",
            "A backfill updated millions of rows in one transaction and blocked other queries.",
        ],
        "cause": [
            "The migration added a column with a default, which rewrote the whole table.",
            "The migration ran without a lock timeout during business hours.",
            "The backfill was not batched.",
        ],
        "fix": [
            "The migration was cancelled and rerun online in batches.",
            "Lock timeouts were added to every migration.",
            "The backfill was split into small batches.",
        ],
        "events": [
            "Alert: write latency",
            "pg_locks shows the migration holding an exclusive lock",
            "Cancelled the migration",
            "Writes succeed",
        ],
    },
    "race": {
        "titles": [
            "Duplicate charges from {svc} after concurrent retries",
            "{svc} processed the same message twice",
            "Double booking in {svc} from a race between workers",
            "{svc} refunds posted twice",
        ],
        "tags": [
            ["race-condition", "data-corruption"],
            ["race-condition"],
            ["data-corruption"],
            ["missing-input-validation"],
        ],
        "summary": [
            "Two workers handled the same job and both wrote their result.",
            "Customers were charged twice when a retried request raced the original.",
            "The same message was consumed twice and booked twice.",
        ],
        "cause": [
            "The handler was not idempotent and had no deduplication key.",
            "A check-then-write without a lock let two requests pass the check.",
            "The queue redelivered messages after a visibility timeout shorter than processing time.",
        ],
        "fix": [
            "An idempotency key was added and duplicates reversed.",
            "A unique constraint now rejects the second write.",
            "Duplicates were reconciled and refunded.",
        ],
        "events": [
            "Customer reports a double charge",
            "Found duplicate rows with the same request id",
            "Paused the workers",
            "Reversed the duplicates",
        ],
    },
}
SERVICES = ["payment-gateway", "checkout", "auth", "api-gateway", "search", "notifications",
            "orders-db", "ledger", "storefront", "mobile-api", "ci-pipeline", "reporting"]  # fmt: skip
SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"]


def _incident(
    rng: random.Random, family: dict[str, Any], member: int
) -> tuple[str, dict[str, Any]]:
    service = rng.choice(SERVICES)
    started = datetime(2019 + member * 2 + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28),
                       rng.randint(0, 22), rng.choice([0, 15, 30, 45]))  # fmt: skip
    pick = lambda key: family[key][(member + rng.randint(0, 2)) % len(family[key])]  # noqa: E731
    events = rng.sample(family["events"], 3)  # members share some events, not all
    moment = started + timedelta(minutes=5)
    timeline = []
    for event in events:
        timeline.append({"at": f"{moment:%Y-%m-%d %H:%M}", "kind": "note", "event": event})
        moment += timedelta(minutes=rng.randint(5, 40))
    data = {
        "title": family["titles"][member].format(svc=service.replace("-", " ").capitalize()),
        "severity": rng.choice(SEVERITIES),
        "status": "published",
        "visibility": "public",
        "timezone": "UTC",
        "started": f"{started:%Y-%m-%d %H:%M}",
        "detected": f"{started + timedelta(minutes=5):%Y-%m-%d %H:%M}",
        "resolved": f"{moment:%Y-%m-%d %H:%M}",
        "services": [service],
        "root_causes": family["tags"][member],
        "impact": f"{rng.randint(2, 60)}% of {service} requests failed for {rng.randint(10, 180)} minutes.",
        "summary": pick("summary"),
        "root_cause": pick("cause"),
        "resolution": pick("fix"),
        "timeline": timeline,
    }
    return f"{started:%Y-%m-%d}-{service}-{member}", data


def write_relevance_archive(folder: Path, seed: int = 15) -> dict[str, list[str]]:
    """The sample archive plus the families in `folder`; returns family → incident ids."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(ROOT / "incidents", folder)
    rng = random.Random(seed)
    families: dict[str, list[str]] = {}
    for name, family in FAMILIES.items():
        ids = []
        for member in range(4):
            stem, data = _incident(rng, family, member)
            stem = f"{stem}-{name}"
            (folder / f"{stem}.yaml").write_text(yaml.safe_dump(data, sort_keys=False, width=100))
            ids.append(stem)
        families[name] = ids
    return families
