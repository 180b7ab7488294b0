"""`python -m benchmarks.draft [--messages 20000] [--repeats 3]`: `postmortem draft` on a
large chat export with the pager log and the status page, as a user runs it.

The chat export comes from the tests' deterministic generator
(tests/fixtures/capture/generate_chat.py: two days of one channel, the incident's flagged
messages among filler of every kind); the pager and status-page exports are the tests'
fixtures. Each run is a fresh `postmortem draft` process writing into a fresh archive
folder; wall time, CPU time (user + sys) and peak memory come from `os.wait4`. Prints a
Markdown table and writes benchmarks/out/draft-m<N>/results.json.

Measured here (2 cores shared with other work): 20,000 messages (3.9 MB of day files)
0.54 s CPU, 0.55 s wall when the machine is idle (1.0 s under load), 83 MB peak;
200,000 messages (39 MB) 1.9 s CPU, 2.1 s wall, 330 MB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .configs import REPO

FIXTURES = REPO / "tests" / "fixtures" / "capture"
OTHERS = ("pagerduty-incident.json", "pagerduty-log-entries.json", "statuspage-incident.json")


def write_exports(folder: Path, messages: int) -> list[str]:
    """The exports in `folder`; the PATH arguments of `postmortem draft`, relative to it."""
    spec = importlib.util.spec_from_file_location("generate_chat", FIXTURES / "generate_chat.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    shutil.rmtree(folder / "slack", ignore_errors=True)
    generator.write_export(folder / "slack", messages)
    for name in OTHERS:
        shutil.copy(FIXTURES / "exports" / name, folder / name)
    return ["slack", "--channel", generator.CHANNEL, *OTHERS]


def run_once(folder: Path, paths: list[str], number: int) -> dict[str, Any]:
    out = folder / f"archive-{number}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    shutil.copy(REPO / "incidents" / "taxonomy.yaml", out)
    command = [sys.executable, "-m", "postmortem_kb", "draft", *paths, "--out", out.name,
               "--timezone", "Europe/Berlin"]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stdout = process.stdout.read().decode() if process.stdout else ""
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"postmortem draft failed:\n{stdout}\n{stderr}")
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "summary": stdout.splitlines(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    folder = REPO / "benchmarks" / "out" / f"draft-m{arguments.messages}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = write_exports(folder, arguments.messages)
    size = sum(p.stat().st_size for p in (folder / "slack").rglob("*.json"))
    runs = [run_once(folder, paths, n) for n in range(arguments.repeats)]
    result = {
        "messages": arguments.messages,
        "chat_export_mb": round(size / 1e6, 1),
        "runs": runs,
        "median_wall_s": statistics.median(r["wall_s"] for r in runs),
        "median_cpu_s": statistics.median(r["cpu_s"] for r in runs),
        "max_peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "cores": os.cpu_count(),
        "load_1min": round(os.getloadavg()[0], 2),
    }
    (folder / "results.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(runs[0]["summary"][0])
    print("\n| messages | export | median wall | median CPU | peak memory |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {arguments.messages:,} | {result['chat_export_mb']} MB | {result['median_wall_s']} s "
        f"| {result['median_cpu_s']} s | {result['max_peak_rss_mb']} MB |"
    )


if __name__ == "__main__":
    main()
