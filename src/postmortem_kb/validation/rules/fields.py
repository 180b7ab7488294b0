"""Rules over one incident file's fields that the schema cannot state: vocabulary from the
taxonomy, times that exist and come in order, a timeline inside the incident, and
Markdown that renders.

They read the loaded data itself, not the typed Incident, so they run even when the
schema refused some field: one run shows every problem of a file (an unknown field
does not hide a misspelt root cause). A field the schema refused is skipped here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import Any, NamedTuple

from ... import partial_dates, times
from ...errors import Problem, Severity, did_you_mean, quote
from ...files.yaml_read import Loc, YamlList, YamlMap, position_of
from ...model import ID_PATTERN, TIME_FIELDS
from ...taxonomy import TAXONOMY_FILE, Taxonomy
from ...text.markup import dropped_links
from .links import HINT as LINK_HINT
from .links import link_problems
from .prose import PROSE_FIELDS, SHORT_TEXT, prose_problems
from .publish import publish_problems

TIMELINE_SLACK = timedelta(days=7)
_NOUNS = {
    "severity": "severity",
    "root_causes": "root cause",
    "services": "service",
    "contributing_factors": "contributing factor",
    "trigger": "trigger",
    "detection": "detection method",
}


def where(loc: Loc) -> str:
    """`timeline[2].at`: a location as the author would point at it."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _compared(*moments: datetime) -> list[str]:
    """Moments as a message compares them: as written, and when their UTC offsets differ,
    each with its offset and in UTC, so the reader sees why one is earlier."""
    if len({moment.utcoffset() for moment in moments}) <= 1:
        return [_fmt(moment) for moment in moments]
    return [
        f"{_fmt(m)} {_offset(m)}, that is {m.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        if m.utcoffset()
        else f"{_fmt(m)} UTC"
        for m in moments
    ]


def _offset(moment: datetime) -> str:
    return "UTC" + moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:]


class _Report:
    def __init__(self, path: str, data: YamlMap) -> None:
        self.path, self.data, self.problems = path, data, list[Problem]()

    def __call__(self, loc: Loc, message: str, hint: str = "", level: Severity = "error") -> None:
        line, column = position_of(self.data, loc)
        self.problems.append(Problem(self.path, line, column, level, message, hint))


def check_fields(
    data: YamlMap, path: str, incident_id: str, taxonomy: Taxonomy | None
) -> list[Problem]:
    """Every field rule's problems for one loaded incident file."""
    report = _Report(path, data)
    if not ID_PATTERN.match(incident_id):
        report(
            (),
            f"the file name makes the id '{incident_id}', which is not a valid id",
            "name files like 2024-08-12-payment-gateway-outage.yaml: lowercase, digits, hyphens",
        )
    if taxonomy is not None:
        _vocabulary(data, taxonomy, report)
    report.problems += publish_problems(data, path, taxonomy.publishing if taxonomy else None)
    _times(data, report)
    for loc, url in link_problems(data):
        report(loc, _unshown(loc, url), LINK_HINT, "warning")
    for loc, text in _texts(data):
        prose = loc[-1] in PROSE_FIELDS
        found: list[tuple[int | None, str, str, Severity]] = [
            (offset, f"{where(loc)}: {message}", hint, "error")
            for offset, message, hint in prose_problems(text, prose=prose)
        ]
        if prose and not found:  # only prose known to render is rendered to read its links
            lines = text.split("\n")
            found += [
                (next((n for n, line in enumerate(lines, 1) if url in line), None),
                 _unshown(loc, url), LINK_HINT, "warning")
                for url in dropped_links(text)
            ]  # fmt: skip
        for offset, message, hint, level in found:
            line, column = position_of(data, loc)
            if isinstance(offset, int) and _block_scalar(data, loc):
                line += offset  # the value starts on the line after `key: |`
            report.problems.append(Problem(path, line, column, level, message, hint))
    return report.problems


