"""Whatever `postmortem validate` accepts builds: input that would crash or stall the
renderer, the feeds or Mermaid is a validation error with its line, and generated prose
that validates also renders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postmortem_kb.files.yaml_read import MAX_TEXT, load_yaml
from postmortem_kb.render.mermaid import timeline_diagrams
from postmortem_kb.render.pages.feeds import render_archive_feed
from postmortem_kb.text.markup import prose_html
from postmortem_kb.validation.check import check_archive
from tests.harness.small_archive import incident, validate, write_archive

MERMAID_LIMIT = 50_000


@pytest.mark.parametrize(
    "escaped", [r'"C:\files\backup"', r'"\x01"', r'"\e[31m"', r'"bad\x7fname"', r'"\x85"']
)
def test_control_characters_from_yaml_escapes_are_errors(escaped: str) -> None:
    loaded = load_yaml("f.yaml", f"title: {escaped}\n".encode())
    assert [(p.line, p.column) for p in loaded.problems] == [(1, 8)]
    assert "control character" in loaded.problems[0].message


def test_a_control_character_in_a_taxonomy_title_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    taxonomy = folder / "taxonomy.yaml"
    taxonomy.write_text(
        taxonomy.read_text().replace("title: Memory leak", r'title: "Memory\fleak"')
    )
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.code == 1
    assert outcome.stdout.startswith("incidents/taxonomy.yaml:5:32: error: text holds the control")


def test_every_feed_of_a_validated_archive_is_written(tmp_path: Path) -> None:
    folder = write_archive(tmp_path)
    (folder / "2024-03-01-tabs.yaml").write_text(incident(extra='impact: "a\\tb"\n'))
    archive, problems = check_archive([folder])
    assert archive is not None, problems
    assert "<feed" in render_archive_feed(archive, site_url="https://x/", today=date(2025, 1, 1))


@pytest.mark.parametrize(
    ("summary", "line"),
    [("- " * 500 + "x", 14), ("1. " * 495 + "x", 14), ("> " * 500 + "x", 14)],
    ids=["bullets", "numbers", "quotes"],
)
def test_markdown_nested_too_deep_is_an_error(
    summary: str, line: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    text = incident() + f"root_cause: |\n  Fine.\n  {summary}\n"
    (folder / "2024-03-01-deep.yaml").write_text(text)
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.code == 1
    assert outcome.stdout.startswith(f"incidents/2024-03-01-deep.yaml:{line}:")
    assert "root_cause: Markdown nested" in outcome.stdout


def test_a_flood_of_setext_headings_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_archive(tmp_path)
    pairs = "".join(f"  step {n}\n  ---\n" for n in range(5000))
    (folder / "2024-03-01-steps.yaml").write_text(incident() + "resolution: |\n" + pairs)
    outcome = validate(monkeypatch, tmp_path)
    assert outcome.code == 1
    assert "more than 40 headings or rules" in outcome.stdout


def test_headings_with_blank_lines_between_them_validate(tmp_path: Path) -> None:
    folder = write_archive(tmp_path)
    pairs = "".join(f"  step {n}\n  ---\n\n" for n in range(300))
    (folder / "2024-03-01-steps.yaml").write_text(incident() + "resolution: |\n" + pairs)
    archive, problems = check_archive([folder])
    assert archive is not None, problems


def test_aliases_are_bounded_by_the_text_they_expand_to() -> None:
    block = "x" * 100_000
    lines = [f"a: &a {block}", "b: [" + ", ".join(["*a"] * 30) + "]"]
    loaded = load_yaml("f.yaml", "\n".join(lines).encode())
    assert loaded.data is None
    assert f"more than {MAX_TEXT:,} characters of text" in loaded.problems[0].message


@pytest.mark.parametrize(("events", "text"), [(700, "Paging the on-call"), (700, "Задержка")])
def test_a_long_timeline_stays_under_mermaids_limit(events: int, text: str, tmp_path: Path) -> None:
    folder = write_archive(tmp_path)
    timeline = "".join(
        f"  - {{at: '2024-03-01 {10 + n // 60 % 12:02d}:{n % 60:02d}', event: {text} {n}"
        f" {text * 3}}}\n"
        for n in range(events)
    )
    extra = f"timeline:\n{timeline}"
    resolved = "2024-03-01 23:59"
    (folder / "2024-03-01-long.yaml").write_text(incident(resolved=resolved, extra=extra))
    archive, problems = check_archive([folder])
    assert archive is not None, [p.format() for p in problems if p.severity == "error"]
    parts = timeline_diagrams(archive.by_id["2024-03-01-long"])
    assert len(parts) > 1
    assert all(len(part.source) < MERMAID_LIMIT for part in parts)


markdown_lines = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
        st.builds(
            lambda marks, text: "".join(marks) + text,
            st.lists(st.sampled_from(["- ", "* ", "1. ", "> ", "    ", "\t", "# "]), max_size=40),
            st.text(max_size=10),
        ),
        st.sampled_from(["---", "===", "```", "~~~", "", "* * *", "| a | b |", "|---|---|"]),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_lines)
def test_generated_prose_that_validates_also_renders(lines: list[str]) -> None:
    text = "\n".join(lines)
    document = load_yaml("f.yaml", f"summary: {_quoted(text)}\n".encode("utf-8", "surrogatepass"))
    if document.problems:
        return
    from postmortem_kb.validation.rules.prose import prose_problems

    if prose_problems(document.data["summary"], prose=True):
        return
    prose_html(document.data["summary"])


def _quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every character escaped as \\UXXXXXXXX."""
    return '"' + "".join(f"\\U{ord(c):08x}" for c in text) + '"'
