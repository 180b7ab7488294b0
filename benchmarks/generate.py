"""A deterministic synthetic archive: N incidents plus the 40-cause taxonomy they use.

Sizes follow the hand-written sample archive: 8–15 timeline events, 2–3 root causes,
1–3 services, 3–6 action items, prose fields of 3–5 sentences of 10–28 words. The same
seed and N always give the same files, byte for byte.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

# 40 root causes: (slug, title, group, description).
ROOT_CAUSES: list[tuple[str, str, str, str]] = [
    ("memory-leak", "Memory leak", "software", "Memory allocated and never released."),
    ("faulty-deploy", "Faulty deploy", "change", "A release shipped a defect tests missed."),
    ("config-change", "Bad configuration change", "change", "A setting changed behaviour."),
    ("feature-flag-misfire", "Feature flag misfire", "change", "A flag reached the wrong users."),
    ("capacity-exhaustion", "Capacity exhaustion", "capacity", "A resource ran out under load."),
    ("disk-full", "Disk full", "capacity", "A volume filled up and writes failed."),
    ("connection-pool-exhaustion", "Connection pool exhaustion", "capacity", "No free conns."),
    ("thread-starvation", "Thread starvation", "capacity", "Workers blocked on slow calls."),
    ("quota-exceeded", "Quota exceeded", "capacity", "A provider quota or rate limit was hit."),
    ("dependency-failure", "Third-party failure", "dependency", "A vendor or upstream failed."),
    ("vendor-api-change", "Vendor API change", "dependency", "An upstream changed its contract."),
    ("cloud-region-outage", "Cloud region outage", "dependency", "A provider zone went down."),
    ("certificate-expiry", "Certificate expiry", "operations", "A TLS certificate expired."),
    ("expired-credentials", "Expired credentials", "operations", "A key or token expired."),
    ("manual-error", "Manual operator error", "operations", "A hand-typed command misfired."),
    ("runbook-gap", "Runbook gap", "operations", "The runbook missed the failure mode."),
    ("backup-failure", "Backup failure", "operations", "Backups silently stopped working."),
    ("dns-misconfiguration", "DNS misconfiguration", "infrastructure", "A record went wrong."),
    ("network-partition", "Network partition", "infrastructure", "Parts could not talk."),
    ("load-balancer-misroute", "Load balancer misroute", "infrastructure", "Bad routing."),
    ("clock-skew", "Clock skew", "infrastructure", "Hosts disagreed about the time."),
    ("hardware-failure", "Hardware failure", "infrastructure", "A disk, NIC or host died."),
    ("kernel-regression", "Kernel regression", "infrastructure", "An OS update broke things."),
    ("database-lock-contention", "Lock contention", "data", "Locks blocked other work."),
    ("schema-migration", "Unsafe schema migration", "data", "A migration broke running code."),
    ("data-corruption", "Data corruption", "data", "Stored data became wrong."),
    ("replication-lag", "Replication lag", "data", "Replicas fell behind the primary."),
    ("index-missing", "Missing index", "data", "A query scanned a whole table."),
    ("race-condition", "Race condition", "software", "Operations interleaved unexpectedly."),
    ("retry-storm", "Retry storm", "software", "Clients retried without backoff."),
    ("cache-stampede", "Cache stampede", "software", "Many misses at once hit the store."),
    ("missing-input-validation", "Missing validation", "software", "Bad input got through."),
    ("unbounded-queue", "Unbounded queue", "software", "A queue grew without limit."),
    ("timeout-misconfiguration", "Timeout misconfiguration", "software", "Bad timeouts."),
    ("serialization-bug", "Serialization bug", "software", "Encoding changed between versions."),
    ("dependency-upgrade", "Library upgrade regression", "change", "A library bump broke."),
    ("time-zone-bug", "Time zone bug", "software", "Local and UTC times were mixed up."),
    ("secret-leak", "Secret exposure", "security", "A credential was exposed."),
    ("ddos", "Denial of service", "security", "Hostile traffic overwhelmed the edge."),
    ("alerting-gap", "Alerting gap", "process", "Nothing alerted on the real symptom."),
]
assert len(ROOT_CAUSES) == 40

SERVICES = [
    "payment-gateway", "checkout", "auth", "api-gateway", "search", "notifications",
    "orders-db", "ledger", "storefront", "mobile-api", "ci-pipeline", "reporting",
    "inventory", "pricing", "recommendations", "shipping", "returns", "customer-profile",
    "fraud-detection", "billing", "loyalty", "media-cdn", "message-bus", "feature-flags",
    "identity-provider", "data-warehouse", "support-portal", "partner-api", "admin-console",
    "email-relay",
]  # fmt: skip
TRIGGERS = ["deploy", "config-change", "traffic-spike", "scheduled-job", "migration",
            "vendor-change", "time-based", "hardware-failure"]  # fmt: skip
DETECTIONS = ["automated-alert", "synthetic-check", "customer-report", "internal-report",
              "vendor-notice"]  # fmt: skip
FACTORS = ["no-staged-rollout", "missing-alerting", "alert-fatigue", "insufficient-load-testing",
           "unclear-runbook", "single-point-of-failure", "manual-change", "untested-failover",
           "no-retry-backoff", "slow-rollback", "misleading-dashboards"]  # fmt: skip
TEAMS = ["payments-team", "sre-team", "platform-team", "data-team", "identity-team",
         "search-team", "mobile-team", "release-managers", "network-team",
         "storage-team"]  # fmt: skip
ZONES = ["UTC", "UTC", "UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"]

_SUBJECTS = [
    "the on-call engineer", "the {svc} service", "an automated alert", "the database team",
    "the incident commander", "the {svc} dashboards", "a synthetic check", "the platform team",
    "customer support", "the deploy pipeline", "the primary {svc} cluster", "the load balancer",
]  # fmt: skip
_VERBS = [
    "reported", "noticed", "confirmed", "ruled out", "rolled back", "restarted", "paged",
    "escalated", "throttled", "drained", "scaled out", "disabled", "patched", "failed over",
    "investigated", "traced", "rebuilt", "re-enabled", "monitored", "compared",
]  # fmt: skip
_OBJECTS = [
    "the error rate on {svc}", "the latest release of {svc}", "the connection pool settings",
    "a spike in p99 latency", "the `max_connections` limit", "the retry policy of {svc}",
    "memory use on every {svc} node", "the queue depth of the message bus",
    "the TLS certificate chain", "the feature flag for the new {svc} flow",
    "requests failing with HTTP 503", "the replica lag on the orders database",
    "a runaway batch job", "stale entries in the cache", "the DNS records for {svc}",
]  # fmt: skip
_TAILS = [
    "while customers kept retrying", "before the next traffic peak", "across two regions",
    "for about {m} minutes", "without losing any orders", "as the backlog kept growing",
    "after comparing the graphs with the previous week", "and posted an update on the status page",
    "because the runbook did not cover this case", "with help from the vendor's support desk",
    "at a rate of {n} errors per second", "which took longer than expected; see ticket OPS-{n}",
]  # fmt: skip
_WORD_TEXT = (
    "the a service request traffic queue latency error timeout retry cache node cluster region "
    "deploy config release rollback alert dashboard metric threshold capacity memory disk "
    "customer payment order checkout database replica primary connection pool worker thread "
    "job batch schedule vendor upstream downstream gateway proxy certificate token key secret "
    "team engineer review runbook change window traffic peak load test staging production "
    "slowly quickly again still already never partly fully briefly and then but because while"
)
_WORDS = _WORD_TEXT.split()


def _fill(rng: random.Random, template: str, services: list[str]) -> str:
    return template.format(svc=rng.choice(services), m=rng.randint(3, 90), n=rng.randint(10, 9000))


def sentence(rng: random.Random, services: list[str], lo: int = 10, hi: int = 28) -> str:
    """One plausible sentence of lo–hi words."""
    parts = [
        _fill(rng, rng.choice(_SUBJECTS), services),
        rng.choice(_VERBS),
        _fill(rng, rng.choice(_OBJECTS), services),
    ]
    if rng.random() < 0.8:
        parts.append(_fill(rng, rng.choice(_TAILS), services))
    words = " ".join(parts).split()
    target = rng.randint(lo, hi)
    while len(words) < target:
        words += rng.sample(_WORDS, min(target - len(words), rng.randint(2, 6)))
    words = words[: max(target, 4)]
    text = " ".join(words).rstrip(",;")
    if text.count("`") % 2:  # a cut through an inline code span
        text = text.replace("`", "")
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, services: list[str], lo: int, hi: int) -> str:
    return " ".join(sentence(rng, services) for _ in range(rng.randint(lo, hi)))


def taxonomy() -> dict[str, Any]:
    def terms(slugs: list[str]) -> list[dict[str, str]]:
        return [{"slug": s, "title": s.replace("-", " ").capitalize()} for s in slugs]

    return {
        "severities": [
            {"id": "SEV1", "title": "Critical", "description": "A core journey is down."},
            {"id": "SEV2", "title": "Major", "description": "A core journey is degraded."},
            {"id": "SEV3", "title": "Minor", "description": "Partial degradation, workaround."},
            {"id": "SEV4", "title": "Low", "description": "Internal impact or a near miss."},
        ],
        "root_causes": [
            {"slug": s, "title": t, "group": g, "description": d} for s, t, g, d in ROOT_CAUSES
        ],
        "services": terms(SERVICES),
        "triggers": terms(TRIGGERS),
        "detection_methods": terms(DETECTIONS),
        "contributing_factors": terms(FACTORS),
    }


def _clock(moment: datetime, previous: datetime) -> str:
    if moment.date() == previous.date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def _exists(moment: datetime, zone: str) -> bool:
    """Whether the wall-clock time `moment` happens in `zone` (not in a spring-forward gap,
    which the validator rightly rejects)."""
    local = moment.replace(tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None) == moment


def _gap_shift(moments: list[datetime], zone: str) -> timedelta:
    """How far to move an incident's times, all together, so none falls in a gap of
    `zone`'s clock: nothing for nearly every incident, the fewest hours (earlier first)
    for one that spans a spring-forward change."""
    for hours in range(48):
        shift = timedelta(hours=(hours + 1) // 2 * (-1 if hours % 2 else 1))
        if all(_exists(m + shift, zone) for m in moments):
            return shift
    raise ValueError(f"no time in {zone} fits {moments[0]}")


_MIDDLE_KINDS = ["investigation"] * 5 + ["escalation", "communication", "note"]


def incident(rng: random.Random, day: date, earlier: list[tuple[str, list[str]]]) -> dict[str, Any]:
    """One incident's data (the id is chosen by the caller from the returned title slug)."""
    services = rng.sample(SERVICES, rng.randint(1, 3))
    causes = rng.sample([c[0] for c in ROOT_CAUSES], rng.randint(2, 3))
    cause_title = next(c[1] for c in ROOT_CAUSES if c[0] == causes[0]).lower()
    symptom = rng.choice(["outage", "degradation", "elevated errors", "partial outage",
                          "slow responses", "failed jobs", "data delay"])  # fmt: skip
    title = f"{services[0].replace('-', ' ').capitalize()} {symptom} from {cause_title}"
    if rng.random() < 0.5:
        title += f" after {rng.choice(['a deploy', 'a config change', 'a traffic spike'])}"

    started = datetime.combine(day, datetime.min.time()) + timedelta(
        hours=rng.randint(0, 23), minutes=rng.randint(0, 59)
    )
    detected = started + timedelta(minutes=rng.randint(1, 45))
    n_events = rng.randint(8, 15)
    moments = [detected]
    for _ in range(n_events - 1):
        moments.append(moments[-1] + timedelta(minutes=rng.randint(2, 40)))
    mitigation_index = rng.randint(n_events // 2, n_events - 2)
    kinds = ["detection"] + [rng.choice(_MIDDLE_KINDS) for _ in range(n_events - 2)]
    kinds += ["resolution"]
    kinds[mitigation_index] = "mitigation"
    timeline = []
    for kind in kinds:
        event = sentence(rng, services, 8, 22)
        if rng.random() < 0.15:  # characters Mermaid needs escaped
            event = event.rstrip(".") + f"; error rate at {rng.randint(5, 95)}% (#{kind})."
        timeline.append({"at": "", "kind": kind, "event": event})

    actions = []
    for _ in range(rng.randint(3, 6)):
        item: dict[str, Any] = {
            "title": sentence(rng, services, 6, 12).rstrip("."),
            "kind": rng.choice(["fix", "prevent", "detect", "mitigate", "process"]),
            "owner": rng.choice(TEAMS),
            "status": rng.choice(["open", "in-progress", "done", "done", "wont-do"]),
        }
        if rng.random() < 0.85:
            item["due"] = (day + timedelta(days=rng.randint(7, 120))).isoformat()
        if rng.random() < 0.5:
            item["link"] = f"https://tracker.example/OPS-{rng.randint(100, 99999)}"
        actions.append(item)

    severity = rng.choice(["SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV4"])
    status = rng.choice(["published"] * 8 + ["in-review", "draft"])
    visibility = rng.choice(["public", "internal"])
    zone = rng.choice(ZONES)
    # The random draws above stay in their old order (same archive for a seed as before);
    # only an incident that would start, or log an event, inside a DST gap moves.
    shift = _gap_shift([started, *moments], zone)
    started, detected = started + shift, detected + shift
    moments = [m + shift for m in moments]
    previous = started
    for moment, entry in zip(moments, timeline, strict=True):
        entry["at"] = _clock(moment, previous)
        previous = moment

    data: dict[str, Any] = {
        "title": title,
        "severity": severity,
        "status": status,
        "visibility": visibility,
        "timezone": zone,
        "started": started.strftime("%Y-%m-%d %H:%M"),
        "detected": detected.strftime("%Y-%m-%d %H:%M"),
        "mitigated": moments[mitigation_index].strftime("%Y-%m-%d %H:%M"),
        "resolved": moments[-1].strftime("%Y-%m-%d %H:%M"),
        "services": services,
        "root_causes": causes,
        "trigger": rng.choice(TRIGGERS),
        "detection": rng.choice(DETECTIONS),
        "contributing_factors": rng.sample(FACTORS, rng.randint(0, 3)),
        "impact": sentence(rng, services, 10, 20),
        "authors": rng.sample(TEAMS, rng.randint(1, 2)),
        "summary": paragraph(rng, services, 3, 5),
        "root_cause": paragraph(rng, services, 3, 5),
        "resolution": paragraph(rng, services, 2, 4),
        "timeline": timeline,
        "action_items": actions,
        "lessons": {
            "went_well": [sentence(rng, services) for _ in range(rng.randint(1, 3))],
            "went_wrong": [sentence(rng, services) for _ in range(rng.randint(1, 3))],
            "lucky": [sentence(rng, services) for _ in range(rng.randint(0, 2))],
        },
    }
    sharing = [other for other, other_causes in earlier[-300:] if set(other_causes) & set(causes)]
    if sharing and rng.random() < 0.3:
        data["related"] = rng.sample(sharing, min(len(sharing), rng.randint(1, 2)))
    if rng.random() < 0.5:
        data["links"] = [
            {"title": "Status page post", "url": f"https://status.example/{day.isoformat()}"}
        ]
    return data


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96)


def write_archive(folder: Path, n: int, seed: int = 20240812) -> list[Path]:
    """Write taxonomy.yaml and n incident files into `folder` (emptied of old YAML first)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    rng = random.Random(f"{seed}-{n}")
    (folder / "taxonomy.yaml").write_text(_dump(taxonomy()), encoding="utf-8")
    first, span = date(2015, 1, 1), 11 * 365
    days = sorted(first + timedelta(days=rng.randrange(span)) for _ in range(n))
    earlier: list[tuple[str, list[str]]] = []
    paths = []
    for day in days:
        data = incident(rng, day, earlier)
        stem = "-".join(data["title"].lower().replace("%", "").split()[:6])
        base = f"{day.isoformat()}-{stem}"
        incident_id, k = base, 2
        while (folder / f"{incident_id}.yaml").exists():
            incident_id, k = f"{base}-{k}", k + 1
        path = folder / f"{incident_id}.yaml"
        path.write_text(_dump(data), encoding="utf-8")
        earlier.append((incident_id, data["root_causes"]))
        paths.append(path)
    return paths
