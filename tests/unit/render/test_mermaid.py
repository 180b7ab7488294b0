"""Mermaid sources: user text is coded so any input parses and shows as the same text."""

from __future__ import annotations

import re
from typing import Any

import pytest

from postmortem_kb.model import Incident
from postmortem_kb.render.mermaid import (
    EVENT_LABEL,
    MAX_LABEL,
    PART_EVENTS,
    escape,
    phase_chart,
    scale_note,
    timeline_diagrams,
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


# A flowchart node: `eN["label"]:::kind`; an arrow `eA -->|"+gap"| eB`; a gantt task.
NODE = re.compile(r'^ {4}e(?P<n>\d+)\["(?P<label>[^"\n]+)"\]:::(?P<kind>[a-z]+)$')
ARROW = re.compile(r'^ {4}e(?P<a>\d+) -{2,10}>(?:\|"(?P<gap>[^"\n]+)"\|)? e(?P<b>\d+)$')
GANTT_TASK = re.compile(r"^ {4}(?P<name>[^:\n]+) :(?P<data>[^#;\n]+)$")


SCALE = 'config: {"flowchart": {"rankSpacing": 24}}'


def nodes(source: str) -> list[tuple[str, str, str]]:
    """(time and kind, event, kind) of each box, decoded; every line of `source` checked."""
    lines = source.splitlines()
    assert lines[:3] == ["---", SCALE, "---"] and lines[3] == "flowchart TB"
    found = []
    for line in lines[4:]:
        if line.startswith("    classDef "):
            continue
        node, arrow = NODE.match(line), ARROW.match(line)
        assert node or arrow, line
        if node:
            head, _, event = node["label"].partition("<br>")
            assert "<" not in event and not raw_specials(head) and not raw_specials(event)
            found.append((decode(head), decode(event), node["kind"]))
        if arrow:
            assert int(arrow["b"]) == int(arrow["a"]) + 1
            assert arrow["gap"] is None or not raw_specials(arrow["gap"])
    return found


def test_timeline_of_a_plain_incident() -> None:
    [part] = timeline_diagrams(
        incident(
            title="Checkout: 502s",
            timezone="Europe/Paris",
            started="2024-08-12 11:30",
            timeline=[
                {"at": "11:35", "kind": "detection", "event": "Alert fired; rate spiked."},
                {"at": "11:40", "event": "Logs read."},
                {"at": "13:40", "event": "Fixed."},
            ],
        )
    )
    assert part.caption == "Mon 12 Aug 2024, times in Europe/Paris"
    assert part.kinds == ("detection", "note")
    assert part.source == (
        f"---\n{SCALE}\n---\nflowchart TB\n"
        "    classDef detection fill:#ffcdd2,stroke:#5c6370,color:#1a1a1a\n"
        "    classDef note fill:#eceff1,stroke:#5c6370,color:#1a1a1a\n"
        '    e0["11#58;35 #183; detection<br>Alert fired#59; rate spiked."]:::detection\n'
        '    e0 -->|"+5 min"| e1\n'
        '    e1["11#58;40 #183; note<br>Logs read."]:::note\n'
        '    e1 ----->|"+2 h"| e2\n'
        '    e2["13#58;40 #183; note<br>Fixed."]:::note'
    )


def test_arrows_are_as_long_as_the_pauses() -> None:
    """A 75 min pause draws five times as long as a 15 min one; a pause of days is cut to
    the longest arrow, and the caption's note says so."""
    at = ["10:00", "10:15", "11:30", "11:45", "12:00"]
    plain = incident(
        started="2024-08-12 10:00",
        timeline=[{"at": t, "event": f"Event {n}."} for n, t in enumerate(at)],
    )
    [part] = timeline_diagrams(plain)
    arrows = [ARROW.match(line) for line in part.source.splitlines()]
    lengths = [len(line.split()[1].split("|")[0]) - 2 for line, m in
               zip(part.source.splitlines(), arrows, strict=True) if m]  # fmt: skip
    assert lengths == [1, 5, 1, 1]  # dashes past the first: steps of 15 min
    assert scale_note(plain) == "drawn to scale: a longer pause, a longer arrow (15 min a step)"
    late = incident(
        started="2024-08-12 10:00",
        timeline=[*({"at": f"10:{m}0", "event": "a"} for m in range(6)),
                  {"at": "2024-08-14 10:10", "event": "c"}],
    )  # fmt: skip
    assert scale_note(late).endswith("(5 min a step); pauses over 40 min drawn that long")


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
    [part] = timeline_diagrams(hostile)
    assert "%%" not in part.source and '"quoted' not in part.source
    found = nodes(part.source)
    assert len(found) == len(events)
    for i, ((head, event, kind), text) in enumerate(zip(found, events, strict=True)):
        assert head == f"11:35 · {KINDS[i % len(KINDS)]}" and kind == KINDS[i % len(KINDS)]
        assert event == visible(text, EVENT_LABEL)
    chart = phase_chart(hostile)
    assert "%%" not in chart and "<" not in chart
    assert "    title" not in chart  # no incident text in the phase chart: only durations


def test_timeline_draws_one_diagram_per_day_with_the_gap_between_days() -> None:
    parts = timeline_diagrams(
        incident(
            timezone="Europe/Berlin",
            started="2025-01-31 23:40",
            timeline=[
                {"at": "23:52", "kind": "detection", "event": "Support reported 502s."},
                {"at": "00:10", "kind": "investigation", "event": "Proxy logs."},
            ],
        )
    )
    assert [p.caption for p in parts] == [
        "Fri 31 Jan 2025, times in Europe/Berlin",
        "Sat 01 Feb 2025, 18 min after the previous event, times in Europe/Berlin",
    ]
    assert [nodes(p.source)[0][0] for p in parts] == ["23:52 · detection", "00:10 · investigation"]


def test_a_long_timeline_is_split_below_mermaid_limits() -> None:
    script = "مرحبا " * 40  # Arabic: every letter becomes a code
    timeline = [
        {"at": f"2024-08-12 {n // 60:02d}:{n % 60:02d}", "event": f"{n} {script}"}
        for n in range(700)
    ]
    parts = timeline_diagrams(incident(started="2024-08-12 00:00", timeline=timeline))
    assert sum(len(nodes(p.source)) for p in parts) == 700
    assert all(len(p.source) < 50_000 and len(nodes(p.source)) <= PART_EVENTS for p in parts)
    assert parts[-1].caption.endswith(f"(part {len(parts)} of {len(parts)})")


def test_timeline_in_the_incident_zone_for_offset_timestamps() -> None:
    [part] = timeline_diagrams(
        incident(
            timezone="UTC",
            started="2024-08-12T11:30:00+02:00",
            timeline=[{"at": "2024-08-12T11:35:00+02:00", "event": "x"}],
        )
    )
    assert nodes(part.source)[0][0] == "09:35 · note"


def test_no_timeline_no_diagram() -> None:
    assert timeline_diagrams(incident(started="2024-08-12 11:30")) == []


def task_lines(source: str) -> dict[str, str]:
    """Section name → "duration : window" of each bar."""
    lines = source.splitlines()
    assert lines[0] == "gantt"
    assert not any(line.startswith("    title") for line in lines)  # the page has it
    assert "    dateFormat YYYY-MM-DD HH:mm" in lines
    tasks, section = {}, ""
    for line in lines[2:]:
        if line.startswith("    section "):
            section = line.removeprefix("    section ")
        elif " :" in line:
            match = GANTT_TASK.match(line)
            assert match, line
            assert not raw_specials(match["name"])
            tasks[section] = f"{decode(match['name'])} :{match['data']}"
    return tasks


def test_phase_chart_shows_the_header_card_durations_from_the_start() -> None:
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
    assert "    tickInterval 30minute" in source.splitlines()  # 80 min: at most 5 ticks
    assert task_lines(source) == {
        "Detected": "12 min : 2025-01-31 23:40, 2025-01-31 23:52",
        "Mitigated": "55 min : 2025-01-31 23:40, 2025-02-01 00:35",
        "Resolved": "1 h 20 min : 2025-01-31 23:40, 2025-02-01 01:00",
    }


@pytest.mark.parametrize(
    ("resolved", "interval", "axis"),
    [
        ("2024-03-01 22:05", "10minute", "%H:%M"),
        ("2024-03-04 09:15", "1day", "%d %b"),
        ("2024-06-15 09:15", "1month", "%b %Y"),
        ("2025-10-14 09:15", "6month", "%b %Y"),
        ("2031-10-14 09:15", "12month", "%Y"),
    ],
)
def test_phase_chart_axis_from_five_minutes_to_years(
    resolved: str, interval: str, axis: str
) -> None:
    source = phase_chart(incident(timezone="UTC", started="2024-03-01 22:00", resolved=resolved))
    assert f"    axisFormat {axis}" in source.splitlines()
    assert f"    tickInterval {interval}" in source.splitlines()


def test_phase_chart_keeps_only_known_ends() -> None:
    only_detected = incident(started="2024-08-12 11:30", detected="2024-08-12 11:45")
    assert list(task_lines(phase_chart(only_detected))) == ["Detected"]


def test_phase_chart_needs_one_end() -> None:
    assert phase_chart(incident(started="2024-08-12 11:30")) == ""


def test_phase_chart_converts_offsets_to_the_incident_zone() -> None:
    source = phase_chart(
        incident(
            timezone="America/Port-au-Prince",
            started="2024-08-12T11:30:00Z",
            mitigated="2024-08-12T12:00:00Z",
        )
    )
    assert task_lines(source) == {"Mitigated": "30 min : 2024-08-12 07:30, 2024-08-12 08:00"}
