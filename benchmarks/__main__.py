"""`python -m benchmarks [--with-10k] [--repeats 3] [--profile]` (or `make bench`).

For each N (100, 1,000; 10,000 with --with-10k) in benchmarks/out/n<N>/: a synthetic
archive, the two configs (ours: our hook; floor: the same pages pre-rendered, no hook),
alternating builds (floor, ours, floor, ours, …), output sizes; at N = 1,000 the live
preview under `make preview` (`mkdocs serve --dirty`) and `make serve`. Results:
benchmarks/out/results.json and report.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import time
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from postmortem_kb.validation.check import check_archive

from .configs import REPO, RunPaths, base_config, prerender_floor, write_configs
from .generate import write_archive
from .measure import (
    Build,
    live_preview,
    output_sizes,
    profile_build,
    run_build,
    top_exclusive,
    top_functions,
)

OUT = REPO / "benchmarks" / "out"
TARGETS = {
    "ratio_1k": 1.15,
    "scaling_10k_1k": 11.0,
    "rss_10k_mb": 1024.0,
    "page_kb": 25.0,
    "search_kb_per_incident": 3.0,
    "preview_s": 2.0,
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine() -> dict[str, Any]:
    with open("/proc/meminfo", encoding="utf-8") as handle:
        mem_kb = int(handle.readline().split()[1])
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = -1.0
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "mkdocs-mermaid2-plugin": version("mkdocs-mermaid2-plugin"),
        "load_average_at_start": round(load, 2),
    }


def prepare(n: int, seed: int, *, floor: bool = True) -> tuple[RunPaths, list[str]]:
    paths = RunPaths(OUT / f"n{n}")
    for variant in ("ours", "floor"):
        shutil.rmtree(paths.site(variant), ignore_errors=True)
    started = time.perf_counter()
    files = write_archive(paths.incidents, n, seed)
    log(f"N={n}: archive written in {time.perf_counter() - started:.1f} s")
    archive, problems = check_archive([paths.incidents])
    if problems or archive is None:
        raise SystemExit("generated archive has problems:\n" + "\n".join(map(str, problems)))
    write_configs(paths)
    if not floor:
        return paths, [f.stem for f in files]
    started = time.perf_counter()
    count = prerender_floor(paths)
    log(f"N={n}: floor docs pre-rendered ({count} files) in {time.perf_counter() - started:.1f} s")
    return paths, [f.stem for f in files]


def summary(builds: list[Build]) -> dict[str, Any]:
    return {
        "wall_median": statistics.median(b.wall for b in builds),
        "cpu_median": statistics.median(b.cpu for b in builds),
        "max_rss_mb": max(b.max_rss_mb for b in builds),
        "walls": [round(b.wall, 2) for b in builds],
        "cpus": [round(b.cpu, 2) for b in builds],
        "warnings": max(b.warnings for b in builds),
    }


def bench_size(n: int, repeats: int, seed: int, with_floor: bool) -> dict[str, Any]:
    paths, ids = prepare(n, seed, floor=with_floor)
    ours: list[Build] = []
    floor: list[Build] = []
    for k in range(repeats):
        if with_floor:
            floor.append(run_build(paths.floor_config, paths.root / f"build-floor-{k}.log"))
            log(f"N={n} floor #{k + 1}: {floor[-1]}")
        ours.append(run_build(paths.ours_config, paths.root / f"build-ours-{k}.log"))
        log(f"N={n} ours  #{k + 1}: {ours[-1]}")
    result: dict[str, Any] = {"n": n, "ours": summary(ours)}
    result["sizes_ours"] = asdict(output_sizes(paths.site("ours"), ids))
    if with_floor:
        result["floor"] = summary(floor)
        result["sizes_floor"] = asdict(output_sizes(paths.site("floor"), ids))
        result["ratio_wall"] = result["ours"]["wall_median"] / result["floor"]["wall_median"]
        result["ratio_cpu"] = result["ours"]["cpu_median"] / result["floor"]["cpu_median"]
        result["ratio_pairs"] = [
            round(o.wall / f.wall, 3) for o, f in zip(ours, floor, strict=True)
        ]
    return result


def bench_preview(n: int, seed: int) -> dict[str, Any]:
    """Save → page served, under `mkdocs serve` (full rebuilds) and `make preview`
    (`mkdocs serve --dirty`, the fast preview path)."""
    paths = RunPaths(OUT / f"n{n}")
    if not paths.ours_config.exists():
        paths, _ = prepare(n, seed)
    incidents = sorted(paths.incidents.glob("*.yaml"))
    incidents = [p for p in incidents if p.name != "taxonomy.yaml"]
    target = incidents[len(incidents) // 2]
    site_url = str(base_config().get("site_url") or "/")
    result: dict[str, Any] = {"n": n, "incident": target.stem}
    for mode, dirty in (("preview", True), ("serve", False)):
        timing = live_preview(
            paths.ours_config,
            target,
            paths.root / f"{mode}.log",
            base_path=urlsplit(site_url).path,
            dirty=dirty,
        )
        log(f"N={n} {mode}: startup {timing.startup:.1f} s, edits {timing.edits}")
        result[mode] = {
            "startup_s": timing.startup,
            "edits_s": [round(e, 2) for e in timing.edits],
            "median_s": statistics.median(timing.edits),
        }
    return result


def bench_profile(n: int, seed: int) -> dict[str, Any]:
    paths = RunPaths(OUT / f"n{n}")
    if not paths.ours_config.exists():
        paths, _ = prepare(n, seed)
    results: dict[str, Any] = {"n": n}
    for variant, config in (("ours", paths.ours_config), ("floor", paths.floor_config)):
        prof = paths.root / f"profile-{variant}.prof"
        total, groups = profile_build(config, prof, paths.root / f"profile-{variant}.log")
        results[variant] = {
            "total_s": total,
            "groups": [(g, round(t, 2)) for g, t in groups],
            "top_exclusive": [(g, f, round(t, 3)) for g, f, t in top_exclusive(prof)],
        }
        log(f"N={n} profile {variant}: {total:.1f} s profiled")
    prof = paths.root / "profile-ours.prof"
    results["ours"]["ours_cumulative"] = [
        (f, round(tt, 3), round(ct, 3)) for f, tt, ct in top_functions(prof, "postmortem", limit=25)
    ]
    return results


def _mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def report(results: dict[str, Any]) -> str:
    """The Markdown tables of docs/benchmarks.md, from results.json."""
    lines: list[str] = []
    sizes = {r["n"]: r for r in results["sizes"]}
    r1k = sizes.get(1000)
    lines += ["### Overhead: ours / floor (wall time, median)", ""]
    lines += ["| N | floor s | ours s | ours/floor wall | ours/floor CPU | pairs | target |"]
    lines += ["|---|---|---|---|---|---|---|"]
    for n, r in sizes.items():
        if "floor" not in r:
            continue
        target = (
            f"≤ {TARGETS['ratio_1k']}: {_mark(r['ratio_wall'] <= TARGETS['ratio_1k'])}"
            if n == 1000
            else "—"
        )
        lines.append(
            f"| {n:,} | {r['floor']['wall_median']:.2f} | {r['ours']['wall_median']:.2f} | "
            f"{r['ratio_wall']:.3f} | {r['ratio_cpu']:.3f} | {r['ratio_pairs']} | {target} |"
        )
    lines += ["", "### Scaling (ours)", ""]
    lines += ["| N | build s (median) | CPU s | peak RSS MB | runs (s) |", "|---|---|---|---|---|"]
    for n, r in sizes.items():
        o = r["ours"]
        lines.append(
            f"| {n:,} | {o['wall_median']:.2f} | {o['cpu_median']:.2f} | "
            f"{o['max_rss_mb']:.0f} | {o['walls']} |"
        )
    r10k = sizes.get(10000)
    lines.append("")
    if r10k and r1k:
        scale = r10k["ours"]["wall_median"] / r1k["ours"]["wall_median"]
        scale_cpu = r10k["ours"]["cpu_median"] / r1k["ours"]["cpu_median"]
        rss = r10k["ours"]["max_rss_mb"]
        worst = max(scale, scale_cpu)
        lines.append(
            f"t(10k)/t(1k) = {scale:.2f} wall, {scale_cpu:.2f} CPU (target ≤ "
            f"{TARGETS['scaling_10k_1k']:.0f}, both: {_mark(worst <= TARGETS['scaling_10k_1k'])}); "
            f"peak RSS at 10k = {rss:.0f} MB (target ≤ 1 GB: "
            f"{_mark(rss <= TARGETS['rss_10k_mb'])})."
        )
    else:
        lines.append("N = 10,000 not run (pass --with-10k).")
    lines += ["", "### Output size (ours)", ""]
    lines += ["KB = 1,024 bytes. Search: Pagefind's index on disk (words, filters, one fragment "
              "per page) over N, and the fragments' part; a browser loads only what a query "
              "needs (see Search at scale).", ""]  # fmt: skip
    lines += ["| N | incident page median (bytes) | largest page | site total MB | "
              "pagefind index KB | search KB / incident | of which fragments | "
              "page ≤ 25 KB | search ≤ 3 KB / incident |",
              "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for n, r in sizes.items():
        s = r["sizes_ours"]
        median_kb = s["incident_page_median"] / 1024
        max_kb = s["incident_page_max"] / 1024
        per = s["search_index"] / s["incidents"] / 1024
        own = s.get("search_incident_pages", 0) / s["incidents"] / 1024
        if max_kb <= TARGETS["page_kb"]:
            page_mark = "met"
        elif median_kb <= TARGETS["page_kb"]:
            page_mark = "median only (**largest pages over**)"
        else:
            page_mark = "**missed**"
        lines.append(
            f"| {n:,} | {median_kb:.1f} KB ({s['incident_page_median']:,}) | {max_kb:.1f} KB | "
            f"{s['site_total'] / 1e6:.1f} | {s['search_index'] / 1024:,.0f} | {per:.2f} | "
            f"{own:.2f} | {page_mark} | "
            f"{_mark(per <= TARGETS['search_kb_per_incident'])} |"
        )
    preview = results.get("preview")
    lines += ["", "### Live preview", ""]
    if preview:
        lines += [
            "| N | command | first page served s | save → new title served s | median s | target |",
            "|---|---|---|---|---|---|",
        ]
        for mode, command in (("preview", "`make preview`"), ("serve", "`make serve`")):
            timing = preview[mode]
            ok = timing["median_s"] <= TARGETS["preview_s"]
            lines.append(
                f"| {preview['n']:,} | {command} | {timing['startup_s']:.1f} | "
                f"{timing['edits_s']} | {timing['median_s']:.2f} | ≤ 2 s: {_mark(ok)} |"
            )
    else:
        lines.append("Not run (--no-serve).")
    prof = results.get("profile")
    if prof:
        lines += ["", f"### Profile (cProfile, N = {prof['n']:,}, exclusive time by package)", ""]
        lines += ["| package | ours s | floor s |", "|---|---|---|"]
        floor_groups = dict(prof["floor"]["groups"])
        for group, seconds in prof["ours"]["groups"]:
            lines.append(f"| {group} | {seconds:.2f} | {floor_groups.get(group, 0.0):.2f} |")
        lines.append(
            f"| **total (profiled)** | {prof['ours']['total_s']:.2f} | "
            f"{prof['floor']['total_s']:.2f} |"
        )
        lines += ["", "Our functions by cumulative time (ours build):", ""]
        lines += ["| function | own s | cumulative s |", "|---|---|---|"]
        for name, tt, ct in prof["ours"]["ours_cumulative"][:15]:
            lines.append(f"| `{name}` | {tt:.3f} | {ct:.3f} |")
    m = results["machine"]
    lines += [
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB RAM, Python "
        f"{m['python']}, mkdocs {m['mkdocs']}, mkdocs-material {m['mkdocs-material']}, "
        f"mkdocs-mermaid2-plugin {m['mkdocs-mermaid2-plugin']}; load average at start "
        f"{m['load_average_at_start']}.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--with-10k", action="store_true", help="also N = 10,000 (ours, once)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--repeats", type=int, default=3, help="builds per variant (≥ 3)")
    parser.add_argument("--seed", type=int, default=20240812)
    parser.add_argument("--no-serve", action="store_true", help="skip the live-preview timing")
    parser.add_argument("--profile", action="store_true", help="cProfile ours and floor at 1k")
    parser.add_argument("--floor-10k", action="store_true", help="also the floor at 10,000")
    parser.add_argument(
        "--keep", action="store_true", help="add to benchmarks/out/results.json, not replace it"
    )
    parser.add_argument("--results", default=str(OUT / "results.json"), help="results file")
    parser.add_argument("--report-only", action="store_true", help="rewrite report.md only")
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    results_file = Path(args.results)
    if args.report_only:
        saved = json.loads(results_file.read_text(encoding="utf-8"))
        (OUT / "report.md").write_text(report(saved), encoding="utf-8")
        return 0
    # Results of earlier runs are kept unless measured again (a --with-10k run adds to them).
    results: dict[str, Any] = {"sizes": []}
    if results_file.exists() and args.keep:
        results = json.loads(results_file.read_text(encoding="utf-8"))
    results["machine"], results["argv"] = machine(), sys.argv[1:]
    log(f"machine: {results['machine']}")

    def store(entry: dict[str, Any]) -> None:
        results["sizes"] = sorted(
            [r for r in results["sizes"] if r["n"] != entry["n"]] + [entry], key=lambda r: r["n"]
        )
        results_file.write_text(json.dumps(results, indent=2), encoding="utf-8")

    for n in args.sizes:
        store(bench_size(n, args.repeats, args.seed, with_floor=True))
    if not args.no_serve:
        results["preview"] = bench_preview(1000, args.seed)
        results_file.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.profile:
        results["profile"] = bench_profile(1000, args.seed)
        results_file.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.with_10k:
        store(bench_size(10000, 1, args.seed, with_floor=args.floor_10k))
    text = report(results)
    (OUT / "report.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
