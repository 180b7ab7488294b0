"""Measurements: one mkdocs build (wall time, CPU time, peak RSS), output sizes, live preview
under `mkdocs serve`, and a cProfile of a build grouped by package."""

from __future__ import annotations

import os
import pstats
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
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
    cpu: float  # user + system seconds of the mkdocs process
    max_rss_mb: float  # peak resident set size of the mkdocs process
    warnings: int  # WARNING lines in the build log


def _high_water_kib(pid: int) -> int:
    """Peak resident memory (VmHWM, KiB) of a running process; 0 when unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_build(config: Path, log: Path, *, timeout: float = 1800.0) -> Build:
    """`mkdocs build -f config`, timed; rusage from wait4 on this very child."""
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [MKDOCS, "build", "-f", str(config)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=mkdocs_env(),
            start_new_session=True,
        )
        deadline = start + timeout
        peak_kib = 0
        while True:
            peak_kib = max(peak_kib, _high_water_kib(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise RuntimeError(f"mkdocs build -f {config} took over {timeout:.0f} s")
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build -f {config} failed; see {log}:\n{text[-2000:]}")
    return Build(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        # wait4's ru_maxrss starts from this (large) process's peak: a forked child inherits
        # the high-water mark. VmHWM is the mkdocs process's own since its exec.
        max_rss_mb=(peak_kib or usage.ru_maxrss) / 1024,  # KiB → MiB
        warnings=sum("WARNING" in line for line in text.splitlines()),
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


# What a function's file belongs to, first match wins (paths of the .venv and the repo).
GROUPS = [
    ("ours: postmortem_kb", "/src/postmortem_kb/"),
    ("ours: hook", "/hooks/postmortems.py"),
    ("mermaid2 plugin", "/mermaid2/"),
    ("BeautifulSoup (bs4, used by mermaid2)", "/bs4/"),
    ("Material (theme, search plugin)", "/material/"),
    ("MkDocs search plugin", "/mkdocs/contrib/search/"),
    ("MkDocs", "/mkdocs/"),
    ("Python-Markdown", "/markdown/"),
    ("pymdown-extensions", "/pymdownx/"),
    ("Jinja2 / MarkupSafe", "/jinja2/"),
    ("pydantic", "/pydantic"),
    ("PyYAML", "/yaml/"),
    ("nh3", "nh3"),
    ("watchdog", "/watchdog/"),
]


def _group(filename: str) -> str:
    for name, marker in GROUPS:
        if marker in filename:
            return name
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins / C code"
    return "Python stdlib, other"


def profile_build(config: Path, out: Path, log: Path) -> tuple[float, list[tuple[str, float]]]:
    """cProfile one `mkdocs build`; exclusive time per package, largest first."""
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out), MKDOCS, "build", "-f", str(config)]
    with log.open("w", encoding="utf-8") as handle:
        subprocess.run(cmd, stdout=handle, stderr=subprocess.STDOUT, env=mkdocs_env(),
                       check=True, timeout=3600)  # fmt: skip
    stats = pstats.Stats(str(out))
    totals: dict[str, float] = {}
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in raw.items():
        group = _group(filename)
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
        (_group(f), f"{Path(f).name}:{line} {name}", tt)
        for (f, line, name), (_cc, _nc, tt, _ct, _callers) in raw.items()
    ]
    return sorted(rows, key=lambda row: -row[2])[:limit]
