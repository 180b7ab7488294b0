"""Measurements: one mkdocs build (wall time, CPU time, peak RSS), output sizes, live preview
under `mkdocs serve`, and a cProfile of a build grouped by package."""

from __future__ import annotations

import os
import pstats
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent
MKDOCS = str(BIN / "mkdocs")


def mkdocs_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTMORTEM_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONHASHSEED"] = "0"
    return env


@dataclass(frozen=True)
class Build:
    wall: float  # seconds
    cpu: float  # user + system seconds of the build and every process it waited for
    max_rss_mb: float  # peak of the whole process tree's resident memory, summed
    warnings: int  # WARNING lines in the build log
    peaks_mb: dict[str, float] = field(default_factory=dict)  # each process's own VmHWM
    pagefind_wall: float = 0.0  # Pagefind's run, as the build log reports it
    pagefind_cpu: float = 0.0


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (KiB) of a running process; empty once it is gone."""
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    values[line[:5]] = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return values


def _children(parents: set[int]) -> dict[int, str]:
    """Every process whose parent is in `parents`, with its name (a scan of /proc; only
    the processes started after the oldest parent, as process ids grow)."""
    found: dict[int, str] = {}
    oldest = min(parents)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) <= oldest:
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                text = stat.read()
        except OSError:
            continue
        name, _, rest = text[text.index("(") + 1 :].rpartition(")")
        if int(rest.split()[1]) in parents:
            found[int(entry.name)] = name
    return found


class TreeMemory:
    """Peak memory of a process and its descendants (Pagefind, started by the build's last
    step), sampled from /proc: each process's own high-water mark (VmHWM, exact while it
    runs) and the peak of their resident sizes added up (what the machine must have).

    `ru_maxrss` is not usable: a child starts from its parent's high-water mark (and the
    benchmark process holds a whole archive), and Pagefind's would include the build's."""

    RESCAN_S = 0.1  # how often /proc is scanned for new descendants

    def __init__(self, pid: int, name: str) -> None:
        self.names = {pid: name}
        self.peaks: dict[int, int] = {}
        self.tree_peak = 0
        self._scanned = 0.0

    def sample(self) -> None:
        now = time.perf_counter()
        if now - self._scanned > self.RESCAN_S:
            self.names.update(_children(set(self.names)))
            self._scanned = now
        total = 0
        for pid in self.names:
            values = _status(pid)
            if values:
                total += values.get("VmRSS", 0)
                self.peaks[pid] = max(self.peaks.get(pid, 0), values.get("VmHWM", 0))
        self.tree_peak = max(self.tree_peak, total)

    def peaks_mb(self) -> dict[str, float]:
        """Each process's peak by name (the largest, when several share a name), MiB."""
        by_name: dict[str, float] = {}
        for pid, kib in self.peaks.items():
            name = self.names[pid]
            by_name[name] = max(by_name.get(name, 0.0), kib / 1024)
        return by_name


_PAGEFIND = re.compile(r"indexed by Pagefind in ([\d.]+) s \(([\d.]+) s CPU\)")


@dataclass(frozen=True)
class Measured:
    wall: float
    cpu: float  # user + system of the command and every process it waited for
    tree_peak_kib: int
    peaks_mb: dict[str, float]


def run_measured(
    command: list[str], log: Path, *, cwd: Path | None = None, timeout: float = 3600.0
) -> Measured:
    """Run `command` (output to `log`), timed: CPU from wait4 on this very child (its
    waited-for children included), memory of its whole process tree. Fails on a non-zero
    exit with the log's end."""
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=mkdocs_env(),
            start_new_session=True,
        )  # fmt: skip
        memory = TreeMemory(proc.pid, Path(command[0]).name)
        deadline = start + timeout
        while True:
            memory.sample()
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise RuntimeError(f"{' '.join(command)} took over {timeout:.0f} s")
            time.sleep(0.02)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        text = log.read_text(encoding="utf-8", errors="replace")
        raise RuntimeError(f"{' '.join(command)} failed; see {log}:\n{text[-2000:]}")
    peaks = {k: round(v, 1) for k, v in memory.peaks_mb().items()}
    return Measured(wall, usage.ru_utime + usage.ru_stime, memory.tree_peak, peaks)


