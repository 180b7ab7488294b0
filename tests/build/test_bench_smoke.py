"""`make bench` end to end on a few dozen incidents, so the benchmark cannot rot unseen.

Nothing here is timed: the figures are only checked to exist and to count what they say.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from benchmarks.generate import _exists, _gap_shift
from benchmarks.measure import TreeMemory

# A child that holds 150 MB for a moment, started by a parent holding little.
_PARENT = """import subprocess, sys
subprocess.run([sys.executable, "-c", "import time; b = bytearray(150 << 20); time.sleep(1.5)"])
"""


def test_peak_memory_counts_the_processes_a_build_starts() -> None:
    proc = subprocess.Popen([sys.executable, "-c", _PARENT])
    memory = TreeMemory(proc.pid, "parent")
    while proc.poll() is None:
        memory.sample()
        time.sleep(0.02)
    assert max(memory.peaks.values()) > 150 * 1024  # KiB: the child's own peak
    assert memory.tree_peak > 150 * 1024
    assert len(memory.peaks) == 2


def test_generated_times_move_out_of_a_dst_gap() -> None:
    # The seed's archive of 10,000 once had an incident from 22:50 to 02:49 on the night
    # Europe/Paris skipped 02:00-03:00 (2022-03-27): the validator rightly rejected it.
    night = [datetime(2022, 3, 26, 22, 50), datetime(2022, 3, 27, 2, 49)]
    shift = _gap_shift(night, "Europe/Paris")
    assert shift == timedelta(hours=-1)
    assert all(_exists(moment + shift, "Europe/Paris") for moment in night)
    assert _gap_shift(night, "UTC") == timedelta(0)
    assert not _exists(datetime(2022, 3, 27, 2, 30), "Europe/Paris")


@pytest.mark.build
def test_bench_runs_end_to_end_on_a_small_archive(tmp_path: Path) -> None:
    argv = ["--sizes", "24", "--repeats", "1", "--no-serve", "--out", str(tmp_path)]
    assert main(argv) == 0

    (entry,) = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))["sizes"]
    for variant in ("floor", "ours", "zensical"):
        assert entry[variant]["cpu_median"] > 0, variant
        assert entry[variant]["max_rss_mb"] > 0, variant
    assert entry["ours"]["warnings"] == entry["floor"]["warnings"] == 0
    assert entry["ours"]["pagefind_cpu_median"] > 0  # the build log's Pagefind line

    # The floor has Material's search, incident pages included; ours has Pagefind's.
    floor_site, ours_site = tmp_path / "n24" / "site-floor", tmp_path / "n24" / "site-ours"
    docs = json.loads((floor_site / "search" / "search_index.json").read_text())["docs"]
    assert any(doc["location"].startswith("incidents/2") for doc in docs)
    assert (ours_site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (ours_site / "search").exists()

    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "What a user pays: N = 24" in report
    assert "Zensical recipe" in report
