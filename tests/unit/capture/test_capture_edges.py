"""`postmortem draft` at its edges: malformed exports named by file and entry, nothing
overwritten, a title required, the chat's time window, flag reaction and zip, all read
with bounded reads. (The drafts themselves: tests/unit/capture/test_capture.py.)"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from postmortem_kb.files.yaml_read import load_yaml
from tests.harness import ROOT, TESTS, run_cli

FIXTURES = TESTS / "fixtures" / "capture"
CHANNEL = "inc-checkout-pool"
PAGER = ("pagerduty-incident.json", "pagerduty-log-entries.json")


@pytest.fixture(scope="module")
def chat_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("generate_chat", FIXTURES / "generate_chat.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("chat") / "slack"
    module.write_export(folder, 3000)
    return folder


@pytest.fixture
def project(tmp_path: Path, chat_export: Path) -> Path:
    (tmp_path / "incidents").mkdir()
    shutil.copy(ROOT / "incidents" / "taxonomy.yaml", tmp_path / "incidents")
    shutil.copytree(FIXTURES / "exports", tmp_path / "exports")
    shutil.copytree(chat_export, tmp_path / "exports" / "slack")
    return tmp_path


def drafted(project: Path, *args: str) -> Path:
    result = run_cli("draft", *args, "--out", "incidents", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return next(p for p in (project / "incidents").glob("*.yaml") if p.name != "taxonomy.yaml")


def test_another_reaction_flags_and_a_window_bounds_the_chat(project: Path) -> None:
    result = run_cli(
        "draft", "exports/slack", "--channel", CHANNEL, "--flag", ":eyes:", "--title", "Chat",
        "--since", "2026-10-25 00:00", "--until", "2026-10-25T01:00:00Z",
        "--timezone", "UTC", "--out", "incidents", "--dry-run", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    draft = load_yaml("draft", result.stdout.split("\nWould write")[0].encode()).data
    moments = [e["at"] for e in draft["timeline"]]
    assert moments and all(m.startswith("2026-10-25 00:") for m in moments)
    # Messages with :eyes: are kept; the story's :pushpin: ones are not flagged this time.
    assert len(moments) > 3 and all("(flagged" in e["event"] for e in draft["timeline"])
    assert not any("Declared incident" in e["event"] for e in draft["timeline"])
    assert "outside the time window" in result.stdout


def test_every_human_message_with_all_messages(project: Path) -> None:
    result = run_cli(
        "draft", "exports/slack", "--channel", CHANNEL, "--all-messages", "--title", "Chat",
        "--since", "2026-10-25T00:00:00Z", "--until", "2026-10-25T00:30:00Z",
        "--out", "incidents", "--dry-run", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "conversation (not pinned or flagged)" not in result.stdout
    assert "bot posts" in result.stdout


def test_a_malformed_export_is_named_with_its_file_and_entry(project: Path) -> None:
    log = json.loads((project / "exports" / PAGER[1]).read_text())
    log["log_entries"][3]["created_at"] = "Tuesday 14:00"
    del log["log_entries"][5]["type"]
    (project / "exports" / "broken-log.json").write_text(json.dumps(log))
    (project / "exports" / "cut.json").write_text('{"incident_updates": [{"status": ')
    day = project / "exports" / "slack" / CHANNEL / "2026-10-25.json"
    messages = json.loads(day.read_text())
    messages[7]["ts"] = "soon"
    day.write_text(json.dumps(messages))
    (project / "exports" / "notes.json").write_text('{"hello": "world"}')
    result = run_cli(
        "draft", "exports/broken-log.json", "exports/cut.json", "exports/notes.json",
        "exports/slack", "--channel", CHANNEL, "--out", "incidents", cwd=project,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines == [
        'exports/broken-log.json: log_entries[3].created_at: "Tuesday 14:00" is not an '
        "ISO 8601 time with an offset (2026-03-14T09:12:00Z)",
        "exports/broken-log.json: log_entries[5].type: missing: the entry's type "
        "(trigger_log_entry, …)",
        "exports/cut.json: line 1 column 34: not valid JSON: Expecting value",
        "exports/notes.json: not an export this command reads (expected a Slack export (folder "
        "or zip), "
        "PagerDuty log entries or incident JSON, an Alertmanager, Grafana or Opsgenie alert "
        "JSON, a Statuspage incident JSON, or a `time,event` CSV)",
        f"exports/slack/{CHANNEL}/2026-10-25.json: [7].ts: 'soon': expected Slack's seconds "
        "since 1970 ('1710406800.000200')",
        "5 problem(s) in the exports; nothing written.",
    ]
    assert list((project / "incidents").glob("*.yaml")) == [project / "incidents/taxonomy.yaml"]


def test_a_bad_csv_row_and_a_whole_export_without_a_channel(project: Path) -> None:
    (project / "exports" / "bad.csv").write_text("time,event\n2026-10-25 25:00,late\nnoon\n")
    result = run_cli("draft", "exports/bad.csv", "exports/slack", "--out", "incidents",
                     cwd=project)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [
        "exports/bad.csv: line 2: '2026-10-25 25:00' is not a real date and time "
        "(hour must be in 0..23)",
        "exports/bad.csv: line 3: expected `time,event` (and optionally `,kind`)",
        "exports/slack: the export holds 2 channels; name one with --channel",
    ]


def test_nothing_is_overwritten(project: Path) -> None:
    pager = tuple(f"exports/{name}" for name in PAGER)
    path = drafted(project, *pager)
    before = path.read_bytes()
    again = run_cli("draft", *pager, "--out", "incidents", cwd=project)
    assert again.returncode == 1
    assert again.stderr == f"error: incidents/{path.name} already exists; not overwriting it " \
        "(pick another title or date)\n"  # fmt: skip
    assert path.read_bytes() == before
    assert [p.name for p in (project / "incidents").iterdir() if p.name.startswith(".")] == []


def test_records_with_no_title_ask_for_one(project: Path) -> None:
    result = run_cli("draft", "exports/events.csv", "--out", "incidents", cwd=project)
    assert result.returncode == 1
    assert result.stderr == "error: no record states a title: give one with --title\n"


def test_only_the_day_files_of_the_window_are_read(project: Path) -> None:
    """A day file far from the window is never opened: not even its damage is noticed."""
    folder = project / "exports" / "slack" / CHANNEL
    (folder / "2026-09-01.json").write_text("[{not json")
    since = "2026-10-25T00:00:00Z"
    result = run_cli("draft", f"exports/slack/{CHANNEL}", "--title", "Chat", "--since", since,
                     "--out", "incidents", "--dry-run", cwd=project)  # fmt: skip
    assert result.returncode == 0, result.stderr
    everything = run_cli("draft", f"exports/slack/{CHANNEL}", "--title", "Chat", "--out",
                         "incidents", "--dry-run", cwd=project)  # fmt: skip
    assert everything.returncode == 1
    assert f"exports/slack/{CHANNEL}/2026-09-01.json: line 1 column 3: not valid JSON" in (
        everything.stderr
    )


def test_the_zip_slack_hands_out_reads_as_its_folder(project: Path, tmp_path: Path) -> None:
    folder = project / "exports" / "slack"
    archive = shutil.make_archive(str(tmp_path / "export"), "zip", folder.parent, folder.name)
    shutil.move(archive, project / "exports" / "slack-export.zip")
    args = ("--channel", CHANNEL, "--title", "Chat", "--timezone", "UTC", "--dry-run")
    from_zip = run_cli("draft", "exports/slack-export.zip", *args, "--out", "incidents",
                       cwd=project)  # fmt: skip
    from_folder = run_cli("draft", "exports/slack", *args, "--out", "incidents", cwd=project)
    assert from_zip.returncode == 0, from_zip.stderr
    drafts = [run.stdout.split("\nWould write")[0] for run in (from_zip, from_folder)]
    assert drafts[0] == drafts[1]
    assert "Slack #inc-checkout-pool (exports/slack-export.zip): 7 event(s)" in from_zip.stdout
