"""`postmortem import` of a folder of real-shaped reviews in every format: each source gives
exactly its expected file (tests/fixtures/import/expected), facts kept and none invented.

Refresh after an intended change with
`pytest tests/unit/importers/test_import_formats.py --update-goldens`
and read the diff.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from postmortem_kb.files.yaml_read import load_yaml
from postmortem_kb.importers import Options, Report, run_import, source_files
from postmortem_kb.importers.timing.clock import MONTH_WORDS
from postmortem_kb.importers.timing.duration import read_duration
from postmortem_kb.text.slugs import slugify
from tests.harness import ROOT, TESTS

FIXTURES = TESTS / "fixtures" / "import"
SOURCES = sorted(source_files([FIXTURES / "sources"]))


def import_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, dry_run: bool = False
) -> Report:
    shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    return run_import(source_files([Path("sources")]), Options(Path("incidents"), dry_run=dry_run))


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Source path (relative to sources/) → the text of the file written for it."""
    report = import_folder(tmp_path, monkeypatch)
    assert report.count("refused") == 0, [o.reason for o in report.outcomes]
    written = {}
    for outcome in report.outcomes:
        assert outcome.path is not None
        key = outcome.source.relative_to("sources").as_posix()
        written[key] = outcome.path.read_text(encoding="utf-8")
    return written


def test_there_are_at_least_30_sources_over_every_format() -> None:
    assert len(SOURCES) >= 30
    assert {p.parent.name for p in SOURCES} == {"frontmatter", "markdown", "html", "text", "shapes"}


def test_every_source_gives_its_expected_file(
    imported: dict[str, str], update_goldens: bool
) -> None:
    expected_dir = FIXTURES / "expected"
    if update_goldens:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for key, text in imported.items():
            target = expected_dir / f"{key}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(expected_dir).as_posix().removesuffix(".yaml"): p.read_text(encoding="utf-8")
        for p in expected_dir.rglob("*.yaml")
    }
    assert sorted(imported) == sorted(expected)
    for key, text in imported.items():
        assert text == expected[key], f"{key} differs; rerun with --update-goldens to see"


def _data(text: str) -> dict[str, object]:
    loaded = load_yaml("x.yaml", text.encode())
    assert not loaded.problems
    assert isinstance(loaded.data, dict)
    return dict(loaded.data)


def test_titles_and_start_dates_are_the_sources_own(imported: dict[str, str]) -> None:
    for key, text in imported.items():
        data = _data(text)
        source = (FIXTURES / "sources" / key).read_text(encoding="utf-8")
        flat = " ".join(re.sub(r"<[^>]+>", " ", source).split())
        if "# review: the source has no title" not in text:
            title = str(data["title"])
            assert title.lower() in flat.replace("&amp;", "&").lower(), key
        started = str(data["started"])
        if started == "unknown":  # only where the source has no date to take
            assert not re.search(r"\b(1\d|20)\d\d-\d\d-\d\d\b", flat), key
            continue
        day = started[:10]
        assert any(f.lower() in flat.lower() for f in _written_forms(day)), (key, started)


def _written_forms(day: str) -> list[str]:
    """2023-01-27 as a source may write it: ISO, "January 27, 2023", "27 January 2023"…"""
    from datetime import date

    if len(day) == 7:  # a month only: "March 2016", "Mar 2016"
        value = date.fromisoformat(f"{day}-01")
        return [day, value.strftime("%B %Y"), value.strftime("%b %Y")]
    if len(day) < 10:
        return [day]
    value = date.fromisoformat(day)
    month, short = value.strftime("%B"), value.strftime("%b")
    local = [f"{value.day}. {w}" for w, n in MONTH_WORDS.items() if n == value.month]
    local += [f"{value.day} {w}" for w, n in MONTH_WORDS.items() if n == value.month]
    local += [f"{value.day} de {w}" for w, n in MONTH_WORDS.items() if n == value.month]
    return [
        *local,
        f"{value.year}年{value.month}月{value.day}日",
        day,
        f"{month} {value.day}, {value.year}",
        f"{value.day} {month} {value.year}",
        f"{value.day} {short} {value.year}",
        f"{month} {value.day}",
    ]


