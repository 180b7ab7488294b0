"""A real-shaped archive for layout tests: 51 incidents over 58 years, written by a script
so that its size stays honest and its text stays ours.

It has what a long-lived archive has and the sample has not: decades of history, an
incident open for 600 days, one with 700 timeline events and one with 150 events in Arabic,
incidents without a timeline or with only a start, 80 services (one incident touching 14),
titles of 190 characters, text in Japanese, Greek, Russian and Arabic, times known only to
the day or the month, an end nobody recorded, an unrated incident from 1968, and reviews
with no date at all.
Run `python -m tests.realistic_archive FOLDER` to look at it with `mkdocs serve`.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from tests.harness import ROOT

KINDS = ["detection", "investigation", "escalation", "mitigation", "resolution",
         "communication", "note"]  # fmt: skip
AREAS = ["billing", "identity", "search", "media", "catalog", "shipping", "pricing", "ledger",
         "messaging", "geo", "reports", "partner", "fraud", "mobile", "edge",
         "storage"]  # fmt: skip
ROLES = ["api", "worker", "db", "cache", "gateway"]
SERVICES = [f"{area}-{role}" for area in AREAS for role in ROLES]  # 80
TITLES = [
    "Checkout requests timed out while the primary database failed over",
    "Sign-in tokens were rejected after a clock drifted on two hosts",
    "Search results were stale for a day after the indexer stopped",
    "Nightly billing run charged some customers twice",
    "Image uploads failed when the storage quota was reached",
    "Partner feed rejected every order after a certificate expired",
    "Push notifications were delayed by hours behind a stuck queue",
    "決済APIのタイムアウトにより注文の一部が失敗した",
    "Διακοπή της αναζήτησης μετά από αλλαγή ρυθμίσεων DNS",
    "Отказ платёжного шлюза из-за утечки памяти после обновления",
    "تعطل خدمة الإشعارات بسبب انتهاء صلاحية الشهادة",
]
LONG_TITLE = (
    "Orders placed through the partner channel between the quarterly price update and the "
    "cache flush were billed at the old price, refunded by hand, and reconciled over weeks"
)
ARABIC = "تم رصد ارتفاع في زمن الاستجابة وتحقق الفريق من السجلات قبل إعادة التشغيل"
START = datetime(1993, 4, 6, 9, 15)


def _timeline(rng: random.Random, start: datetime, count: int, step: int) -> list[dict[str, str]]:
    events, moment = [], start
    for n in range(count):
        moment += timedelta(minutes=rng.randint(1, step))
        kind = KINDS[0] if n == 0 else rng.choice(KINDS[1:])
        text = rng.choice(TITLES) + (f", step {n + 1} of the response" if n % 3 else ".")
        events.append({"at": moment.strftime("%Y-%m-%d %H:%M"), "kind": kind, "event": text})
    return events


def _incident(rng: random.Random, n: int, started: datetime) -> dict[str, Any]:
    minutes = [rng.randint(2, 90), rng.randint(20, 400), rng.randint(30, 2000)]
    detected = started + timedelta(minutes=minutes[0])
    mitigated = detected + timedelta(minutes=minutes[1])
    resolved = mitigated + timedelta(minutes=minutes[2])
    data: dict[str, Any] = {
        "title": LONG_TITLE if n % 9 == 4 else TITLES[n % len(TITLES)],
        "severity": ["SEV1", "SEV2", "SEV3", "SEV4"][rng.randint(0, 3)],
        "status": rng.choice(["published", "published", "in-review", "draft"]),
        "visibility": "internal",
        "timezone": rng.choice(["UTC", "Europe/Berlin", "Asia/Tokyo", "America/New_York"]),
        "started": started.strftime("%Y-%m-%d %H:%M"),
        "detected": detected.strftime("%Y-%m-%d %H:%M"),
        "mitigated": mitigated.strftime("%Y-%m-%d %H:%M"),
        "resolved": resolved.strftime("%Y-%m-%d %H:%M"),
        "services": [SERVICES[(2 * n) % 80], SERVICES[(2 * n + 1) % 80]],
        "root_causes": rng.sample(["memory-leak", "faulty-deploy", "config-change",
                                   "capacity-exhaustion", "certificate-expiry"], 1),
        "impact": "Some customers could not finish what they came to do.",
        "summary": f"Incident {n} of the generated archive: {TITLES[n % len(TITLES)]}.",
        "root_cause": "A change met a condition nobody had tested. More words follow here.",
        "resolution": "The change was rolled back and the condition covered by a test.",
        "no_action_items": "The test added in the resolution covers it.",
    }  # fmt: skip
    if n % 5 != 2:
        data["timeline"] = _timeline(rng, started, rng.randint(3, 14), 40)
    return data


def incidents() -> dict[str, dict[str, Any]]:
    """File stem → incident data."""
    rng = random.Random(14)
    found: dict[str, dict[str, Any]] = {}
    started = START
    for n in range(40):
        started += timedelta(days=rng.randint(150, 420), minutes=rng.randint(0, 600))
        found[f"{started:%Y-%m-%d}-generated-{n:02d}"] = _incident(rng, n, started)
    long = _incident(rng, 40, datetime(2019, 1, 10, 8, 0))
    long.update(resolved="2020-09-01 17:30", title="A data-retention job kept deleting records "
                "for 600 days before an audit noticed", services=["ledger-db", "reports-worker"],
                timeline=_timeline(rng, datetime(2019, 1, 10, 8, 0), 12, 80_000))  # fmt: skip
    found["2019-01-10-six-hundred-days"] = long
    busy = _incident(rng, 41, datetime(2021, 3, 2, 6, 0))
    busy.update(timeline=_timeline(rng, datetime(2021, 3, 2, 6, 0), 700, 4))
    busy["resolved"] = busy["timeline"][-1]["at"]
    busy["mitigated"] = busy["detected"] = busy["timeline"][0]["at"]
    found["2021-03-02-seven-hundred-events"] = busy
    arabic = _incident(rng, 42, datetime(2022, 7, 19, 10, 0))
    arabic.update(title="انقطاع خدمة الدفع لمدة ساعتين", timeline=[
        {**e, "event": f"{ARABIC} {n}"}
        for n, e in enumerate(_timeline(rng, datetime(2022, 7, 19, 10, 0), 150, 3))
    ])  # fmt: skip
    arabic["resolved"] = arabic["timeline"][-1]["at"]
    arabic["mitigated"] = arabic["detected"] = arabic["timeline"][0]["at"]
    found["2022-07-19-arabic-timeline"] = arabic
    wide = _incident(rng, 43, datetime(2023, 5, 8, 14, 0))
    wide.update(services=SERVICES[::6][:14], root_causes=["config-change", "faulty-deploy"])
    found["2023-05-08-fourteen-services"] = wide
    bare = _incident(rng, 44, datetime(1995, 2, 1, 3, 0))
    for field in ("detected", "mitigated", "resolved", "timeline"):
        bare.pop(field, None)
    found["1995-02-01-only-a-start"] = bare
    # Schema 1.1: times known only to the day, an end nobody recorded, before 1970, unrated.
    dated = _incident(rng, 45, datetime(2001, 6, 12, 0, 0))
    dated.update(
        started="2001-06-12",
        detected="2001-06-12",
        mitigated="2001-06-14",
        resolved="2001-06-14",
        timeline=_timeline(rng, datetime(2001, 6, 12, 9), 4, 90),
    )
    found["2001-06-12-date-only"] = dated
    unknown = _incident(rng, 46, datetime(2004, 3, 9, 22, 40))
    unknown.update(resolved="unknown", mitigated=None)
    unknown.pop("mitigated")
    found["2004-03-09-end-unknown"] = unknown
    early = _incident(rng, 47, datetime(1968, 11, 4, 14, 20))
    early.pop("severity")
    found["1968-11-04-before-1970-unrated"] = early
    # No date at all (a third of a real public collection): with and without a timeline.
    for n, stem in ((48, "no-date-recorded"), (49, "no-date-dated-timeline")):
        undated = _incident(rng, n, datetime(2015, 9, 21, 7, 5))
        for field in ("detected", "mitigated", "timeline"):
            undated.pop(field, None)
        undated.update(started="unknown", resolved="unknown")
        found[stem] = undated
    timed = found["no-date-dated-timeline"]
    timed["timeline"] = _timeline(rng, datetime(2015, 9, 21, 7, 5), 6, 35)
    for event in timed["timeline"][1:]:  # on the first event's day: the time alone
        event["at"] = event["at"][-5:]
    month = _incident(rng, 50, datetime(2012, 2, 1, 0, 0))
    month.update(started="2012-02", detected=None, mitigated=None, resolved="2012-02")
    for field in ("detected", "mitigated", "timeline"):
        month.pop(field, None)
    found["2012-02-month-only"] = month
    return found


def write_archive(folder: Path) -> Path:
    """The archive and its taxonomy (the sample's, with the 80 services) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    taxonomy = yaml.safe_load((ROOT / "incidents" / "taxonomy.yaml").read_text("utf-8"))
    # Generated timelines need not hold an event at `detected`: no timeline warnings.
    taxonomy["publishing"]["timeline_checks"] = False
    taxonomy["services"] = [
        {"slug": s, "title": s.replace("-", " ").capitalize(), "description": f"The {s}."}
        for s in SERVICES
    ]
    for stem, data in {"taxonomy": taxonomy, **incidents()}.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"{stem}.yaml").write_text(text, "utf-8")
    return folder


if __name__ == "__main__":
    print(write_archive(Path(sys.argv[1])))
