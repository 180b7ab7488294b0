"""`python -m benchmarks.zensical [--n 1000] [--repeats 3]`: the Zensical recipe against the
hook build, side by side on one synthetic archive.

- hook: `mkdocs build` of mkdocs.yml's settings with our hook (as `python -m benchmarks`);
- zensical: `postmortem render --out` (load, check, render, write the Markdown), then
  `zensical build --clean` (a full build: no cache from the previous run) of
  examples/zensical/mkdocs.yml.

Runs alternate hook, zensical, hook, zensical, …; wall and CPU time (user + sys, from
`os.wait4`) of each command. Prints a Markdown table and writes
benchmarks/out/zensical-n<N>/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

from .configs import REPO, RunPaths, write_configs
from .generate import write_archive
from .measure import mkdocs_env, run_build

BIN = Path(sys.executable).parent
RECIPE = REPO / "examples" / "zensical"


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float


def run_timed(command: list[str], cwd: Path, log: Path) -> Timed:
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                env=mkdocs_env())  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed; see {log}")
    return Timed(wall, usage.ru_utime + usage.ru_stime)


def zensical_once(project: Path, incidents: Path, k: int) -> tuple[Timed, Timed]:
    out = project / "docs" / "postmortems"
    render = run_timed(
        [str(BIN / "postmortem"), "render", "--incidents", str(incidents), "--out", str(out)],
        project, project / f"render-{k}.log",
    )  # fmt: skip
    build = run_timed(
        [str(BIN / "zensical"), "build", "--clean"], project, project / f"zensical-{k}.log"
    )
    return render, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.zensical")
    parser.add_argument("--n", type=int, default=1000, help="incidents in the archive")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each builder")
    parser.add_argument("--seed", type=int, default=20240812)
    args = parser.parse_args(argv)
    paths = RunPaths(REPO / "benchmarks" / "out" / f"zensical-n{args.n}")
    shutil.rmtree(paths.root, ignore_errors=True)
    paths.root.mkdir(parents=True)
    write_archive(paths.incidents, args.n, args.seed)
    write_configs(paths)
    project = paths.root / "zensical-site"
    shutil.copytree(RECIPE, project)
    hook: list[Timed] = []
    render: list[Timed] = []
    zensical: list[Timed] = []
    for k in range(args.repeats):
        built = run_build(paths.ours_config, paths.root / f"build-hook-{k}.log")
        hook.append(Timed(built.wall, built.cpu))
        rendered, zbuilt = zensical_once(project, paths.incidents, k)
        render.append(rendered)
        zensical.append(zbuilt)
        print(f"run {k + 1}: hook {built.wall:.1f} s; render {rendered.wall:.1f} s + "
              f"zensical {zbuilt.wall:.1f} s", file=sys.stderr)  # fmt: skip

    def med(runs: list[Timed], part: str) -> float:
        return statistics.median(getattr(run, part) for run in runs)

    total_wall = [r.wall + z.wall for r, z in zip(render, zensical, strict=True)]
    rows = [
        ("hook: mkdocs build", med(hook, "wall"), med(hook, "cpu")),
        ("postmortem render --out", med(render, "wall"), med(render, "cpu")),
        ("zensical build --clean", med(zensical, "wall"), med(zensical, "cpu")),
        ("Zensical recipe, both steps", statistics.median(total_wall),
         med(render, "cpu") + med(zensical, "cpu")),
    ]  # fmt: skip
    print(f"\n{args.n} incidents, median of {args.repeats} alternating runs "
          f"(mkdocs {version('mkdocs')}, zensical {version('zensical')})\n")  # fmt: skip
    print("| build | wall (s) | CPU (s) | wall vs hook |\n|---|---:|---:|---:|")
    for name, wall, cpu in rows:
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {wall / rows[0][1]:.2f}× |")
    results = {"n": args.n, "repeats": args.repeats, "hook": [asdict(t) for t in hook],
               "render": [asdict(t) for t in render],
               "zensical": [asdict(t) for t in zensical]}  # fmt: skip
    (paths.root / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