def test_nothing_is_invented(imported: dict[str, str]) -> None:
    for key, text in imported.items():
        data = _data(text)
        source = (FIXTURES / "sources" / key).read_text(encoding="utf-8")
        if "severity" in data:
            assert str(data["severity"]) in source, key
        assert "00:00" not in str(data["started"]), key
        for service in data.get("services", []) or []:  # type: ignore[attr-defined]
            assert service.split("-")[0] in source.lower(), (key, service)


def test_unknowns_are_listed_for_review(imported: dict[str, str]) -> None:
    vasa = imported["frontmatter/vasa-capsize-1628.md"]
    assert "#   - severity: the source states no severity" in vasa
    assert "#   - resolved: the source records no end" in vasa
    assert "resolved: unknown" in vasa
    assert "started: '1628-08-10'" in vasa
    printers = imported["text/no-times-printer-fleet.txt"]
    assert "# review: the source states no start time" in printers
    assert "started: '2023-02-14'" in printers


def test_legacy_durations_over_midnight_and_two_dates(imported: dict[str, str]) -> None:
    two_dates = _data(imported["text/midnight-two-dates-cdn.txt"])
    assert (two_dates["started"], two_dates["resolved"]) == ("2025-03-03 23:20", "2025-03-04 01:05")
    one_date = _data(imported["text/midnight-one-date-batch.txt"])
    assert (one_date["started"], one_date["resolved"]) == ("2024-06-30 23:50", "2024-07-01 02:35")
    iso = _data(imported["text/iso-range-kafka.txt"])
    assert (iso["started"], iso["resolved"]) == ("2025-03-03 22:10", "2025-03-04 02:40")


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        (
            "from 11:30 AM to 3:15 PM UTC on August 12, 2024.",
            "2024-08-12 11:30",
            "2024-08-12 15:15",
        ),
        (
            "from 11:20 PM UTC on March 3, 2025 to 1:05 AM UTC on March 4, 2025",
            "2025-03-03 23:20",
            "2025-03-04 01:05",
        ),
        ("11:20 PM to 1:05 AM UTC, March 3, 2025", "2025-03-03 23:20", "2025-03-04 01:05"),
        (
            "March 3, 2025, 23:20–01:05 (UTC+01:00)",
            "2025-03-03T23:20:00+01:00",
            "2025-03-04T01:05:00+01:00",
        ),
        (
            "22:40 on 2023-12-31 to 00:20 on 2024-01-01 (+09:00)",
            "2023-12-31T22:40:00+09:00",
            "2024-01-01T00:20:00+09:00",
        ),
        (
            "14:00-16:30 UTC−08:00 on 2022-11-25",
            "2022-11-25T14:00:00-08:00",
            "2022-11-25T16:30:00-08:00",
        ),
    ],
)
def test_duration_forms(line: str, start: str, end: str) -> None:
    span = read_duration(line)
    assert (span.start, span.end) == (start, end)


def test_offsets_are_kept_as_the_incidents_clock(imported: dict[str, str]) -> None:
    clocks = {
        "frontmatter/object-store-regional-outage.md": ("UTC-07:00", "2023-10-17 09:12"),
        "frontmatter/tokyo-region-dns-resolver.md": ("UTC+09:00", "2024-02-19 10:05"),
        "frontmatter/checkout-india-half-hour-offset.md": ("UTC+05:30", "2024-09-14 19:10"),
        "frontmatter/gift-card-balances-pacific-night.md": ("UTC-08:00", "2022-11-24 22:50"),
        "text/gmt-offset-support-portal.txt": ("UTC-05:00", "2024-12-02 09:05"),
    }
    for key, clock in clocks.items():
        data = _data(imported[key])
        assert (data["timezone"], str(data["started"])) == clock, key
    india = _data(imported["frontmatter/checkout-india-half-hour-offset.md"])
    assert india["timeline"][1]["at"] == "19:24"  # type: ignore[index]


