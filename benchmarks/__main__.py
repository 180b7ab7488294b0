"""`python -m benchmarks [--sizes 1000] [--with-10k] [--repeats 3] [--profile]` (make bench).

For each N (1,000 by default; 10,000 with --with-10k) in benchmarks/out/n<N>/: a synthetic
archive, the two configs (ours: what `make site` builds, our hook and Pagefind; floor: the
same pages pre-rendered, no hook, Material's search), alternating rounds (floor, ours,
Zensical recipe; floor, ours, recipe; …) measuring wall time, CPU time and the peak memory
of every process, output sizes; at N = 1,000 the live preview under `make preview`
(`mkdocs serve --dirty`) and `make serve`. Results: <out>/results.json and report.md.
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
from .zensical import Recipe, copy_recipe, run_recipe

OUT = REPO / "benchmarks" / "out"
TARGETS = {
    "cpu_ratio_1k": 0.6,  # ours / floor with search, CPU, N = 1,000 (issue [speed])
    "wall_10k_s": 200.0,
    "mkdocs_10k_mb": 1024.0,
    "pagefind_10k_mb": 2048.0,
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


def prepare(
    n: int, seed: int, out: Path = OUT, *, floor: bool = True, zensical: bool = False
) -> tuple[RunPaths, list[str]]:
    paths = RunPaths(out / f"n{n}")
    for variant in ("ours", "floor"):
        shutil.rmtree(paths.site(variant), ignore_errors=True)
    started = time.perf_counter()
    files = write_archive(paths.incidents, n, seed)
    log(f"N={n}: archive written in {time.perf_counter() - started:.1f} s")
    archive, problems = check_archive([paths.incidents])
    if problems or archive is None:
        raise SystemExit("generated archive has problems:\n" + "\n".join(map(str, problems)))
    del archive
    write_configs(paths)
    if zensical:
        copy_recipe(paths.root / "zensical-site")
    if floor:
        started = time.perf_counter()
        count = prerender_floor(paths)
        log(f"N={n}: floor docs pre-rendered ({count} files) in "
            f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    return paths, [f.stem for f in files]


def highest_peaks(runs: list[Build] | list[Recipe]) -> dict[str, float]:
    """Each process's highest peak (MB) over the rounds, by process name."""
    peaks: dict[str, float] = {}
    for run in runs:
        for name, mb in run.peaks_mb.items():
            peaks[name] = max(peaks.get(name, 0.0), mb)
    return peaks


def summary(builds: list[Build]) -> dict[str, Any]:
    peaks = highest_peaks(builds)
    return {
        "wall_median": statistics.median(b.wall for b in builds),
        "cpu_median": statistics.median(b.cpu for b in builds),
        "max_rss_mb": max(b.max_rss_mb for b in builds),  # every process together
        "peaks_mb": peaks,  # each process's own, by name
        "pagefind_wall_median": statistics.median(b.pagefind_wall for b in builds),
        "pagefind_cpu_median": statistics.median(b.pagefind_cpu for b in builds),
        "walls": [round(b.wall, 2) for b in builds],
        "cpus": [round(b.cpu, 2) for b in builds],
        "warnings": max(b.warnings for b in builds),
    }


def recipe_summary(runs: list[Recipe]) -> dict[str, Any]:
    peaks = highest_peaks(runs)
    return {
        "wall_median": statistics.median(r.wall for r in runs),
        "cpu_median": statistics.median(r.cpu for r in runs),
        "max_rss_mb": max(r.peak_mb for r in runs),
        "peaks_mb": peaks,
        "render_wall_median": statistics.median(r.render.wall for r in runs),
        "render_cpu_median": statistics.median(r.render.cpu for r in runs),
        "walls": [round(r.wall, 2) for r in runs],
        "cpus": [round(r.cpu, 2) for r in runs],
    }


