"""Mermaid sources: user text is coded so any input parses and shows as the same text."""

from __future__ import annotations

import re
from typing import Any

import pytest

from postmortem_kb.model import Incident
from postmortem_kb.render.mermaid import (
    EVENT_LABEL,
    MAX_LABEL,
    escape,
    phase_chart,
    timeline_diagram,
)

HOSTILE = [
    "11:35",
    "a;b#c",
    '"quoted"',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '%%{init: {"theme":"dark"}}%%',
    "click x call alert()",
    "end",
    ":::",
    "-->",
    "`code` and ``double``",
    "first line\nsecond\r\nthird\tcolumn",
    "مرحبا بالعالم",
    "🔥 pager 👩‍💻 on call",
    "",
    "   \n\t ",
    "#58;",
    "#quot;",
    "&lt;b&gt; &amp; &#58;",
    "ﬂ°°60¶ß and ﬂ°lt¶ß",
    "style a:b #c;",
    "classDef x:y #z;",
    "accTitle: x",
    "section x",
    "title y",
    "<br>a<br/>b",
    "a\\nb C:\\temp",
    "{a} [b] (c) |d| =e, f",
    "100% %% done",
    "x" * 300,
    "\x00\x07bell\x7f",
]
KINDS = ["detection", "investigation", "escalation", "mitigation", "resolution", "communication"]
SPECIAL = set(':;#"<>&%{}[]()|`\\=,')
ENTITY = re.compile(r"#(\d+|quot);")


def decode(coded: str) -> str:
    """What Mermaid shows for coded text: each `#NN;` back to its character."""
    return ENTITY.sub(lambda m: '"' if m[1] == "quot" else chr(int(m[1])), coded)


def visible(text: str, limit: int = MAX_LABEL) -> str:
    """`text` as a label shows it: whitespace folded, controls dropped, cut, never empty."""
    folded = re.sub(r"\s+", " ", text).strip()
    if len(folded) > limit:
        cut = folded[: limit - 1]
        space = cut.rfind(" ", limit // 2)
        folded = (cut[:space] if space > 0 else cut).rstrip() + "…"
    folded = "".join(c for c in folded if ord(c) >= 0x20 and ord(c) != 0x7F)
    return folded or "(no text)"


def raw_specials(coded: str) -> set[str]:
    """Special characters of `coded` that are not inside a `#NN;` code."""
    return SPECIAL & set(ENTITY.sub("", coded))


def incident(**fields: Any) -> Incident:
    data = {"title": "Outage", "severity": "SEV2", "services": ["api"], "summary": "s", **fields}
    return Incident.model_validate(data).bind("id", "incidents/id.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11:35", "11#58;35"),
        ("a;b#c", "a#59;b#35;c"),
        ('"quoted"', "#quot;quoted#quot;"),
        ("#58;", "#35;58#59;"),
        ("<script>alert(1)</script>", "#60;script#62;alert#40;1#41;#60;/script#62;"),
        ("<img src=x onerror=alert(1)>", "#60;img src#61;x onerror#61;alert#40;1#41;#62;"),
        ('%%{init: {"theme":"dark"}}%%', "#37;#37;#123;init#58; #123;#quot;theme#quot;#58;"
         "#quot;dark#quot;#125;#125;#37;#37;"),
        ("click x call alert()", "click x call alert#40;#41;"),
        ("end", "end"),
        (":::", "#58;#58;#58;"),
        ("-->", "--#62;"),
        ("`x`", "#96;x#96;"),
        ("a \\ b", "a #92; b"),
        ("  one\n\ttwo  \r\n three ", "one two three"),
        # Every non-ASCII character is coded too: the page stays ASCII.
        ("مرحبا", "#1605;#1585;#1581;#1576;#1575;"),
        ("🔥 👩‍💻", "#128293; #128105;#8205;#128187;"),
        ("ﬂ°°60¶ß", "#64258;#176;#176;60#182;#223;"),
        ("", "#40;no text#41;"),
        (" \n ", "#40;no text#41;"),
        ("\x00\x07", "#40;no text#41;"),
    ],
)  # fmt: skip
def test_escape_exact(text: str, expected: str) -> None:
    assert escape(text) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_is_one_safe_line_showing_the_same_text(text: str) -> None:
    coded = escape(text)
    assert coded
    assert "\n" not in coded and "\r" not in coded
    assert not any(ord(c) < 0x20 or ord(c) == 0x7F for c in coded)
    assert not raw_specials(coded), coded  # every special character sits inside a code
    bare = ENTITY.sub("", coded)
    assert "\ufb02" not in bare and "\xb6" not in bare  # Mermaid's own placeholder marks
    assert decode(coded) == visible(text)