def test_file_names_in_any_script() -> None:
    assert slugify("Сбой оплаты") == "sboi-oplaty"
    assert slugify("Straße") == "strasse"
    assert slugify("東京リージョンの障害")
    assert len(slugify("word " * 40)) <= 60


def test_a_source_with_nothing_to_name_the_incident_by_is_refused_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    shutil.copy(FIXTURES / "refused" / "front-matter-only.md", tmp_path)
    monkeypatch.chdir(tmp_path)
    report = run_import([Path("front-matter-only.md")], Options(Path("incidents")))
    (outcome,) = report.outcomes
    assert outcome.status == "refused"
    assert outcome.reason == "no title and no text to name the incident by"
    assert sorted(p.name for p in Path("incidents").glob("*")) == sorted(
        p.name for p in (ROOT / "incidents").glob("*")
    )


def test_a_source_without_any_date_is_imported_with_its_start_unknown(
    imported: dict[str, str],
) -> None:
    """73 of a real collection's 242 reviews give no date: they are kept, dated nowhere."""
    for key in (
        "markdown/no-date-login-page-font.md",
        "frontmatter/undated-collection-entry-greek-bank.md",
        "text/undated-bare-times-mail-relay.txt",
    ):
        data = _data(imported[key])
        assert data["started"] == "unknown", key
        assert "#   - started: the source gives no date" in imported[key]
        assert not re.search(r"\b(19|20)\d\d-\d\d", imported[key].split("\ntitle:")[1]), key
    greek = _data(imported["frontmatter/undated-collection-entry-greek-bank.md"])
    assert greek["title"] == "Διακοπή ηλεκτρονικής τραπεζικής μετά από ανανέωση πιστοποιητικού"
    assert greek["organisation"] == "Kymata Bank"


def test_timeline_times_with_no_day_to_stand_on_are_kept_as_text(
    imported: dict[str, str],
) -> None:
    text = imported["text/undated-bare-times-mail-relay.txt"]
    data = _data(text)
    assert "timeline" not in data
    assert "- 07:32: On-call engineer finds the relay refusing new messages" in str(
        data["narrative"]
    )
    assert "#   - timeline: the source's times have no date; kept as text" in text


def test_again_changes_nothing_and_dry_run_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dry = import_folder(tmp_path, monkeypatch, dry_run=True)
    assert dry.count("written") == len(SOURCES)
    assert len(list(Path("incidents").glob("*.yaml"))) == len(list((ROOT / "incidents").glob("*")))
    assert not Path("taxonomy-additions.yaml").exists()
    first = run_import(source_files([Path("sources")]), Options(Path("incidents")))
    assert first.count("written") == len(SOURCES)
    files = {p: p.read_text() for p in Path("incidents").glob("*.yaml")}
    again = run_import(source_files([Path("sources")]), Options(Path("incidents")))
    assert again.count("unchanged") == len(SOURCES) and again.count("written") == 0
    assert {p: p.read_text() for p in Path("incidents").glob("*.yaml")} == files


def test_names_never_collide_silently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "incidents", tmp_path / "incidents")
    monkeypatch.chdir(tmp_path)
    source = FIXTURES / "sources" / "text" / "iso-range-kafka.txt"
    Path("a.txt").write_text(source.read_text())
    Path("b.txt").write_text(source.read_text().replace("dashboards froze", "dashboards stalled"))
    report = run_import([Path("a.txt"), Path("b.txt")], Options(Path("incidents")))
    names = [o.path.name for o in report.outcomes if o.path]
    assert names == [
        "2025-03-03-event-pipeline-stalled-after-a-broker-disk-filled.yaml",
        "2025-03-03-event-pipeline-stalled-after-a-broker-disk-filled-2.yaml",
    ]
    assert (
        "file name: 2025-03-03-event-pipeline-stalled-after-a-broker-disk-filled.yaml was "
        "taken; written as 2025-03-03-event-pipeline-stalled-after-a-broker-disk-filled-2.yaml"
        in (report.outcomes[1].review)
    )
