"""The incident file, schema v1.1: typed fields with a docstring each (→ the JSON Schema).

Structure (types, required fields, enums) is checked here; rules that need the
taxonomy or the rest of the archive live in `validation/`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from typing import Annotated, Any, Literal, cast, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import partial_dates, times
from .errors import describe

SCHEMA_VERSION = 1
"""The major version: what incidents.json states, bumped on an incompatible change."""
SCHEMA_RELEASE = "1.1"
"""The incident file's schema: 1.1 adds fields and precisions, every 1.0 file still valid."""
TimeField = Literal["started", "detected", "mitigated", "resolved"]
"""The incident's own times, in the order they happen."""
TIME_FIELDS: tuple[TimeField, ...] = get_args(TimeField)
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Ids and taxonomy slugs: lowercase words joined by hyphens."""
ID_PATTERN = re.compile(SLUG)

Status = Literal["draft", "in-review", "published"]
Visibility = Literal["public", "internal"]
EventKind = Literal[
    "detection", "investigation", "escalation", "mitigation", "resolution", "communication", "note"
]
ActionKind = Literal["fix", "prevent", "detect", "mitigate", "process"]
ActionStatus = Literal["open", "in-progress", "done", "wont-do"]


def _time_error(message: str, hint: str = "") -> PydanticCustomError:
    # The message travels in the context: user text must never be a format template.
    return PydanticCustomError("time_format", "{message}", {"message": message, "hint": hint})


def _custom(parser: Any, expected: str = "") -> Any:
    """Wrap a `times` parser so its message reaches the user unchanged.

    With `expected` (a date or time field), values that are not text are refused here:
    pydantic would read the number 20240301 as seconds since 1970.
    """

    def run(value: Any) -> Any:
        if not isinstance(value, str):
            if expected and not isinstance(value, date):
                raise _time_error(f"expected {expected}, found {describe(value)}")
            return value  # let the declared type report the wrong type
        try:
            return parser(value)
        except times.TimeFormatError as exc:
            raise _time_error(str(exc), exc.hint) from None

    return run


_MOMENT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": times.DATETIME.pattern},
        {"type": "string", "pattern": partial_dates.PARTIAL_PATTERN},
    ],
    "examples": ["2024-08-12 11:30", "2024-08-12", "2024-08"],
}
Moment = Annotated[
    datetime,
    BeforeValidator(
        _custom(partial_dates.parse_moment, "a date and time such as '2024-08-12 11:30'")
    ),
    WithJsonSchema(_MOMENT_SCHEMA),
]
"""A time to the minute, or only a day, a month or a year (see `precision`)."""
_MOMENT_OR_UNKNOWN: dict[str, Any] = {
    "anyOf": [*_MOMENT_SCHEMA["anyOf"], {"const": partial_dates.UNKNOWN}],
    "examples": [*_MOMENT_SCHEMA["examples"], partial_dates.UNKNOWN],
}
_parse_start = _custom(partial_dates.parse_or_unknown, "a date and time such as '2024-08-12 11:30'")
_parse_end = _custom(partial_dates.parse_or_unknown, "a date and time such as '2024-08-12 15:15'")


def _start(value: Any) -> Any:
    if value is None:
        raise _time_error(
            "expected a date and time such as '2024-08-12 11:30', found nothing",
            "write as much as is known: 2024-08-12, 2024-08 or 2024; "
            "or unknown if no date was recorded",
        )
    return _parse_start(value)


StartMoment = Annotated[
    datetime | None, BeforeValidator(_start), WithJsonSchema(_MOMENT_OR_UNKNOWN)
]
"""A `Moment`, or `unknown` (None) for a review that gives no date at all."""
EndMoment = Annotated[
    datetime | None,
    BeforeValidator(lambda value: None if value is None else _parse_end(value)),
    WithJsonSchema(_MOMENT_OR_UNKNOWN),
]
Day = Annotated[
    date,
    BeforeValidator(_custom(times.parse_date, "a date such as '2024-09-15'")),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2024-09-15"]}),
]
Zone = Annotated[
    str,
    AfterValidator(_custom(times.check_zone)),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": times.ZONE_NAME.pattern, "title": "IANA time zone"},
                {
                    "type": "string",
                    "pattern": times.OFFSET_ZONE.pattern,
                    "title": "fixed UTC offset",
                },
                {"const": times.LOCAL_TIME, "title": "the source's clock, zone not stated"},
            ],
            "examples": ["UTC", "Europe/Paris", "America/New_York", "UTC+05:30", "UTC-07:00"],
        }
    ),
]
EventTime = Annotated[str, AfterValidator(_custom(times.check_event_time))]
Slug = Annotated[str, Field(pattern=SLUG)]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, str_strip_whitespace=True
    )


class TimelineEvent(_Strict):
    """One moment of the incident, as it was lived."""

    at: EventTime
    """`HH:MM` on the day of the previous event (the first: the day of `started`), in the
    incident's time zone, or a full `YYYY-MM-DD HH:MM` for another day."""
    kind: EventKind = "note"
    """What the moment was: detection, investigation, escalation, mitigation, resolution,
    communication or note."""
    event: Text
    """What happened, in a sentence or two (markdown allowed)."""