def test_escape_cuts_long_text_before_coding() -> None:
    coded = escape(":" * 500)
    assert coded == "#58;" * (MAX_LABEL - 1) + "#8230;"
    assert decode(escape("word " * 100)).endswith("word…")
    assert len(decode(escape("y" * 300))) == MAX_LABEL


# One raw `:` per event line, the separator; the gantt lexer ends task data at `#` or `;`.
TIMELINE_EVENT = re.compile(r"^ {4}(?P<when>[^:\n]+) : (?P<event>[^:\n]+)$")
GANTT_TASK = re.compile(r"^ {4}(?P<name>[^:\n]+) :(?P<data>[^#;\n]+)$")


def event_lines(source: str) -> list[re.Match[str]]:
    lines = source.splitlines()
    assert lines[0] == "timeline"
    assert lines[1].startswith("    title ")
    matches = [TIMELINE_EVENT.match(line) for line in lines[2:]]
    assert all(matches), lines
    found = [m for m in matches if m]
    assert not any(raw_specials(m["when"]) or raw_specials(m["event"]) for m in found)
    return found


def test_timeline_of_a_plain_incident() -> None:
    source = timeline_diagram(
        incident(
            title="Checkout: 502s",
            timezone="Europe/Paris",
            started="2024-08-12 11:30",
            timeline=[
                {"at": "11:35", "kind": "detection", "event": "Alert fired; rate spiked."},
                {"at": "11:40", "event": "Logs read."},
            ],
        )
    )
    assert source == (
        "timeline\n"
        "    title Timeline from 2024-08-12#44; times in Europe/Paris\n"
        "    11#58;35 : Detection#58; Alert fired#59; rate spiked.\n"
        "    11#58;40 : Note#58; Logs read."
    )


def test_timeline_with_every_text_field_hostile() -> None:
    events = [h for h in HOSTILE if h.strip("\x00\x07\x7f \n\t")]  # an event may not be empty
    hostile = incident(
        title=HOSTILE[3] + " " + HOSTILE[5],
        timezone="America/Argentina/Buenos_Aires",
        started="2024-08-12 11:30",
        detected="2024-08-12 11:35",
        impact=HOSTILE[4],
        summary=HOSTILE[6],
        root_cause=HOSTILE[10],
        timeline=[
            {"at": "11:35", "kind": KINDS[i % len(KINDS)], "event": text}
            for i, text in enumerate(events)
        ],
    )
    source = timeline_diagram(hostile)
    assert "%%" not in source and "<" not in source and '"' not in source
    # The page's heading carries the incident title; the diagram's title names the zone.
    assert decode(source.splitlines()[1]) == (
        "    title Timeline from 2024-08-12, times in America/Argentina/Buenos_Aires"
    )
    lines = event_lines(source)
    assert len(lines) == len(events)
    for i, (match, text) in enumerate(zip(lines, events, strict=True)):
        assert match["when"] == "11#58;35"
        assert (
            decode(match["event"])
            == f"{KINDS[i % len(KINDS)].capitalize()}: {visible(text, EVENT_LABEL)}"
        )
    chart = phase_chart(hostile)
    assert "%%" not in chart and "<" not in chart
    assert not raw_specials(chart.splitlines()[1])


