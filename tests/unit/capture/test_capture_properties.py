"""Whatever a chat export or a pager log holds, `postmortem draft` either writes a draft that
validates, with every flagged message and every pager state change at its instant, or
names the file and entry it cannot read: never a traceback, never an invalid file."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postmortem_kb import capture
from postmortem_kb.files.atomic import AuthoringError
from postmortem_kb.files.yaml_read import load_yaml
from postmortem_kb.model import Incident
from tests.harness import ROOT

START = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # Europe/Paris skips 02:00-03:00 that night
TEXT = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["11:35", "no", "#58;", "<script>x</script>", "%%{init}%%", "a: b", "TODO"]
)
SUBTYPES = st.sampled_from([None, None, None, "bot_message", "channel_join", "thread_broadcast"])
MESSAGE = st.fixed_dictionaries(
    {
        "offset": st.integers(0, 6 * 3600),
        "text": TEXT,
        "subtype": SUBTYPES,
        "flag": st.booleans(),
        "pin": st.booleans(),
    }
)
PAGER = st.lists(
    st.tuples(
        st.sampled_from(["trigger", "acknowledge", "unacknowledge", "escalate", "annotate",
                         "notify", "resolve", "urgency_change", "something_new"]),
        st.integers(0, 6 * 3600),
        TEXT,
    ),
    max_size=12,
)  # fmt: skip


def _slack(folder: Path, messages: list[dict[str, Any]]) -> None:
    channel = folder / "inc"
    channel.mkdir(parents=True)
    listed = []
    for n, m in enumerate(messages):
        at = START + timedelta(seconds=m["offset"], microseconds=n)
        item: dict[str, Any] = {"type": "message", "ts": f"{at.timestamp():.6f}",
                                "user": "U1", "text": m["text"]}  # fmt: skip
        if m["subtype"]:
            item["subtype"] = m["subtype"]
        if m["flag"]:
            item["reactions"] = [{"name": "pushpin", "count": 1}]
        if m["pin"]:
            item["pinned_to"] = ["C1"]
        listed.append(item)
    (channel / "2026-03-29.json").write_text(json.dumps(listed))


def _pager(path: Path, entries: list[tuple[str, int, str]]) -> None:
    listed = [
        {"type": f"{kind}_log_entry", "created_at": (START + timedelta(seconds=s)).isoformat(),
         "summary": text, "channel": {"summary": text}}
        for kind, s, text in entries
    ]  # fmt: skip
    path.write_text(json.dumps({"log_entries": listed}))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages=st.lists(MESSAGE, max_size=15), pager=PAGER)
def test_any_export_drafts_a_valid_file_or_says_why(
    messages: list[dict[str, Any]], pager: list[tuple[str, int, str]]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        (work / "incidents").mkdir()
        shutil.copy(ROOT / "incidents" / "taxonomy.yaml", work / "incidents")
        _slack(work / "slack", messages)
        _pager(work / "log.json", pager)
        request = capture.DraftRequest(
            (work / "slack" / "inc", work / "log.json"),
            work / "incidents",
            "Europe/Paris",
            "A title",
        )
        try:
            result = capture.draft(request)
        except AuthoringError as error:
            assert "no event" in str(error)
            return
        loaded = load_yaml(str(result.path), result.path.read_bytes())
        incident = Incident.model_validate(loaded.data).bind(result.path.stem, "x")
        moments = incident.event_times()
        assert moments == sorted(moments)
        kept_chat = [
            m for m in messages
            if (m["flag"] or m["pin"]) and m["subtype"] != "channel_join"
        ]  # fmt: skip
        kept_pager = [e for e in pager if e[0] != "notify"]
        assert len(incident.timeline) == len(kept_chat) + len(kept_pager)
        expected = sorted(
            [(START + timedelta(seconds=m["offset"])).replace(microsecond=0) for m in kept_chat]
            + [START + timedelta(seconds=s) for _, s, _ in kept_pager]
        )
        assert [m.replace(microsecond=0) for m in moments] == expected
