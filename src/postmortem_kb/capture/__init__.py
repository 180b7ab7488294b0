"""`postmortem draft`: an incident's own records (chat export, pager log, alerts, status
page, a CSV) → one draft incident file with its timeline merged and its times proposed.

One module per source format (`slack`, `pagerduty`, `alerts`, `statuspage`,
`csv_events`), each producing a `Record` (`records`); `merge` orders the events and
proposes the incident's times; `draft_yaml` writes the file's text; `run` ties them
together and writes it, never over an existing file.
"""

from __future__ import annotations

from .records import CaptureError, CaptureProblem, Event, Record
from .run import DraftRequest, DraftResult, archive_zone, draft, format_summary, window_moment
from .slack import ChatOptions

__all__ = [
    "CaptureError",
    "CaptureProblem",
    "ChatOptions",
    "DraftRequest",
    "DraftResult",
    "Event",
    "Record",
    "archive_zone",
    "draft",
    "format_summary",
    "window_moment",
]