def _unshown(loc: Loc, url: str) -> str:
    return f"{where(loc)}: {quote(url)} will not be a link"


def _block_scalar(data: YamlMap, loc: Loc) -> bool:
    line, _ = position_of(data, loc)
    key_line, _ = position_of(data, loc, key=True)
    return line == key_line  # PyYAML marks a `|` block at its indicator, on the key's line


def _texts(data: YamlMap) -> Iterator[tuple[Loc, str]]:
    """Every text an incident page renders, with its location."""
    for name in (*PROSE_FIELDS, *SHORT_TEXT):
        if isinstance(data.get(name), str):
            yield (name,), data[name]
    for field, key in (("timeline", "event"), ("action_items", "title"), ("links", "title")):
        for index, entry in _entries(data, field):
            if isinstance(entry.get(key), str):
                yield (field, index, key), entry[key]
    lessons = data.get("lessons")
    if isinstance(lessons, YamlMap):
        for name, items in lessons.items():
            if isinstance(items, YamlList):
                for index, item in enumerate(items):
                    if isinstance(item, str):
                        yield ("lessons", name, index), item


def _entries(data: YamlMap, field: str) -> Iterator[tuple[int, YamlMap]]:
    entries = data.get(field)
    if isinstance(entries, YamlList):
        for index, entry in enumerate(entries):
            if isinstance(entry, YamlMap):
                yield index, entry


def _vocabulary(data: YamlMap, taxonomy: Taxonomy, report: _Report) -> None:
    for field, noun in _NOUNS.items():
        allowed = taxonomy.vocabulary(field)
        value = data.get(field)
        if allowed is None or value is None:
            continue
        entries: list[tuple[Loc, Any]] = (
            [((field,), value)]
            if isinstance(value, str)
            else [((field, i), v) for i, v in enumerate(value)]
            if isinstance(value, list)
            else []
        )
        for loc, item in entries:
            if isinstance(item, str) and not taxonomy.knows(field, item):
                if field == "severity":
                    hint = _severity_hint(item, taxonomy)
                else:
                    hint = (
                        did_you_mean(item, allowed)
                        or f"add it to {TAXONOMY_FILE} or pick one of its {_plural(noun)}"
                    )
                report(loc, f"{where(loc)}: unknown {noun} {quote(item)}", hint)


def _severity_hint(given: str, taxonomy: Taxonomy) -> str:
    """The level `given` names by its title (`Major` → SEV2) or a typo of its id; else
    every level, most severe first, each with its title."""
    by_title = {level.title.lower(): level.id for level in taxonomy.severities if level.title}
    meant = did_you_mean(given, [level.id for level in taxonomy.severities], by_title)
    level = taxonomy.severity(by_title.get(given.strip().lower(), ""))
    if level is not None:
        return f"'{level.title}' is {level.id} in {TAXONOMY_FILE}: write severity: {level.id}"
    levels = ", ".join(
        f"{level.id} ({level.title})" if level.title else level.id for level in taxonomy.severities
    )
    return meant or f"the severities, most severe first: {levels}"


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _zone(data: YamlMap) -> tzinfo | None:
    name = data.get("timezone", "UTC")
    try:
        return times.zone(name) if isinstance(name, str) else None
    except times.TimeFormatError:
        return None  # the schema reports it


_SKIPPED_HINT = (
    "clocks went forward then, as daylight-saving time began: write a time after the "
    "change, or one with its UTC offset"
)