def test_timeline_crossing_midnight_shows_the_date_of_the_next_day() -> None:
    source = timeline_diagram(
        incident(
            timezone="Europe/Berlin",
            started="2025-01-31 23:40",
            timeline=[
                {"at": "23:52", "kind": "detection", "event": "Support reported 502s."},
                {"at": "00:10", "kind": "investigation", "event": "Proxy logs."},
            ],
        )
    )
    whens = [decode(m["when"]) for m in event_lines(source)]
    assert whens == ["23:52", "2025-02-01 00:10"]


def test_timeline_in_the_incident_zone_for_offset_timestamps() -> None:
    source = timeline_diagram(
        incident(
            timezone="UTC",
            started="2024-08-12T11:30:00+02:00",
            timeline=[{"at": "2024-08-12T11:35:00+02:00", "event": "x"}],
        )
    )
    assert [decode(m["when"]) for m in event_lines(source)] == ["09:35"]


def test_no_timeline_no_diagram() -> None:
    assert timeline_diagram(incident(started="2024-08-12 11:30")) == ""


def task_lines(source: str) -> dict[str, str]:
    lines = source.splitlines()
    assert lines[:2] == ["gantt", lines[1]] and lines[1].startswith("    title ")
    assert "    dateFormat YYYY-MM-DD HH:mm" in lines
    tasks = {}
    for line in lines[2:]:
        if line.startswith("    ") and " :" in line:
            match = GANTT_TASK.match(line)
            assert match, line
            assert not raw_specials(match["name"])
            tasks[decode(match["name"]).split(" · ")[0]] = match["data"]
    return tasks


def test_phase_chart_of_a_full_incident() -> None:
    source = phase_chart(
        incident(
            timezone="Europe/Berlin",
            started="2025-01-31 23:40",
            detected="2025-01-31 23:52",
            mitigated="2025-02-01 00:35",
            resolved="2025-02-01 01:00",
        )
    )
    assert "    axisFormat %H:%M" in source.splitlines()
    assert "tickInterval" not in source
    assert task_lines(source) == {
        "Impact": "crit, impact, 2025-01-31 23:40, 2025-02-01 00:35",
        "Detection": "detection, 2025-01-31 23:40, 2025-01-31 23:52",
        "Mitigation": "active, mitigation, 2025-01-31 23:52, 2025-02-01 00:35",
        "Resolution": "done, resolution, 2025-02-01 00:35, 2025-02-01 01:00",
    }
    assert "    Impact #183; 55 min :crit" in source.splitlines()[5]


def test_phase_chart_of_a_multi_day_incident_shows_the_day() -> None:
    source = phase_chart(
        incident(timezone="UTC", started="2024-03-01 22:00", resolved="2024-03-04 09:15")
    )
    assert "    axisFormat %d %b %H:%M" in source.splitlines()
    assert "    tickInterval 12hour" in source.splitlines()  # 59 h: at most 8 labels
    assert task_lines(source) == {"Impact": "crit, impact, 2024-03-01 22:00, 2024-03-04 09:15"}


def test_phase_chart_keeps_only_phases_with_both_ends() -> None:
    only_detected = incident(started="2024-08-12 11:30", detected="2024-08-12 11:45")
    assert list(task_lines(phase_chart(only_detected))) == ["Detection"]
    no_mitigation = incident(
        started="2024-08-12 11:30", detected="2024-08-12 11:45", resolved="2024-08-12 14:00"
    )
    assert list(task_lines(phase_chart(no_mitigation))) == ["Impact", "Detection"]


def test_phase_chart_needs_two_timestamps() -> None:
    assert phase_chart(incident(started="2024-08-12 11:30")) == ""


def test_phase_chart_codes_the_zone_and_converts_offsets() -> None:
    source = phase_chart(
        incident(
            timezone="America/Port-au-Prince",
            started="2024-08-12T11:30:00Z",
            mitigated="2024-08-12T12:00:00Z",
        )
    )
    title = source.splitlines()[1]
    assert decode(title) == "    title Phases, times in America/Port-au-Prince"
    assert task_lines(source) == {"Impact": "crit, impact, 2024-08-12 07:30, 2024-08-12 08:00"}
