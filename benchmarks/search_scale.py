"""Search at scale: what the first query costs a reader, in Chromium, on the synthetic
archives of `python -m benchmarks`, and what Pagefind's indexing adds to the build.

`python -m benchmarks.search_scale --sizes 1000 10000` writes each archive (or reuses
benchmarks/out/n<N>/ when its site is there and `--reuse` is given), builds it once with
our config (`mkdocs build`, Pagefind included), and then, 3 times in a fresh browser
context each:

- opens the home page, and once it has loaded puts "memory leak" into the header's search
  box; records every response under pagefind/ until the first result card is shown:
  bytes received (the local server sends no HTTP compression; Pagefind's index chunks
  are gzip files of their own, its scripts are not: their gzip size is given too);
  time from the page's load event, and from navigation start, to the first result;
- in another fresh context, imports pagefind.js on the main thread (`noWorker`), runs the
  same first query, and reads V8's heap use (used heap + array buffers, CDP
  Runtime.getHeapUsage after a forced GC) before and after: the memory a first query
  costs (on the site, the same work happens in Pagefind's web worker).

Indexing time: the build log's "Search: N pages indexed by Pagefind in X s", against the
build's wall time. Results go to benchmarks/out/search-scale.json and are printed as a
Markdown table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
from pathlib import Path
from typing import Any

from benchmarks.__main__ import OUT, prepare
from benchmarks.measure import run_build
from benchmarks.relevance import CHROMIUM, served

QUERY = "memory leak"
_INDEXED = re.compile(
    r"Search: (\d+) pages indexed by Pagefind in ([\d.]+) s(?: \(([\d.]+) s CPU\))?"
)
_FIRST_RESULT = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector("[data-pm-search-results]");
  const shown = new Promise((resolve) => {
    new MutationObserver((_, observer) => {
      if (list.querySelector(".md-search-result__item")) {
        observer.disconnect();
        resolve(performance.now());
      }
    }).observe(list, { childList: true });
  });
  const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd;
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event("input"));
  const at = await shown;
  return { fromLoad: at - loaded, fromNavigation: at };
}"""
_MAIN_THREAD_QUERY = """async (query) => {
  const started = performance.now();
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.options({ noWorker: true });
  await pagefind.init();
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return { matches: search.results.length, seconds: (performance.now() - started) / 1000 };
}"""


def _heap(session: Any) -> int:
    session.send("HeapProfiler.collectGarbage")
    usage = session.send("Runtime.getHeapUsage")
    return int(usage["usedSize"]) + int(usage.get("backingStorageSize", 0))


def first_query(site: Path, repeats: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    runs: list[dict[str, Any]] = []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(repeats):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            responses: list[Any] = []

            def record(response: Any, into: list[Any] = responses) -> None:
                into.append(response)

            page.on("response", record)
            page.goto(base, wait_until="load")
            timing = page.evaluate(_FIRST_RESULT, QUERY)
            first = [r for r in responses if "/pagefind/" in r.url]
            page.wait_for_timeout(1000)  # the filters' values, fetched after the results
            every = [r for r in responses if "/pagefind/" in r.url]
            received = sum(len(r.body()) for r in first)
            gzipped = sum(
                len(gzip.compress(body)) if r.url.endswith(".js") else len(body)
                for r in first
                for body in [r.body()]
            )
            with_filters = sum(len(r.body()) for r in every)
            context.close()

            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "404.html")
            session = context.new_cdp_session(page)
            before = _heap(session)
            alone = page.evaluate(_MAIN_THREAD_QUERY, QUERY)
            heap = _heap(session) - before
            context.close()
            runs.append({
                "from_load_s": timing["fromLoad"] / 1000,
                "from_navigation_s": timing["fromNavigation"] / 1000,
                "received_bytes": received,
                "gzip_bytes": gzipped,
                "files": len(first),
                "with_filters_bytes": with_filters,
                "heap_bytes": heap,
                "matches": alone["matches"],
                "api_alone_s": alone["seconds"],
            })  # fmt: skip
        browser.close()
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]} | {"runs": runs}


def measure(n: int, repeats: int, seed: int, reuse: bool) -> dict[str, Any]:
    site = OUT / f"n{n}" / "site-ours"
    build: dict[str, Any] = {}
    if not (reuse and (site / "pagefind").is_dir()):
        paths, _ = prepare(n, seed, floor=False)
        log = paths.root / "build-search-scale.log"
        done = run_build(paths.ours_config, log)
        indexed = _INDEXED.search(log.read_text(encoding="utf-8"))
        assert indexed, f"no Pagefind line in {log}"
        build = {
            "build_wall_s": done.wall,
            "build_cpu_s": done.cpu,
            "indexed_pages": int(indexed[1]),
            "indexing_s": float(indexed[2]),
            "indexing_share": float(indexed[2]) / done.wall,
        }
        if indexed[3]:  # Pagefind's CPU time, against the build's (its own included)
            build["indexing_cpu_s"] = float(indexed[3])
            build["indexing_cpu_share"] = float(indexed[3]) / done.cpu
    return {"n": n, **build, **first_query(site, repeats)}


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| N | first query: received (gzip) | files | with the filters | first result after load"
        " | after navigation start | heap of a first query | Pagefind API alone | build s |"
        " Pagefind s | share |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['n']:,} | {r['received_bytes'] / 1e6:.2f} MB ({r['gzip_bytes'] / 1e6:.2f} MB) "
            f"| {r['files']:.0f} | {r['with_filters_bytes'] / 1e6:.2f} MB "
            f"| {r['from_load_s']:.2f} s | {r['from_navigation_s']:.2f} s "
            f"| {r['heap_bytes'] / 1e6:.1f} MB | {r['api_alone_s']:.2f} s "
            f"| {r.get('build_wall_s', 0):.1f} | {r.get('indexing_s', 0):.1f} "
            f"({r.get('indexing_cpu_s', 0):.1f} CPU) | {r.get('indexing_share', 0):.1%} "
            f"({r.get('indexing_cpu_share', 0):.1%} CPU) |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_scale", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20240812)
    parser.add_argument("--reuse", action="store_true", help="use an existing site-ours")
    args = parser.parse_args(argv)
    results = [measure(n, args.repeats, args.seed, args.reuse) for n in args.sizes]
    (OUT / "search-scale.json").write_text(json.dumps(results, indent=2))
    print(table(results))


if __name__ == "__main__":
    main()