def run_build(config: Path, log: Path, *, timeout: float = 3600.0) -> Build:
    """`mkdocs build --strict -f config`: what `make site` runs (Pagefind included)."""
    done = run_measured([MKDOCS, "build", "--strict", "-f", str(config)], log, timeout=timeout)
    text = log.read_text(encoding="utf-8", errors="replace")
    pagefind = _PAGEFIND.search(text)
    return Build(
        wall=done.wall,
        cpu=done.cpu,
        max_rss_mb=done.tree_peak_kib / 1024,  # KiB → MiB
        warnings=sum("WARNING" in line for line in text.splitlines()),
        peaks_mb=done.peaks_mb,
        pagefind_wall=float(pagefind.group(1)) if pagefind else 0.0,
        pagefind_cpu=float(pagefind.group(2)) if pagefind else 0.0,
    )


@dataclass(frozen=True)
class Sizes:
    incident_page_median: int  # bytes of incidents/<id>/index.html, median over incidents
    incident_page_max: int
    site_total: int  # every file of the built site
    search_index: int  # pagefind/: word index, filters and fragments (on disk)
    search_incident_pages: int  # the fragments: one per indexed page
    incidents: int

    @property
    def search_per_incident(self) -> float:
        return self.search_index / self.incidents


def output_sizes(site: Path, incident_ids: list[str]) -> Sizes:
    pages = [(site / "incidents" / i / "index.html").stat().st_size for i in incident_ids]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    # Pagefind's index: its word index, filters and one fragment (result data) per page;
    # not its scripts, which do not grow with the archive.
    bundle = site / "pagefind"
    index = sum(
        p.stat().st_size
        for folder in ("index", "filter", "fragment")
        for p in (bundle / folder).glob("*")
    )
    fragments = sum(p.stat().st_size for p in (bundle / "fragment").glob("*"))
    return Sizes(
        int(statistics.median(pages)),
        max(pages),
        total,
        index,
        fragments,
        len(incident_ids),
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError, TimeoutError):
        return None


@dataclass(frozen=True)
class Preview:
    startup: float  # seconds from `mkdocs serve` to the first page served
    edits: list[float]  # seconds from saving the incident file to the new title being served


def live_preview(
    config: Path,
    incident: Path,
    log: Path,
    *,
    base_path: str = "/",
    edits: int = 3,
    startup_timeout: float = 900.0,
    edit_timeout: float = 300.0,
    dirty: bool = False,
) -> Preview:
    """Start `mkdocs serve` (with `dirty`: `mkdocs serve --dirty`, our fast preview), change
    one incident's title `edits` times, time each rebuild. The incident file is restored and
    the server killed whatever happens."""
    port = _free_port()
    # `mkdocs serve` mounts the site at site_url's path (/postmortem-kb/ here).
    url = f"http://127.0.0.1:{port}/{base_path.strip('/')}/incidents/{incident.stem}/"
    url = url.replace(f"{port}//", f"{port}/")
    original = incident.read_text(encoding="utf-8")
    title_line = next(line for line in original.splitlines() if line.startswith("title: "))
    timings: list[float] = []
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [MKDOCS, "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"]
            + (["--dirty"] if dirty else []),
            stdout=out,
            stderr=subprocess.STDOUT,
            env=mkdocs_env(),
            start_new_session=True,
        )
        try:
            while _get(url) is None:
                if proc.poll() is not None:
                    raise RuntimeError(f"mkdocs serve exited early; see {log}")
                if time.perf_counter() - start > startup_timeout:
                    raise RuntimeError(f"mkdocs serve not up after {startup_timeout:.0f} s")
                time.sleep(0.25)
            startup = time.perf_counter() - start
            time.sleep(2.0)  # let the watcher settle after the first build
            for k in range(1, edits + 1):
                token = f"Benchmark edit {k} {os.getpid()}"
                incident.write_text(
                    original.replace(title_line, f"title: {token}", 1), encoding="utf-8"
                )
                saved = time.perf_counter()
                while True:
                    body = _get(url)
                    if body is not None and token in body:
                        timings.append(time.perf_counter() - saved)
                        break
                    if proc.poll() is not None:
                        raise RuntimeError(f"mkdocs serve exited; see {log}")
                    if time.perf_counter() - saved > edit_timeout:
                        raise RuntimeError(f"edit {k} not served after {edit_timeout:.0f} s")
                    time.sleep(0.05)
                time.sleep(2.0)  # the next edit starts from an idle server
        finally:
            incident.write_text(original, encoding="utf-8")
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
    return Preview(startup, timings)


