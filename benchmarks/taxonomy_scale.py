"""A large taxonomy: the build's cost must follow the causes incidents use, not the causes
the taxonomy lists. `python -m benchmarks.taxonomy_scale` writes archives with 10,000 root
causes and one incident using 1, 100, 300 and 1,429 of them, and times the generation of
every page (the core's work in a build: validation, indexes, pages) for each; with
`--mkdocs`, a real `mkdocs build` of each too (Pagefind included).

Never part of the test run (timings depend on the machine); see docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from benchmarks.configs import RunPaths, write_configs
from benchmarks.measure import run_build
from postmortem_kb.sitebuild.session import BuildSession
from postmortem_kb.sitebuild.settings import BuildSettings

ROOT = Path(__file__).resolve().parent.parent


def write_archive(folder: Path, *, causes: int, used: int) -> None:
    """A copy of the sample taxonomy with `causes` root causes and one incident using `used`."""
    folder.mkdir(parents=True)
    taxonomy = yaml.safe_load((ROOT / "incidents" / "taxonomy.yaml").read_text())
    taxonomy["root_causes"] = [
        {"slug": f"cause-{n:05d}", "title": f"Cause {n}", "description": f"Cause number {n}."}
        for n in range(causes)
    ]
    taxonomy.pop("publishing", None)
    (folder / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy), encoding="utf-8")
    incident = {
        "title": "Checkout errors from many causes at once",
        "severity": taxonomy["severities"][0]["id"],
        "status": "published",
        "visibility": "public",
        "started": "2024-05-01 10:00",
        "resolved": "2024-05-01 11:00",
        "services": ["checkout"],
        "root_causes": [f"cause-{n * 7 % causes:05d}" for n in range(used)],
        "summary": "Many causes met in one incident.",
    }
    text = yaml.safe_dump(incident, sort_keys=False)
    (folder / "2024-05-01-many-causes.yaml").write_text(text, encoding="utf-8")


def build_seconds(project: Path) -> tuple[float, int]:
    """(seconds to load the archive and generate every page, number of pages)."""
    started = time.perf_counter()
    session = BuildSession(BuildSettings(today=date(2026, 1, 1)), project)
    session.load()
    count = sum(1 for _ in session.pages(site_url="https://kb.example/"))
    return time.perf_counter() - started, count


def mkdocs_seconds(folder: Path) -> float:
    """Wall seconds of a real `mkdocs build` of the archive in folder/incidents."""
    paths = RunPaths(folder)
    write_configs(paths)
    return run_build(paths.ours_config, folder / "build.log").wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--causes", type=int, default=10_000)
    parser.add_argument("--used", type=int, nargs="*", default=[1, 100, 300, 1429])
    parser.add_argument("--mkdocs", action="store_true", help="also time a real mkdocs build")
    args = parser.parse_args()
    print(f"{'causes':>7} {'used':>5} {'pages':>6} {'core s':>7} {'mkdocs s':>9}")
    for used in args.used:
        with tempfile.TemporaryDirectory() as temporary:
            project = Path(temporary)
            shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
            write_archive(project / "incidents", causes=args.causes, used=used)
            seconds, pages = build_seconds(project)
            built = f"{mkdocs_seconds(project):>9.1f}" if args.mkdocs else f"{'-':>9}"
        print(f"{args.causes:>7} {used:>5} {pages:>6} {seconds:>7.2f} {built}")


if __name__ == "__main__":
    main()
