"""The `postmortem` command: a thin front end over the core."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from .commands.new import NewIncident, create_incident
from .commands.render import RenderError, render_to_folder
from .errors import ArchiveError, format_problems
from .files.atomic import AuthoringError
from .files.discover import TAXONOMY_FILE, archive_root, label
from .model import incident_json_schema
from .sitebuild.serve_address import find_config, read_site_config
from .sitebuild.session import BuildSession
from .sitebuild.settings import settings_from
from .times import TimeFormatError
from .validation.check import check_archive

F = TypeVar("F", bound=Callable[..., Any])


def _out_option(help_text: str) -> Callable[[F], F]:
    """`--out`, the archive folder a command writes into."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("incidents"),
        show_default=True,
        help=help_text,
    )


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
@click.option(
    "--strict",
    is_flag=True,
    help="Warnings fail too, as they fail `mkdocs build --strict` (use it in CI and hooks).",
)
def validate(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check incident files: every problem at once, with file, line and column.

    PATHS are archive folders (holding taxonomy.yaml) or incident files; a file is
    checked with the rest of its archive, and only its own problems are shown (with
    those of the taxonomy). Default: the archive folder mkdocs.yml names (the
    `postmortems` plugin's `incidents`, or `extra.postmortem.incidents`), else incidents/.
    """
    chosen = paths or (_site_archive(),)
    folders = list(dict.fromkeys(archive_root(p) for p in chosen))
    archive, problems = check_archive(folders)
    files = {label(p) for p in chosen if not p.is_dir()}
    if files:
        taxonomies = {label(folder / TAXONOMY_FILE) for folder in folders}
        taxonomies |= {label(folder) for folder in folders}
        problems = [p for p in problems if p.path in files | taxonomies]
    if problems or fmt == "json":
        click.echo(format_problems(problems, fmt))
    failing = [p for p in problems if strict or p.severity == "error"]
    if failing or (archive is None and not files):
        errors = sum(1 for p in problems if p.severity == "error")
        warnings = len(problems) - errors
        also = f", and {warnings} warning(s) under --strict" if strict and warnings else ""
        click.echo(f"{errors} error(s) found{also}.", err=True)
        sys.exit(1)
    if fmt == "json":
        return
    if archive is None:
        click.echo(f"OK: {len(files)} file(s) checked.")
        return
    causes, services = len(archive.by_root_cause), len(archive.by_service)
    click.echo(f"OK: {len(archive)} incidents, {causes} root causes, {services} services.")


def _fail(error: AuthoringError) -> NoReturn:
    click.echo(f"error: {error}", err=True)
    sys.exit(1)


@main.command()
@click.argument("title")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day of the incident, YYYY-MM-DD.  [default: today]",
)
@click.option("--severity", help="A severity id from taxonomy.yaml.  [default: SEV3]")
@click.option("--root-cause", "root_causes", multiple=True, help="A root-cause slug (repeatable).")
@click.option("--service", "services", multiple=True, help="An affected service (repeatable).")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="The archive folder (holding taxonomy.yaml).  [default: the one mkdocs.yml names, "
    "else incidents]",
)
def new(
    title: str,
    day: datetime | None,
    severity: str | None,
    root_causes: tuple[str, ...],
    services: tuple[str, ...],
    folder: Path | None,
) -> None:
    """Start a new incident review: a commented draft that already validates.

    Writes DIR/<date>-<slug-of-title>.yaml; never overwrites an existing file.
    """
    request = NewIncident(
        title, day.date() if day else date.today(), severity, root_causes, services
    )
    folder = folder or _site_archive()
    site = read_site_config(find_config(folder))
    try:
        path = create_incident(request, folder, schema_link=site.schema_link(folder))
    except AuthoringError as error:
        _fail(error)
    click.echo(f"Created {path}")
    command, address = site.preview(path.stem)
    click.echo(f"Preview: run `{command}`, then open {address}")


def _site_archive() -> Path:
    """The archive folder the mkdocs.yml of the working folder names (relative to here)."""
    site = read_site_config(find_config())
    archive = site.archive
    return archive.relative_to(Path.cwd()) if archive.is_relative_to(Path.cwd()) else archive


@main.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@_out_option("The archive folder to write into (holding taxonomy.yaml).")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--add-terms",
    is_flag=True,
    help="Add the root causes and services the sources need to taxonomy.yaml "
    "instead of writing them to a file for review.",
)
@click.option(
    "--terms-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the proposed taxonomy terms.  [default: OUT/../taxonomy-additions.yaml]",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read the files and folders symbolic links point to (by default a link is skipped).",
)
@click.option(
    "--verbose", "-v", is_flag=True, help="One line per written file, with its review list."
)
def import_files(
    sources: tuple[Path, ...],
    out: Path,
    dry_run: bool,
    add_terms: bool,
    terms_file: Path | None,
    follow_links: bool,
    verbose: bool,
) -> None:
    """Convert old postmortems into incident files: Markdown (with or without YAML front
    matter; Google SRE, PagerDuty and Atlassian templates), HTML exports (Confluence, Google
    Docs) and plain text. SOURCES are files or folders (read recursively).

    Facts are kept, never invented: what a source does not say is left out and listed at
    the top of its file for review. Existing files are never overwritten (nor written
    through a link); running the same import again writes nothing new. A source that
    cannot be read is refused with the reason and the others are imported. Symbolic links
    are skipped unless --follow-links. One summary at the end, with what a folder held
    that was not read.
    """
    try:  # the `import` extra: a plugin site or a pre-commit hook does without it
        from .importers import Options, find_sources, run_import
        from .importers.summary import format_report
    except ImportError as error:
        _needs_import_extra("import", error)
    options = Options(
        out,
        dry_run=dry_run,
        add_terms=add_terms,
        proposal_file=terms_file,
        follow_links=follow_links,
    )
    files, skipped = find_sources(sources, follow_links=follow_links)
    try:
        report = run_import(files, options, track=import_progress)
    except AuthoringError as error:
        _fail(error)
    report.skipped = skipped
    click.echo(format_report(report, dry_run=dry_run, verbose=verbose or dry_run))
    if report.count("refused"):
        sys.exit(1)


@main.command("draft")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_out_option("The archive folder to write the draft into (holding taxonomy.yaml).")
@click.option("--title", help="The incident's title.  [default: the pager's or status page's]")
@click.option(
    "--timezone",
    "zone",
    help="The draft's clock.  [default: the one most of the archive's incidents use]",
)
@click.option("--channel", help="The chat channel, when a PATH is a whole Slack export.")
@click.option("--since", help="Chat messages from this time (ISO 8601, or YYYY-MM-DD HH:MM).")
@click.option("--until", help="Chat messages up to this time.")
@click.option(
    "--flag",
    default="pushpin",
    show_default=True,
    help="The reaction that marks a chat message for the timeline (pinned ones always are).",
)
@click.option(
    "--all-messages", is_flag=True, help="Keep every human chat message, not only flagged ones."
)
@click.option("--slack-url", help="https://<workspace>.slack.com, for a link to the channel.")
@click.option("--dry-run", is_flag=True, help="Print the draft and the summary; write nothing.")
def draft_command(
    paths: tuple[Path, ...],
    out: Path,
    title: str | None,
    zone: str | None,
    channel: str | None,
    since: str | None,
    until: str | None,
    flag: str,
    all_messages: bool,
    slack_url: str | None,
    dry_run: bool,
) -> None:
    """Draft a review from the incident's own records: a Slack export (a channel, a time
    window), PagerDuty log entries and incident JSON, Alertmanager, Grafana or Opsgenie
    alerts, a Statuspage incident JSON, a `time,event` CSV, in any mix. Each PATH's format
    is told from its content.

    Writes one file with status: draft: the timeline merged in time order, each event with
    its kind and source; the incident's times proposed, marked `# review:`. Never
    overwrites a file; every malformed export is reported at once.
    """
    try:  # drafts read the records with the importers' readers: the `import` extra
        from . import capture
    except ImportError as error:
        _needs_import_extra("draft", error)
    try:
        clock = zone or capture.archive_zone(out)
        chat = capture.ChatOptions(
            channel=channel,
            since=capture.window_moment(since, clock) if since else None,
            until=capture.window_moment(until, clock) if until else None,
            flag=flag.strip(":"),
            everything=all_messages,
            workspace_url=slack_url or "",
        )
        request = capture.DraftRequest(paths, out, zone, title, chat, dry_run)
        result = capture.draft(request)
    except capture.CaptureError as error:
        click.echo(str(error), err=True)
        click.echo(f"{len(error.problems)} problem(s) in the exports; nothing written.", err=True)
        sys.exit(1)
    except AuthoringError as error:
        _fail(error)
    except TimeFormatError as error:
        _fail(AuthoringError(f"{error} ({error.hint})" if error.hint else str(error)))
    if dry_run:
        click.echo(result.draft.text)
    click.echo(capture.format_summary(result))


def _needs_import_extra(command: str, error: ImportError) -> NoReturn:
    click.echo(
        f"postmortem {command} needs the `import` extra ({error.name} is missing): "
        "pip install 'postmortem-kb[import]'",
        err=True,
    )
    sys.exit(1)


def import_progress(items: list[Path]) -> Iterator[Path]:
    """A progress bar on a terminal; nothing in a pipe or a log."""
    if not sys.stderr.isatty() or len(items) < 2:
        yield from items
        return
    with click.progressbar(items, label="Reading", file=sys.stderr) as bar:
        yield from bar


@main.command()
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of printing it.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of incident files (for editors and other tools)."""
    text = json.dumps(incident_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        click.echo(f"error: cannot write {output}: {error.strerror}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {output}")


@main.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write into: new, empty, or written by an earlier render.",
)
@click.option(
    "--incidents",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("incidents"),
    show_default=True,
    help="The archive folder (incident files and taxonomy.yaml).",
)
@click.option(
    "--site-url",
    help="The absolute URL the --out folder will have in the built site: adds the feeds "
    "and incidents.json (their links are absolute).",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    help="public: no internal incidents and no drafts.  [default: internal]",
)
def render(out: Path, incidents: Path, site_url: str | None, audience: str | None) -> None:
    """Write the generated pages as Markdown files, for site builders that run no MkDocs
    hook or plugin (see the guide's Zensical recipe), with the archive's CSS, scripts and
    the pinned Mermaid under assets/."""
    given = {"incidents": str(incidents)}
    if audience:
        given["audience"] = audience
    settings, problems = settings_from(given, "postmortem render")
    if problems:
        click.echo(format_problems(problems), err=True)
        sys.exit(1)
    session = BuildSession(settings, Path.cwd())
    try:
        for warning in session.load():
            click.echo(warning.format(), err=True)
        written = render_to_folder(session, out, site_url=site_url)
    except ArchiveError as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    except RenderError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {len(written)} files under {out}")
