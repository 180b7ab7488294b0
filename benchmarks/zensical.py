"""The Zensical recipe of the README, as `python -m benchmarks` measures it beside our
build: `postmortem render --out` (load, check, render, write the Markdown and assets),
then `zensical build --clean` (a full build: no cache from the run before) of a copy of
examples/zensical/. Wall and CPU time of both steps added up; peak memory the larger.

`python -m benchmarks.zensical --n 1000` runs it alone (hook and recipe alternating), as
the first [zensical] comparison did; `python -m benchmarks` runs it in its rounds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from .configs import REPO, RunPaths, write_configs
from .generate import write_archive
from .measure import Measured, run_build, run_measured

BIN = Path(sys.executable).parent
RECIPE = REPO / "examples" / "zensical"


@dataclass(frozen=True)
class Recipe:
    render: Measured
    build: Measured

    @property
    def wall(self) -> float:
        return self.render.wall + self.build.wall

    @property
    def cpu(self) -> float:
        return self.render.cpu + self.build.cpu

    @property
    def peak_mb(self) -> float:
        return max(self.render.tree_peak_kib, self.build.tree_peak_kib) / 1024

    @property
    def peaks_mb(self) -> dict[str, float]:
        return {**self.render.peaks_mb, **self.build.peaks_mb}


def copy_recipe(project: Path) -> None:
    """A fresh copy of examples/zensical/ (without what an earlier build left there)."""
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(RECIPE, project, ignore=shutil.ignore_patterns("site", ".cache", "postmortems"))


def run_recipe(project: Path, incidents: Path, k: int) -> Recipe:
    out = project / "docs" / "postmortems"
    render = run_measured(
        [str(BIN / "postmortem"), "render", "--incidents", str(incidents), "--out", str(out)],
        project / f"render-{k}.log", cwd=project,
    )  # fmt: skip
    build = run_measured(
        [str(BIN / "zensical"), "build", "--clean"], project / f"zensical-{k}.log", cwd=project
    )
    return Recipe(render, build)


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
    copy_recipe(project)
    hook, recipe = [], []
    for k in range(args.repeats):
        hook.append(run_build(paths.ours_config, paths.root / f"build-hook-{k}.log"))
        recipe.append(run_recipe(project, paths.incidents, k))
        print(f"run {k + 1}: hook {hook[-1].wall:.1f} s, recipe {recipe[-1].wall:.1f} s",
              file=sys.stderr)  # fmt: skip
    print("| build | wall (s) | CPU (s) | wall vs hook |\n|---|---:|---:|---:|")
    hook_wall = statistics.median(b.wall for b in hook)
    for name, runs in (("hook: mkdocs build", hook), ("Zensical recipe", recipe)):
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {wall / hook_wall:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