def bench_size(
    n: int, repeats: int, seed: int, out: Path = OUT, *, with_floor: bool = True,
    with_zensical: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """Alternating rounds at N: floor, ours, recipe; floor, ours, recipe; …"""
    paths, ids = prepare(n, seed, out, floor=with_floor, zensical=with_zensical)
    ours: list[Build] = []
    floor: list[Build] = []
    recipe: list[Recipe] = []
    for k in range(repeats):
        if with_floor:
            floor.append(run_build(paths.floor_config, paths.root / f"build-floor-{k}.log"))
            log(f"N={n} floor    #{k + 1}: {_line(floor[-1])}")
        ours.append(run_build(paths.ours_config, paths.root / f"build-ours-{k}.log"))
        log(f"N={n} ours     #{k + 1}: {_line(ours[-1])}")
        if with_zensical:
            recipe.append(run_recipe(paths.root / "zensical-site", paths.incidents, k))
            log(f"N={n} zensical #{k + 1}: {recipe[-1].wall:.1f} s wall, "
                f"{recipe[-1].cpu:.1f} s CPU, {recipe[-1].peak_mb:.0f} MB")  # fmt: skip
    result: dict[str, Any] = {"n": n, "ours": summary(ours)}
    result["sizes_ours"] = asdict(output_sizes(paths.site("ours"), ids))
    if with_floor:
        result["floor"] = summary(floor)
        result["ratio_wall"] = result["ours"]["wall_median"] / result["floor"]["wall_median"]
        result["ratio_cpu"] = result["ours"]["cpu_median"] / result["floor"]["cpu_median"]
        result["ratio_pairs"] = [round(o.cpu / f.cpu, 3) for o, f in zip(ours, floor, strict=True)]
    if with_zensical:
        result["zensical"] = recipe_summary(recipe)
    return result


def _line(build: Build) -> str:
    peaks = ", ".join(f"{name} {mb:.0f}" for name, mb in build.peaks_mb.items())
    return (
        f"{build.wall:.1f} s wall, {build.cpu:.1f} s CPU, {build.max_rss_mb:.0f} MB all "
        f"processes ({peaks}), Pagefind {build.pagefind_wall:.1f} s, {build.warnings} warnings"
    )


def bench_preview(n: int, seed: int, out: Path = OUT) -> dict[str, Any]:
    """Save → page served, under `mkdocs serve` (full rebuilds) and `make preview`
    (`mkdocs serve --dirty`, the fast preview path)."""
    paths = RunPaths(out / f"n{n}")
    if not paths.ours_config.exists():
        paths, _ = prepare(n, seed, out, floor=False)
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


def bench_profile(n: int, seed: int, out: Path = OUT) -> dict[str, Any]:
    """cProfile (CPU time) of one build of each, exclusive time by top-level package."""
    paths = RunPaths(out / f"n{n}")
    if not paths.floor_config.exists():
        paths, _ = prepare(n, seed, out)
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


def _peaks(entry: dict[str, Any]) -> str:
    return ", ".join(f"{name} {mb:,.0f}" for name, mb in sorted(entry["peaks_mb"].items()))


def report(results: dict[str, Any]) -> str:
    """The Markdown tables of docs/benchmarks.md, from results.json."""
    lines: list[str] = []
    sizes = {r["n"]: r for r in results["sizes"]}
    for n, r in sizes.items():
        if "floor" not in r:
            continue
        rounds = len(r["ours"]["walls"])
        lines += [f"### What a user pays: N = {n:,} (medians of {rounds} alternating rounds)", ""]
        lines += ["| build | wall s | CPU s | wall / floor | CPU / floor | CPU s per round | "
                  "peak MB, all processes | each process's peak MB |",
                  "|---|---|---|---|---|---|---|---|"]  # fmt: skip
        floor = r["floor"]
        rows = [
            ("floor: MkDocs + Material + mermaid2 + Material's search", floor),
            ("ours: `make site` (hook + Pagefind)", r["ours"]),
        ]
        if "zensical" in r:
            rows.append(("Zensical recipe (`postmortem render --out` + `zensical build`)",
                         r["zensical"]))  # fmt: skip
        for name, entry in rows:
            lines.append(
                f"| {name} | {entry['wall_median']:.1f} | {entry['cpu_median']:.1f} | "
                f"{entry['wall_median'] / floor['wall_median']:.2f} | "
                f"{entry['cpu_median'] / floor['cpu_median']:.2f} | {entry['cpus']} | "
                f"{entry['max_rss_mb']:,.0f} | {_peaks(entry)} |"
            )
        ours = r["ours"]
        lines += [
            "",
            f"Pagefind within ours: {ours['pagefind_wall_median']:.1f} s wall, "
            f"{ours['pagefind_cpu_median']:.1f} s CPU (median); ours / floor CPU per round: "
            f"{r['ratio_pairs']}.",
        ]
        if n == 1000:
            ok = r["ratio_cpu"] <= TARGETS["cpu_ratio_1k"]
            lines.append(
                f"Target ours / floor ≤ {TARGETS['cpu_ratio_1k']} in CPU at 1,000: "
                f"{r['ratio_cpu']:.2f}, {_mark(ok)}."
            )
        lines.append("")
    lines += ["### Scaling (ours)", ""]
    lines += ["| N | wall s | CPU s | peak MB, all processes | each process's peak MB | "
              "Pagefind wall s | Pagefind CPU s | runs (wall s) |",
              "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for n, r in sizes.items():
        o = r["ours"]
        lines.append(
            f"| {n:,} | {o['wall_median']:.1f} | {o['cpu_median']:.1f} | "
            f"{o['max_rss_mb']:,.0f} | {_peaks(o)} | {o['pagefind_wall_median']:.1f} | "
            f"{o['pagefind_cpu_median']:.1f} | {o['walls']} |"
        )
    r10k = sizes.get(10000)
    lines.append("")
    if r10k:
        o = r10k["ours"]
        mkdocs_mb = o["peaks_mb"].get("mkdocs", 0.0)
        pagefind_mb = o["peaks_mb"].get("pagefind", 0.0)
        lines.append(
            f"At 10,000: build {o['wall_median']:.0f} s wall (target ≤ "
            f"{TARGETS['wall_10k_s']:.0f} s on a quiet machine: "
            f"{_mark(o['wall_median'] <= TARGETS['wall_10k_s'])}), the build process "
            f"{mkdocs_mb:,.0f} MB (≤ 1 GB: {_mark(mkdocs_mb <= TARGETS['mkdocs_10k_mb'])}), "
            f"Pagefind {pagefind_mb:,.0f} MB (≤ 2 GB: "
            f"{_mark(pagefind_mb <= TARGETS['pagefind_10k_mb'])})."
        )
        r1k = sizes.get(1000)
        if r1k:
            lines.append(
                f"t(10k)/t(1k) = {o['cpu_median'] / r1k['ours']['cpu_median']:.2f} in CPU time "
                "(wall times of runs under different loads do not compare)."
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
        lines += profile_table(prof)
    m = results["machine"]
    lines += [
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB RAM, Python "
        f"{m['python']}, mkdocs {m['mkdocs']}, mkdocs-material {m['mkdocs-material']}, "
        f"mkdocs-mermaid2-plugin {m['mkdocs-mermaid2-plugin']}; load average at start "
        f"{m['load_average_at_start']}.",
    ]
    return "\n".join(lines) + "\n"


def profile_table(prof: dict[str, Any]) -> list[str]:
    ours_total, floor_total = prof["ours"]["total_s"], prof["floor"]["total_s"]
    lines = ["", f"### Profile (cProfile, CPU time, N = {prof['n']:,}, exclusive time by "
             "top-level package)", ""]  # fmt: skip
    lines += ["| package | ours s | ours % | floor s | floor % |", "|---|---|---|---|---|"]
    floor_groups = dict(prof["floor"]["groups"])
    ours_groups = dict(prof["ours"]["groups"])
    # Packages with at least 0.5 % of either build; the rest on one line.
    shown = [g for g, t in prof["ours"]["groups"] if t >= 0.005 * ours_total]
    shown += [g for g, t in prof["floor"]["groups"] if t >= 0.005 * floor_total]
    shown = list(dict.fromkeys(shown))
    rows = [(g, ours_groups.get(g, 0.0), floor_groups.get(g, 0.0)) for g in shown]
    rest_ours = ours_total - sum(o for _, o, _ in rows)
    rows.append(("everything else", rest_ours, floor_total - sum(f for _, _, f in rows)))
    for group, o, f in rows:
        lines.append(
            f"| {group} | {o:.2f} | {100 * o / ours_total:.1f} | {f:.2f} | "
            f"{100 * f / floor_total:.1f} |"
        )
    lines.append(f"| **total (profiled)** | {ours_total:.2f} | 100 | {floor_total:.2f} | 100 |")
    lines += ["", "Our functions by cumulative time (ours build):", ""]
    lines += ["| function | own s | cumulative s |", "|---|---|---|"]
    for name, tt, ct in prof["ours"]["ours_cumulative"][:12]:
        lines.append(f"| `{name}` | {tt:.3f} | {ct:.3f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--with-10k", action="store_true", help="also N = 10,000 (ours, once)")
    parser.add_argument("--floor-10k", action="store_true", help="also the floor at 10,000")
    parser.add_argument("--repeats", type=int, default=3, help="rounds at each N (≥ 3)")
    parser.add_argument("--seed", type=int, default=20240812)
    parser.add_argument("--no-serve", action="store_true", help="skip the live-preview timing")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical recipe")
    parser.add_argument("--profile", action="store_true", help="cProfile ours and floor at 1k")
    parser.add_argument(
        "--keep", action="store_true", help="add to the results file, not replace it"
    )
    parser.add_argument("--out", default=str(OUT), help="the folder for everything written")
    parser.add_argument("--results", help="results file (default: <out>/results.json)")
    parser.add_argument("--report-only", action="store_true", help="rewrite report.md only")
    args = parser.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results_file = Path(args.results) if args.results else out / "results.json"
    if args.report_only:
        saved = json.loads(results_file.read_text(encoding="utf-8"))
        (out / "report.md").write_text(report(saved), encoding="utf-8")
        return 0
    # Results of earlier runs are kept only with --keep (a later --with-10k run adds to them).
    results: dict[str, Any] = {"sizes": []}
    if results_file.exists() and args.keep:
        results = json.loads(results_file.read_text(encoding="utf-8"))
    results["machine"], results["argv"] = machine(), sys.argv[1:] if argv is None else argv
    log(f"machine: {results['machine']}")

    def save() -> None:
        results_file.write_text(json.dumps(results, indent=2), encoding="utf-8")

    def store(entry: dict[str, Any]) -> None:
        results["sizes"] = sorted(
            [r for r in results["sizes"] if r["n"] != entry["n"]] + [entry], key=lambda r: r["n"]
        )
        save()

    for n in args.sizes:
        store(bench_size(n, args.repeats, args.seed, out, with_zensical=not args.no_zensical))
    if not args.no_serve:
        results["preview"] = bench_preview(1000, args.seed, out)
        save()
    if args.profile:
        results["profile"] = bench_profile(1000, args.seed, out)
        save()
    if args.with_10k:
        store(bench_size(10000, 1, args.seed, out, with_floor=args.floor_10k))
    text = report(results)
    (out / "report.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
