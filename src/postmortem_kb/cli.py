"""The `postmortem` command: a thin front end over the core."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import format_problems, has_errors
from .validate import check_archive


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="postmortem-kb")
def main() -> None:
    """Write, check and publish incident reviews (postmortems)."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text: path:line:col lines; github: Actions annotations; json: a list.",
)
def validate(paths: tuple[Path, ...], fmt: str) -> None:
    """Check incident files: every problem at once, with file, line and column.

    PATHS are archive folders (holding taxonomy.yaml) or incident files; a file is
    checked with the rest of its folder, and only its own problems are shown.
    Default: incidents/.
    """
    chosen = paths or (Path("incidents"),)
    folders = list(dict.fromkeys(p if p.is_dir() else p.parent for p in chosen))
    archive, problems = check_archive(folders)
    files = {str(p) for p in chosen if not p.is_dir()}
    if files:
        problems = [p for p in problems if p.path in files or p.path.endswith("taxonomy.yaml")]
    if problems or fmt == "json":
        click.echo(format_problems(problems, fmt))
    if has_errors(problems) or archive is None:
        errors = sum(1 for p in problems if p.severity == "error")
        click.echo(f"{errors} error(s) found.", err=True)
        sys.exit(1)
    if fmt != "json":
        causes, services = len(archive.by_root_cause), len(archive.by_service)
        click.echo(f"OK: {len(archive)} incidents, {causes} root causes, {services} services.")