_BUILTIN = "built-in functions (C)"


def package_of(filename: str) -> str:
    """The top-level package of a profiled function's file: the folder under
    site-packages, the module under the standard library, ours by name."""
    path = filename.replace("\\", "/")
    if "/src/postmortem_kb/" in path:
        return "postmortem_kb (ours)"
    if path.endswith("/hooks/postmortems.py"):
        return "hook (ours)"
    if filename.startswith(("~", "<")):
        return _BUILTIN
    for marker in ("/site-packages/", "/dist-packages/"):
        if marker in path:
            top = path.split(marker, 1)[1].split("/", 1)[0]
            return top.removesuffix(".py").split(".", 1)[0] if top.endswith(".py") else top
    stdlib = re.search(r"/lib/python3\.\d+/([^/]+)", path)
    if stdlib:
        return f"stdlib: {stdlib.group(1).removesuffix('.py')}"
    return "other"


# Profiles the build's CPU time (not wall time: a wait for Pagefind is not work of ours).
_PROFILE = """import cProfile, sys, time
from mkdocs.__main__ import cli
profile = cProfile.Profile(time.process_time)
sys.argv = ["mkdocs", *sys.argv[2:]]
try:
    profile.runcall(cli, standalone_mode=False)
finally:
    profile.dump_stats(OUT)
"""


def profile_build(config: Path, out: Path, log: Path) -> tuple[float, list[tuple[str, float]]]:
    """cProfile one `mkdocs build --strict` (CPU time of the mkdocs process; Pagefind runs
    in its own process); exclusive time per top-level package, largest first."""
    script = _PROFILE.replace("OUT", repr(str(out)))
    cmd = [sys.executable, "-c", script, "mkdocs", "build", "--strict", "-f", str(config)]
    with log.open("w", encoding="utf-8") as handle:
        subprocess.run(cmd, stdout=handle, stderr=subprocess.STDOUT, env=mkdocs_env(),
                       check=True, timeout=3600)  # fmt: skip
    return by_package(out)


def by_package(profile: Path) -> tuple[float, list[tuple[str, float]]]:
    """Exclusive time per top-level package, largest first. A built-in function's time
    (str.join, re's matcher, ...) goes to the packages of its callers, in the share
    each of them spent in it."""
    raw = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, callers) in raw.items():
        group = package_of(filename)
        shares = [(package_of(c[0]), v[2]) for c, v in callers.items()] if callers else []
        if group == _BUILTIN and shares:
            for caller, seconds in shares:
                totals[caller] = totals.get(caller, 0.0) + seconds
            rest = tottime - sum(seconds for _, seconds in shares)
            totals[group] = totals.get(group, 0.0) + max(rest, 0.0)
        else:
            totals[group] = totals.get(group, 0.0) + tottime
    total = sum(totals.values())
    return total, sorted(totals.items(), key=lambda item: -item[1])


def top_functions(profile: Path, pattern: str, limit: int = 12) -> list[tuple[str, float, float]]:
    """(function, tottime, cumtime) of functions whose file contains `pattern`, by cumtime."""
    stats = pstats.Stats(str(profile))
    raw = stats.stats  # type: ignore[attr-defined]
    rows = [
        (f"{Path(f).name}:{line} {name}", tt, ct)
        for (f, line, name), (_cc, _nc, tt, ct, _callers) in raw.items()
        if pattern in f
    ]
    return sorted(rows, key=lambda row: -row[2])[:limit]


def top_exclusive(profile: Path, limit: int = 15) -> list[tuple[str, str, float]]:
    """(group, function, tottime) of the functions with the most exclusive time."""
    stats = pstats.Stats(str(profile))
    raw = stats.stats  # type: ignore[attr-defined]
    rows = [
        (package_of(f), f"{Path(f).name}:{line} {name}", tt)
        for (f, line, name), (_cc, _nc, tt, _ct, _callers) in raw.items()
    ]
    return sorted(rows, key=lambda row: -row[2])[:limit]