def _times(data: YamlMap, report: _Report) -> None:
    tz = _zone(data)
    if tz is None:
        return
    zone_name = str(data.get("timezone", "UTC"))
    known: list[tuple[str, datetime, datetime]] = []
    for name in TIME_FIELDS:
        value = data.get(name)
        if not isinstance(value, str):
            continue
        try:
            parsed = (partial_dates.parse_or_unknown if name in ("started", "resolved")
                      else partial_dates.parse_moment)(value)  # fmt: skip
        except times.TimeFormatError:
            continue  # the schema reports it
        if parsed is None:
            continue  # started: unknown, resolved: unknown
        stated = partial_dates.precision_of(value)
        if stated == "minute" and not times.exists_in_zone(parsed, tz):
            message = f"{name}: {_fmt(parsed)} does not exist in {zone_name}"
            report((name,), message, _SKIPPED_HINT)
            continue
        moment = times.localize(parsed, tz)
        known.append((name, moment, partial_dates.period_end(moment, stated)))
    for (first, early, _), (second, late, late_end) in pairwise(known):
        # A date alone stands for its whole day: 2024-08-12 is not before 2024-08-12 14:00.
        if late_end < early:
            shown = _compared(late, early)
            report((second,), f"{second} ({shown[0]}) is before {first} ({shown[1]})")
    start = partial_dates.precision_of(data.get("started"))
    if known and known[0][0] == "started":
        anchor = known[0][1] if start in ("minute", "day") else None
    elif start != "unknown":
        return  # `started` is missing or wrong: the schema reports it
    else:
        anchor = None
    window = (known[0][1], known[-1][1], known[-1][2]) if known else None
    _timeline(data, _Anchor(anchor, start, window), tz, zone_name, report)


class _Anchor(NamedTuple):
    """What a timeline is read against: the day of `started` when it names one (a bare
    `HH:MM` first event stands on it), how `started` is stated, and the incident's window
    (its first known time, its last known time, and the last moment that may stand for)."""

    day: datetime | None
    start: partial_dates.Precision
    window: tuple[datetime, datetime, datetime] | None


def _timeline(data: YamlMap, anchor: _Anchor, tz: tzinfo, zone_name: str, report: _Report) -> None:
    ats: list[tuple[int, str]] = []
    for index, entry in _entries(data, "timeline"):
        at = entry.get("at")
        try:
            if isinstance(at, str):
                ats.append((index, times.check_event_time(at)))
        except times.TimeFormatError:
            continue  # the schema reports it
    if not ats:
        return
    texts = [at for _, at in ats]
    if anchor.day is None and times.parse_clock(texts[0]) is not None:
        loc: Loc = ("timeline", ats[0][0], "at")
        given = "is unknown" if anchor.start == "unknown" else f"is only a {anchor.start}"
        report(
            loc,
            f"{where(loc)}: {texts[0]} has no date, and `started` {given}",
            "write the first event's date and time, 'YYYY-MM-DD HH:MM'; later events may "
            "then be HH:MM",
        )
        return
    skipped = set(times.skipped_event_times(texts, anchor.day, tz))
    window = anchor.window
    slack = None if window is None else (window[0] - TIMELINE_SLACK, window[2] + TIMELINE_SLACK)
    previous: datetime | None = None
    for position, ((index, _), moment) in enumerate(
        zip(ats, times.resolve_event_times(texts, anchor.day, tz), strict=True)
    ):
        loc = ("timeline", index, "at")
        local = moment.astimezone(tz)
        if position in skipped:
            message = f"{where(loc)}: {texts[position]} on {local:%Y-%m-%d} does not exist"
            report(loc, f"{message} in {zone_name}", _SKIPPED_HINT)
        elif window is not None and slack is not None and not slack[0] <= moment <= slack[1]:
            first, last = _fmt(window[0].astimezone(tz)), _fmt(window[1].astimezone(tz))
            span = first if first == last else f"{first} to {last}"
            outside = (
                "outside the incident" if anchor.day else "away from the incident's known times"
            )
            days = TIMELINE_SLACK.days
            report(loc, f"{where(loc)}: {_fmt(local)} is more than {days} days {outside} ({span})")
        elif previous is not None and moment < previous:
            report(
                loc,
                f"{where(loc)}: {_fmt(local)} is earlier than the event before it "
                f"({_fmt(previous.astimezone(tz))})",
                "list events in time order",
                "warning",
            )
        previous = moment