class ActionItem(_Strict):
    """A follow-up that should make the next incident less likely or less bad."""

    title: Text
    """What will be done."""
    kind: ActionKind = "fix"
    """fix, prevent, detect, mitigate or process."""
    owner: str | None = None
    """The team or person responsible."""
    status: ActionStatus = "open"
    """open, in-progress, done or wont-do."""
    due: Day | None = None
    """Due date, YYYY-MM-DD. Overdue when not done by then."""
    link: str | None = None
    """Ticket or pull request URL."""

    def is_overdue(self, today: date) -> bool:
        """Due before `today` and still open or in progress."""
        return self.due is not None and self.due < today and self.status in ("open", "in-progress")


class Lessons(_Strict):
    """What the team learnt, in the three classic lists."""

    went_well: list[Text] = []
    """What worked and should be kept."""
    went_wrong: list[Text] = []
    """What made the incident worse or longer."""
    lucky: list[Text] = []
    """Where luck, not design, limited the damage."""


class Link(_Strict):
    """A related document: status page post, chat log, dashboard."""

    title: Text
    """The link text."""
    url: Text
    """The address."""


class Incident(_Strict):
    """One incident review. The id is the file name's stem; durations are computed."""

    model_config = ConfigDict(title=f"Incident (postmortem-kb schema v{SCHEMA_RELEASE})")

    title: Annotated[str, Field(min_length=1, max_length=200)]
    """One line naming what broke and why (at most 200 characters)."""
    severity: Text | None = None
    """A severity id from taxonomy.yaml, such as SEV1. Leave it out when the incident was
    never rated (imported reviews): pages show "unrated" and insights count it apart."""
    status: Status = "draft"
    """draft, in-review or published. Only published incidents are in the feeds."""
    visibility: Visibility = "internal"
    """public or internal. Internal incidents are left out of public builds entirely."""
    timezone: Zone = "UTC"
    """The clock of the times written without an offset: an IANA time zone (Europe/Paris,
    UTC), or a fixed UTC offset (UTC+05:30, UTC-07:00; +05:30 is read the same) when all
    that is known is the offset, not the place; `local time` when the source never said
    (imported reviews: shown as written, never as UTC). Pages show times in this clock."""
    started: StartMoment
    """When impact began: YYYY-MM-DD HH:MM, or as much as is known: YYYY-MM-DD (date only),
    YYYY-MM or YYYY; `unknown` when the source gives no date at all (the incident is then
    listed under "Date unknown", and its first timeline event needs its date)."""
    detected: Moment | None = None
    """When someone or something noticed. Time to detect = detected − started."""
    mitigated: Moment | None = None
    """When impact stopped. Time to mitigate = mitigated − started."""
    resolved: EndMoment = None
    """When the incident was closed. Time to resolve = resolved − started. `unknown` when
    no end was recorded; left out while the incident is not resolved."""
    services: list[Slug] = []
    """Affected services (slugs). Leave it empty rather than guess when no one recorded them."""
    root_causes: list[Slug] = []
    """Root-cause tags from taxonomy.yaml; incidents sharing one are cross-linked."""
    trigger: Slug | None = None
    """What set the incident off (deploy, config-change, traffic-spike, …)."""
    detection: Slug | None = None
    """How it was noticed (automated-alert, customer-report, …)."""
    contributing_factors: list[Slug] = []
    """Conditions that made it worse (taxonomy.yaml, when it lists them)."""
    product: str | None = None
    """The affected product as customers know it (Checkout, Cloud Storage)."""
    organisation: str | None = None
    """Whose incident it is, for archives holding several companies' or teams' reviews."""
    keywords: list[Text] = []
    """Free keywords, beside the controlled root causes (kernel, bgp, leap-second)."""
    source_url: str | None = None
    """Where the original review was published."""
    impact: str = ""
    """Who was affected and how much, in a sentence."""
    summary: Text
    """What happened, for someone who was not there (markdown)."""
    narrative: str = ""
    """The story in full, as the source tells it (markdown); not the root cause."""
    root_cause: str = ""
    """The causal chain, blamelessly (markdown)."""
    resolution: str = ""
    """What stopped the impact and what closed the incident (markdown)."""
    timeline: list[TimelineEvent] = []
    """The events in order."""
    action_items: list[ActionItem] = []
    """Follow-ups."""
    no_action_items: str = ""
    """Why no follow-up is needed, said in a sentence, where a review has no action items."""
    lessons: Lessons = Lessons()
    """What went well, what went wrong, where we were lucky."""
    related: list[Slug] = []
    """Ids of other incidents worth reading with this one."""
    links: list[Link] = []
    """Further reading."""
    authors: list[Text] = []
    """Who wrote this review."""

    _id: str = PrivateAttr("")
    _source: str = PrivateAttr("")
    _precision: dict[str, partial_dates.Precision] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _record_precision(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Incident:
        """Note which times the file gives only as a day, month or year, or as `unknown`
        (lost once parsed)."""
        incident = cast(Incident, handler(data))
        if isinstance(data, dict):
            stated = {name: partial_dates.precision_of(data.get(name)) for name in TIME_FIELDS}
            incident._precision = {k: v for k, v in stated.items() if v != "minute"}
        return incident

    def bind(self, incident_id: str, source: str) -> Incident:
        """Attach the id (the file's stem) and the source path, shown in problems and links."""
        self._id, self._source = incident_id, source
        return self

    # Read from pydantic's private store directly: `self._id` goes through
    # BaseModel.__getattr__, and a build reads ids hundreds of thousands of times.
    @property
    def id(self) -> str:
        return cast(str, self.__pydantic_private__["_id"])  # type: ignore[index]

    @property
    def source(self) -> str:
        return cast(str, self.__pydantic_private__["_source"])  # type: ignore[index]

    @property
    def severity_label(self) -> str:
        """The severity id, or "unrated"."""
        return self.severity or "unrated"

    def precision(self, name: str) -> partial_dates.Precision:
        """How precisely `name` (started, detected, mitigated, resolved) is known."""
        return self._precision.get(name, "minute")

    @property
    def end_unknown(self) -> bool:
        """`resolved: unknown`: the source records no end (not the same as still going on)."""
        return self.precision("resolved") == "unknown"

    @property
    def start_day_known(self) -> bool:
        """`started` names its day (to the minute, or a date alone): a timeline's bare
        `HH:MM` can be placed on it."""
        return self.precision("started") in ("minute", "day")

    def exact(self, name: str) -> datetime | None:
        """The aware time `name`, only when it is known to the minute."""
        moment = cast(datetime | None, getattr(self, f"{name}_at"))
        return moment if self.precision(name) == "minute" else None

    def latest(self, name: str) -> datetime | None:
        """The last moment `name` may stand for (end of its day for a date only)."""
        moment = cast(datetime | None, getattr(self, f"{name}_at"))
        return None if moment is None else partial_dates.period_end(moment, self.precision(name))

    @property
    def tz(self) -> tzinfo:
        return times.zone(self.timezone)

    def _aware(self, value: datetime | None) -> datetime | None:
        return None if value is None else times.localize(value, self.tz)

    @property
    def started_at(self) -> datetime | None:
        return self._aware(self.started)

    @property
    def detected_at(self) -> datetime | None:
        return self._aware(self.detected)

    @property
    def mitigated_at(self) -> datetime | None:
        return self._aware(self.mitigated)

    @property
    def resolved_at(self) -> datetime | None:
        return self._aware(self.resolved)

    def _since_start(self, name: str) -> timedelta | None:
        """None unless both ends are known to the minute: a date alone gives no duration."""
        start, end = self.exact("started"), self.exact(name)
        return None if start is None or end is None else end - start

    @property
    def time_to_detect(self) -> timedelta | None:
        return self._since_start("detected")

    @property
    def time_to_mitigate(self) -> timedelta | None:
        return self._since_start("mitigated")

    @property
    def time_to_resolve(self) -> timedelta | None:
        return self._since_start("resolved")

    @property
    def ended_name(self) -> str:
        """The last of the incident's times that is known: resolved, mitigated, … started."""
        names = ("resolved", "mitigated", "detected")
        return next((name for name in names if getattr(self, name) is not None), "started")

    @property
    def ended_at(self) -> datetime | None:
        """The last known moment of the incident window (None when no time is known)."""
        return cast(datetime | None, getattr(self, f"{self.ended_name}_at"))

    def event_times(self) -> list[datetime]:
        """The timeline's `at` values as aware datetimes, in file order."""
        anchor = self.started_at if self.start_day_known else None
        return times.resolve_event_times([e.at for e in self.timeline], anchor, self.tz)


def incident_json_schema() -> dict[str, Any]:
    """The JSON Schema of an incident file, for editors and `postmortem schema`."""
    schema = Incident.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"postmortem-kb/incident-v{SCHEMA_RELEASE}.json"
    return schema
