"""The incident file, schema v1: typed fields with a docstring each (→ the JSON Schema).

Structure (types, required fields, enums) is checked here; rules that need the
taxonomy or the rest of the archive live in `validate.py`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from typing import Annotated, Any, Literal, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from . import times
from .errors import describe

SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

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


LocalDateTime = Annotated[
    datetime,
    BeforeValidator(_custom(times.parse_datetime, "a date and time such as '2024-08-12 11:30'")),
    WithJsonSchema(
        {"type": "string", "pattern": times.DATETIME.pattern, "examples": ["2024-08-12 11:30"]}
    ),
]
Day = Annotated[
    date,
    BeforeValidator(_custom(times.parse_date, "a date such as '2024-09-15'")),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2024-09-15"]}),
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

    model_config = ConfigDict(title="Incident (postmortem-kb schema v1)")

    title: Annotated[str, Field(min_length=1, max_length=200)]
    """One line naming what broke and why (at most 200 characters)."""
    severity: Text
    """A severity id from taxonomy.yaml, such as SEV1."""
    status: Status = "draft"
    """draft, in-review or published. Only published incidents are in the feeds."""
    visibility: Visibility = "internal"
    """public or internal. Internal incidents are left out of public builds entirely."""
    timezone: Annotated[str, AfterValidator(_custom(times.check_zone))] = "UTC"
    """IANA time zone (Europe/Paris, UTC) for times written without an offset."""
    started: LocalDateTime
    """When impact began: YYYY-MM-DD HH:MM."""
    detected: LocalDateTime | None = None
    """When someone or something noticed. Time to detect = detected − started."""
    mitigated: LocalDateTime | None = None
    """When impact stopped. Time to mitigate = mitigated − started."""
    resolved: LocalDateTime | None = None
    """When the incident was closed. Time to resolve = resolved − started."""
    services: Annotated[list[Slug], Field(min_length=1)]
    """Affected services (slugs)."""
    root_causes: list[Slug] = []
    """Root-cause tags from taxonomy.yaml; incidents sharing one are cross-linked."""
    trigger: Slug | None = None
    """What set the incident off (deploy, config-change, traffic-spike, …)."""
    detection: Slug | None = None
    """How it was noticed (automated-alert, customer-report, …)."""
    contributing_factors: list[Slug] = []
    """Conditions that made it worse (taxonomy.yaml, when it lists them)."""
    impact: str = ""
    """Who was affected and how much, in a sentence."""
    summary: Text
    """What happened, for someone who was not there (markdown)."""
    root_cause: str = ""
    """The causal chain, blamelessly (markdown)."""
    resolution: str = ""
    """What stopped the impact and what closed the incident (markdown)."""
    timeline: list[TimelineEvent] = []
    """The events in order."""
    action_items: list[ActionItem] = []
    """Follow-ups."""
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
    def tz(self) -> tzinfo:
        return times.zone(self.timezone)

    def _aware(self, value: datetime | None) -> datetime | None:
        return None if value is None else times.localize(value, self.tz)

    @property
    def started_at(self) -> datetime:
        return times.localize(self.started, self.tz)

    @property
    def detected_at(self) -> datetime | None:
        return self._aware(self.detected)

    @property
    def mitigated_at(self) -> datetime | None:
        return self._aware(self.mitigated)

    @property
    def resolved_at(self) -> datetime | None:
        return self._aware(self.resolved)

    def _since_start(self, end: datetime | None) -> timedelta | None:
        return None if end is None else end - self.started_at

    @property
    def time_to_detect(self) -> timedelta | None:
        return self._since_start(self.detected_at)

    @property
    def time_to_mitigate(self) -> timedelta | None:
        return self._since_start(self.mitigated_at)

    @property
    def time_to_resolve(self) -> timedelta | None:
        return self._since_start(self.resolved_at)

    @property
    def ended_at(self) -> datetime:
        """The last known moment of the incident window."""
        known = [t for t in (self.resolved_at, self.mitigated_at, self.detected_at) if t]
        return known[0] if known else self.started_at

    def event_times(self) -> list[datetime]:
        """The timeline's `at` values as aware datetimes, in file order."""
        return times.resolve_event_times([e.at for e in self.timeline], self.started_at, self.tz)


def incident_json_schema() -> dict[str, Any]:
    """The JSON Schema of an incident file, for editors and `postmortem schema`."""
    schema = Incident.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"postmortem-kb/incident-v{SCHEMA_VERSION}.json"
    return schema
