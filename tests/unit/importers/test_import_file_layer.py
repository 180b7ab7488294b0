"""The importer's file layer: what it reads (formats, links, encodings), what it writes
(never over a file, never through a link, comments no text can break), and that one bad
source never stops the others."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from postmortem_kb.cli import main
from postmortem_kb.importers import Options, find_sources, run_import
from postmortem_kb.importers.review_header import comment_text
from tests.harness import ROOT

GOOD = "---\ntitle: Checkout stalled on a full disk\ndate: 2024-01-03\n---\n# Summary\nfine\n"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "incidents").mkdir()
    shutil.copy(ROOT / "incidents" / "taxonomy.yaml", tmp_path / "incidents")
    (tmp_path / "src").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", *args, "--out", "incidents"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def written(name: str) -> str:
    (path,) = [p for p in Path("incidents").glob("*.yaml") if name in p.name]
    return path.read_text(encoding="utf-8")


BAD_SOURCES = {
    "zone.md": "---\ntitle: Zone\ntimezone: PST\ndate: 2024-01-02\n---\n# Summary\nx\n",
    "far.md": "---\ntitle: Far\ndate: 9999-12-31\n---\nbody\n",
    "offset.md": "---\ntitle: Offset\nstart_time: 2024-01-02T10:00:00+23:00\n---\nbody\n",
    "zero.md": "---\ntitle: Zero date\ndate: 0000-00-00\n---\nbody\n",
    "deep.html": "<html><body>" + "<div>" * 1000 + "x" + "</div>" * 1000 + "</body></html>",
}


def test_bad_sources_are_refused_or_noted_and_the_good_ones_imported(archive: Path) -> None:
    for name, text in BAD_SOURCES.items():
        (archive / "src" / name).write_text(text)
    (archive / "src" / "good.md").write_text(GOOD)
    code, output = run("src")
    assert "Traceback" not in output
    assert "checkout-stalled-on-a-full-disk" in " ".join(os.listdir("incidents"))
    assert "refused src/deep.html: it nests too deeply to be read" in output
    assert code == 1  # one refused
    assert "#   - timezone 'PST': unknown time zone 'PST'" in written("zone")
    assert "#   - front matter date: '9999-12-31'" in written("far")
    assert "is not a UTC offset clocks keep" in written("offset")
    zero = written("zero-date")
    assert (
        "# Not understood in the source, left out:\n#   - front matter date: '0000-00-00'" in zero
    )
    assert "started: no date the importer could read" in zero


@pytest.mark.parametrize("newline", ["\\n", "\\r", "\\u2028", "\\u2029", "\\x85", "\\r\\n"])
def test_no_source_text_ends_a_header_comment(archive: Path, newline: str) -> None:
    (archive / "src" / "weird.md").write_text(
        f'---\ntitle: Weird\ndate: 2024-01-02\nweird: "x{newline}product: INJECTED"\n'
        f'uuid: "a{newline}severity: SEV1"\n---\n# Summary\nok\n'
    )
    code, output = run("src")
    if code == 1:  # the YAML loader refuses a control character: refused, not injected
        assert "refused src/weird.md: its front matter is not valid YAML" in output
        assert list(Path("incidents").glob("weird*")) == []
        return
    assert code == 0, output
    text = written("weird")
    data = yaml.safe_load(text)
    assert "product" not in data and "severity" not in data
    assert "INJECTED" in text  # kept, as a comment
    uncommented = [line for line in text.splitlines() if "INJECTED" in line]
    assert all(line.startswith("#") for line in uncommented)


def test_comment_text_is_one_line_whatever_it_holds() -> None:
    for char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00\ufeff":
        shown = comment_text(f"a{char}b: c")
        assert len(shown.splitlines()) == 1 and len(yaml.safe_load(f"# {shown}\nk: 1")) == 1


def test_the_header_names_the_source_relative_to_where_the_import_ran(archive: Path) -> None:
    (archive / "src" / "sub").mkdir()
    (archive / "src" / "sub" / "good.md").write_text(GOOD)
    run("src")
    text = written("checkout")
    assert "# Imported by `postmortem import` from src/sub/good.md (sha256 " in text
    assert str(archive) not in text


def test_proposed_terms_never_replace_a_file_or_follow_a_link(archive: Path) -> None:
    (archive / "src" / "a.md").write_text(GOOD.replace("date:", "categories: [gremlins]\ndate:"))
    (archive / "taxonomy-additions.yaml").write_text("# my reviewed edits\n")
    outside = archive / "outside.txt"
    outside.write_text("untouched\n")
    os.symlink(outside, archive / "taxonomy-additions-2.yaml")
    code, output = run("src")
    assert code == 0, output
    assert (archive / "taxonomy-additions.yaml").read_text() == "# my reviewed edits\n"
    assert outside.read_text() == "untouched\n"
    assert "gremlins" in (archive / "taxonomy-additions-3.yaml").read_text()
    assert "taxonomy-additions.yaml exists (it may hold your edits): not replaced" in output
    assert "written to taxonomy-additions-3.yaml" in output


def test_links_in_a_source_folder_are_not_followed_unless_asked(archive: Path) -> None:
    secret = archive / "secret.txt"
    secret.write_text("Summary: hunter2 is the database password.\n")
    os.symlink(secret, archive / "src" / "notes.md")
    (archive / "linked-folder").mkdir()
    (archive / "linked-folder" / "x.md").write_text(GOOD)
    os.symlink(archive / "linked-folder", archive / "src" / "more")
    code, output = run("src")
    assert "skipped src/notes.md: a symbolic link, not followed" in output
    assert "skipped src/more: a symbolic link, not followed" in output
    assert [p.name for p in Path("incidents").glob("*.yaml")] == ["taxonomy.yaml"]
    code, output = run(str(Path("src") / "notes.md"))
    assert "refused src/notes.md: cannot read it: a symbolic link, not followed" in output
    code, output = run("src", "--follow-links")
    assert code == 0, output
    assert any("hunter2" in p.name for p in Path("incidents").glob("*.yaml"))


def test_a_link_loop_is_read_once_when_links_are_followed(archive: Path) -> None:
    (archive / "src" / "a.md").write_text(GOOD)
    os.symlink(archive / "src", archive / "src" / "loop")
    files, skipped = find_sources([Path("src")], follow_links=True)
    assert files == [Path("src/a.md")]
    assert [s.reason for s in skipped] == ["a link back to a folder already read"]


def test_every_review_suffix_is_read_and_the_rest_listed(archive: Path) -> None:
    for suffix in (".md", ".markdown", ".mdx", ".qmd", ".rmd", ".Rmd", ".txt", ".html", ".htm"):
        title = f"Review written as {suffix[1:]}"
        (archive / "src" / f"r{suffix}").write_text(
            f"---\ntitle: {title}\ndate: 2024-02-0{len(suffix)}\n---\n# Summary\nok\n"
        )
    (archive / "src" / "diagram.png").write_bytes(b"\x89PNG")
    (archive / "src" / ".draft.md").write_text(GOOD)
    (archive / "src" / ".git").mkdir()
    (archive / "src" / ".git" / "notes.md").write_text(GOOD)
    code, output = run("src")
    assert code == 0, output
    assert output.startswith("9 source(s): 9 written")
    assert "skipped src/.draft.md: a hidden file" in output
    assert "skipped src/.git: a hidden folder" in output
    assert "skipped src/diagram.png: not a review format (.png; reads .txt" in output


ACCENTED = "Panne du système de paiement : notre équipe a rétabli le service à 14 h."


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-8-sig", None),
        ("utf-16", "the source is UTF-16: read as such"),
        ("utf-16-le", "the source is UTF-16: read as such"),
        ("utf-16-be", "the source is UTF-16: read as such"),
        ("utf-32", "the source is UTF-32: read as such"),
        ("latin-1", "the source is not UTF-8: read as Windows-1252 (Latin-1)"),
        ("cp1252", "the source is not UTF-8: read as Windows-1252 (Latin-1)"),
    ],
)
def test_encodings_are_read_with_their_accents(
    archive: Path, encoding: str, note: str | None
) -> None:
    text = f"Summary: {ACCENTED}\n" if encoding != "cp1252" else f"Summary: {ACCENTED} – fin\n"
    (archive / "src" / "panne.txt").write_bytes(text.encode(encoding))
    code, output = run("src")
    assert code == 0, output
    result = written("panne")
    assert ACCENTED in result and "\ufffd" not in result
    assert (note in result) if note else "How the source was read" not in result


def test_a_short_latin_1_file_is_text(archive: Path) -> None:
    (archive / "src" / "court.txt").write_bytes("Panne du système\n".encode("latin-1"))
    code, output = run("src")
    assert code == 0, output
    assert "title: Panne du système" in written("panne")


def test_binary_is_still_refused(archive: Path) -> None:
    (archive / "src" / "x.txt").write_bytes(bytes(range(256)) * 8)
    _, output = run("src")
    assert "refused src/x.txt: it is not a text file" in output


def test_the_import_runs_as_a_function_that_reports_each_source(archive: Path) -> None:
    (archive / "src" / "deep.html").write_text(BAD_SOURCES["deep.html"])
    (archive / "src" / "good.md").write_text(GOOD)
    report = run_import([Path("src/deep.html"), Path("src/good.md")], Options(Path("incidents")))
    assert [o.status for o in report.outcomes] == ["refused", "written"]
