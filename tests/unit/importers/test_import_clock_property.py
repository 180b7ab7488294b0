"""Import then render never moves an event in time or across zones: whatever shape a
timeline is written in and whatever clock the source states, the incident page lists every
event at the wall time its source wrote, under the clock its source named."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postmortem_kb.archive import Archive
from postmortem_kb.files.yaml_read import load_yaml
from postmortem_kb.importers import build_incident_yaml
from postmortem_kb.importers.formats.reading import read_draft
from postmortem_kb.model import Incident
from postmortem_kb.render.pages.incident import render_incident_page
from postmortem_kb.validation.writing import read_taxonomy
from tests.harness import ROOT

TAXONOMY = read_taxonomy(ROOT / "incidents")
# (how the source states it, the `timezone` the page must show, whether DST matters)
CLOCKS = [
    ("All times in UTC.", "UTC"),
    ("All times are US/Pacific.", "America/Los_Angeles"),
    ("Times are in Eastern Time (ET).", "America/New_York"),
    ("All times in JST.", "Asia/Tokyo"),
    ("Timezone: Europe/Paris", "Europe/Paris"),
    ("All times -08:00.", "UTC-08:00"),
    ("All times in UTC+05:30.", "UTC+05:30"),
    # An abbreviation names its place only on days the place keeps its offset.
    ("All times in PST.", "America/Los_Angeles|-8"),
    ("All times in CEST.", "Europe/Berlin|2"),
]
SHAPES = ["plain", "bracketed", "bold", "heading", "table", "ampm"]


def _clock(moment: datetime, shape: str) -> str:
    if shape == "table":
        return moment.strftime("%H%M")
    if shape == "ampm":
        return moment.strftime("%I:%M %p").lstrip("0")
    return moment.strftime("%H:%M")


def _source(
    start: datetime, steps: list[int], clock: str, shape: str
) -> tuple[str, list[datetime]]:
    moments, moment = [], start
    for step in steps:
        moment += timedelta(minutes=step)
        moments.append(moment)
    lines = ["# Queue stalled after a broker upgrade", "", clock, "", "## Timeline", ""]
    if shape == "table":
        lines += ["| Date | Time | Event |", "|---|---|---|"]
    day = None
    for number, when in enumerate(moments, 1):
        text = f"step {number} of the incident"
        written = _clock(when, shape)
        if shape == "table":
            lines.append(f"| {when:%Y-%m-%d} | {written} | {text} |")
            continue
        if when.date() != day:
            lines += ["", f"### {when:%Y-%m-%d}", ""]
            day = when.date()
        if shape == "heading":
            lines += [f"#### {written}", "", text, ""]
        elif shape == "bracketed":
            lines.append(f"* [{written}] {text}")
        elif shape == "bold":
            lines.append(f"- **{written}** {text}")
        else:
            lines.append(f"- {written} — {text}")
    return "\n".join(lines) + "\n", moments


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=23 * 60 + 59),
    st.lists(st.integers(min_value=1, max_value=9 * 60), min_size=1, max_size=12),
    st.sampled_from(CLOCKS),
    st.sampled_from(SHAPES),
)
def test_import_then_render_keeps_every_event_where_its_source_put_it(
    day: date, minute: int, steps: list[int], clock: tuple[str, str], shape: str
) -> None:
    statement, zone = clock
    start = datetime(day.year, day.month, day.day) + timedelta(minutes=minute)
    text, moments = _source(start, steps, statement, shape)
    if "|" in zone:
        place, hours = zone.split("|")
        keeps = all(
            datetime.combine(m.date(), time(12), ZoneInfo(place)).utcoffset()
            == timedelta(hours=int(hours))
            for m in moments
        )
        zone = place if keeps else f"UTC{int(hours):+03d}:00"
    draft = read_draft("markdown", text, "x.md")
    built = build_incident_yaml(draft, TAXONOMY, "x.md")
    data = load_yaml("x.yaml", built.text.encode()).data
    assert data["timezone"] == zone
    incident = Incident.model_validate(data).bind(built.stem, "x.yaml")
    local = [m.astimezone(incident.tz).replace(tzinfo=None) for m in incident.event_times()]
    # A wall time that happens twice (clocks going back) or never (going forward) is the
    # one the schema documents; every other one is exactly the source's.
    expected = list(moments)
    assert len(local) == len(expected)
    for shown, written in zip(local, expected, strict=True):
        assert shown == written or _dst_edge(written, incident)
    page = render_incident_page(Archive(TAXONOMY, [incident]), incident, today=date(2031, 1, 1))
    assert f"| Time ({zone}) |" in page
    rows = re.findall(r"^\| (\d{4}-\d{2}-\d{2} )?(\d{2}:\d{2})(?:<br>.*?)? \|", page, re.MULTILINE)
    times = [when for _, when in rows]
    assert times == [m.strftime("%H:%M") for m in local]


def _dst_edge(wall: datetime, incident: Incident) -> bool:
    aware = wall.replace(tzinfo=incident.tz)
    back = aware.astimezone(incident.tz).replace(tzinfo=None)
    other = wall.replace(tzinfo=incident.tz, fold=1).utcoffset()
    return back != wall or other != aware.utcoffset()
