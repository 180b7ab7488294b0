"""When a review is ready to publish, and whether its timeline agrees with its times.

A team tunes the first in taxonomy.yaml:

    publishing:
      required: [summary, root_cause, resolution, impact, action_items, root_causes, services]
      action_items_need: [owner, due]
      placeholders: [TODO, TBD, FIXME]

With `publishing:` present, a `status: published` review must fill every required field
(`action_items` is satisfied by the items or by `no_action_items`, a sentence saying why
none are needed; `root_causes` and `services` by at least one tag, since the tags are what
links it to the rest of the archive), give each action item the fields of
`action_items_need` (a `wont-do` item needs no due date), hold no placeholder word in
any text, and not start at the `00:00` that `postmortem new` writes for a start no one
has filled in (`00:00:00` says the incident did begin at midnight). Without it (archives
written before these rules) nothing is required. Anywhere else each of these is a
warning: `postmortem new` leaves `TODO`s and that `00:00`, and validation keeps pointing
at them.

With it too (unless `timeline_checks: false`), warnings at their line, for any status:
a `detection` event before `started`, no event at `detected`, and a file named for
another day than `started`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from ...errors import Problem, Severity
from ...files.yaml_read import Loc, YamlList, YamlMap, position_of
from ...model import Incident
from ...taxonomy import PublishingRules

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
# `postmortem new` writes `started: <day> 00:00`: a start at 00:00 sharp, no seconds.
_PLACEHOLDER_START = re.compile(r"\d[ T]00:00(?:Z|[+-]\d{2}:?\d{2})?$")


def publish_problems(data: YamlMap, path: str, rules: PublishingRules | None) -> list[Problem]:
    """Placeholder words left in any text: errors in a published review under `rules`,
    warnings otherwise (`postmortem new` leaves `TODO`s for the author); and, under
    `rules`, errors for the fields a published review leaves empty."""
    published = rules is not None and data.get("status") == "published"
    problems: list[Problem] = []

    def report(loc: Loc, message: str, hint: str, *, key: bool = True) -> None:
        line, column = position_of(data, loc, key=key)
        level: Severity = "error" if published else "warning"
        problems.append(Problem(path, line, column, level, message, hint))

    if published:
        assert rules is not None
        for name in rules.required:
            if not _given(data, name):
                hint = (
                    "list the follow-ups, or say why none are needed in no_action_items"
                    if name == "action_items"
                    else "fill it in, or set status: in-review until it is"
                )
                report((name,), f"a published review needs {name}", hint)
        for index, item in enumerate(_items(data)):
            needed = [n for n in rules.action_items_need if n != "due" or _will_be_done(item)]
            missing = [name for name in needed if not _given(item, name)]
            if missing:
                report(
                    ("action_items", index),
                    f"action_items[{index}]: a published review's action item needs "
                    + " and ".join(missing),
                    "name the team that owns it, and the date it is due as due: YYYY-MM-DD",
                    key=False,
                )
    if rules is None or rules.placeholder_start:
        started = data.get("started")
        if isinstance(started, str) and _PLACEHOLDER_START.search(started.strip()):
            what = "a published review starts" if published else "started is"
            report(
                ("started",),
                f"{what} at 00:00 sharp, the time `postmortem new` leaves: time to detect "
                "would count from midnight",
                "write when impact began; 00:00:00 if it truly began at midnight",
                key=False,
            )
    words = "|".join(re.escape(word) for word in (rules or PublishingRules()).placeholders)
    if words:
        placeholder = re.compile(rf"\b(?:{words})\b")
        for loc, text in _all_texts(data, ()):
            found = placeholder.search(prose_only(text))
            if found:
                what = "a published review still holds" if published else "text holds"
                message = f"{what} the placeholder '{found[0]}'"
                hint = "replace it with what is known" + (
                    ", or set status: in-review" if published else ""
                )
                report(loc, message, hint, key=False)
    return problems


def _will_be_done(item: YamlMap) -> bool:
    """An item anyone will still do: a `wont-do` item is due never."""
    return item.get("status") != "wont-do"


def _items(data: YamlMap) -> list[YamlMap]:
    items = data.get("action_items")
    if not isinstance(items, YamlList):
        return []
    return [item for item in items if isinstance(item, YamlMap)]


_FENCED = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def prose_only(text: str) -> str:
    """`text` without its code blocks, code spans and HTML comments: a `TODO` pasted in a
    log or a commented-out draft line is quoted, not left unfinished."""
    for pattern in (_FENCED, _COMMENT, _CODE_SPAN):
        text = pattern.sub(lambda m: " " * len(m[0]), text)
    return text


def _given(data: YamlMap, name: str) -> bool:
    value = data.get(name)
    if name == "action_items" and not value:
        return bool(str(data.get("no_action_items") or "").strip())
    return value is not None and (not isinstance(value, str | list | dict) or _filled(value))


def _filled(value: str | list[object] | dict[str, object]) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values() if isinstance(v, str | list | dict))
    return bool(value)


def _all_texts(
    node: object, loc: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, YamlMap):
        for key, value in node.items():
            yield from _all_texts(value, (*loc, key))
    elif isinstance(node, YamlList):
        for index, value in enumerate(node):
            yield from _all_texts(value, (*loc, index))


def timeline_problems(incident: Incident, data: YamlMap) -> list[Problem]:
    """Warnings where the timeline or the file name disagree with the incident's times."""
    problems: list[Problem] = []

    def warn(loc: tuple[str | int, ...], message: str, hint: str) -> None:
        line, column = position_of(data, loc)
        problems.append(Problem.warning(incident.source, line, column, message, hint))

    started = incident.started_at
    named = _DAY.match(incident.id)
    if named and started is None:
        warn((), f"the file is named for {named[1]}, but `started` is unknown",
             f"write `started: {named[1]}` if impact began that day, "
             "or name the file without a date")  # fmt: skip
    elif named and started is not None and named[1] != f"{started.astimezone(incident.tz):%F}":
        warn((), f"the file is named for {named[1]}, but the incident started on "
             f"{started.astimezone(incident.tz):%Y-%m-%d}",
             "name the file after the day impact began")  # fmt: skip
    moments = incident.event_times()
    for index, (event, moment) in enumerate(zip(incident.timeline, moments, strict=True)):
        if event.kind == "detection" and started is not None and moment < started:
            warn(("timeline", index, "at"),
                 f"timeline[{index}]: a detection event at {_fmt(moment, incident)}, before "
                 f"the incident started ({_fmt(started, incident)})",
                 "move `started` earlier: impact began before it was detected")  # fmt: skip
    detected = incident.detected_at
    if detected is not None and moments and detected not in moments:
        warn(("detected",), f"no timeline event at detected ({_fmt(detected, incident)})",
             "add the event that noticed the incident (kind: detection)")  # fmt: skip
    return problems


def _fmt(moment: datetime, incident: Incident) -> str:
    return f"{moment.astimezone(incident.tz):%Y-%m-%d %H:%M}"
