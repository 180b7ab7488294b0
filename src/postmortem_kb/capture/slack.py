"""Slack's standard export (its folder, or the .zip Slack hands out): `channels.json`,
`users.json` and a folder per channel holding one JSON file per day (`2026-03-14.json`, a
list of messages with `ts`, `user`, `text`, `subtype`, `reactions`, `pinned_to`, `edited`,
`thread_ts`).

PATH is the export's root (with `channel`, unless it holds one channel) or a channel's
folder. Only the day files around the time window are opened. Left out, and counted:
joins and leaves, bot posts, channel housekeeping (topic, purpose, pins), deleted
messages and messages that are only emoji. Pinned messages and those carrying the flag
reaction (`pushpin` unless told) are always kept, whoever posted them; the rest of the
conversation only when asked (`everything`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..importers.vocabulary import guess_event_kind
from .records import Event, Problems, Record, entries, epoch_instant, mapping
from .slack_files import ExportFiles, is_export

__all__ = ["ChatOptions", "is_export", "read_export"]
_JOINS = frozenset(("channel_join", "channel_leave", "group_join", "group_leave"))
_HOUSEKEEPING = frozenset(
    ("channel_topic", "channel_purpose", "channel_name", "pinned_item", "unpinned_item",
     "channel_archive", "channel_unarchive", "reminder_add", "bot_add", "bot_remove")
)  # fmt: skip
_EMOJI_ONLY = re.compile(r"^(?:\s*:[a-z0-9_+\-']+:\s*)+$")
_MARKUP = re.compile(r"<([@#!])?([^<>|]*)(?:\|([^<>]*))?>")


@dataclass(frozen=True)
class ChatOptions:
    channel: str | None = None
    """The channel's name (without #) when PATH is the export's root."""
    since: datetime | None = None
    until: datetime | None = None
    flag: str = "pushpin"
    """The reaction that marks a message for the timeline."""
    everything: bool = False
    """Keep every human message in the window, not only the pinned and flagged ones."""
    workspace_url: str = ""
    """`https://<workspace>.slack.com`, for a link to the channel (the export omits it)."""


def _channel(files: ExportFiles, options: ChatOptions, problems: Problems) -> str | None:
    if files.channel is not None:
        return files.channel
    channels = files.channels()
    if options.channel:
        name = options.channel.lstrip("#")
        if name in channels:
            return name
        problems.add("", f"no channel '{name}' in this export (it has: {', '.join(channels[:20])})")
        return None
    if len(channels) == 1:
        return channels[0]
    problems.add("", f"the export holds {len(channels)} channels; name one with --channel")
    return None


def read_export(path: Path, options: ChatOptions, problems: Problems) -> Record:
    files = ExportFiles.open(path)
    try:
        return _read(files, options, problems)
    finally:
        files.close()


def _read(files: ExportFiles, options: ChatOptions, problems: Problems) -> Record:
    channel = _channel(files, options, problems)
    if channel is None:
        return Record("Slack")
    record = Record(f"Slack #{channel}")
    names, bots = _users(files, problems)
    _channel_link(files, channel, options, record, problems)
    reading = _Reading(options, record, names, bots)
    # A day file follows the workspace's clock, not UTC: a day either side of the window.
    first = options.since.date() - timedelta(days=1) if options.since else date.min
    last = options.until.date() + timedelta(days=1) if options.until else date.max
    for name in files.days(channel, first, last):
        messages, day_problems = files.read(name)
        if messages is not None:
            for where, message in entries(messages, "", day_problems):
                reading.message(message, where.lstrip("."), day_problems)
        problems.found += day_problems.found
    record.events.sort(key=lambda event: (event.at, event.order))
    record.counts = reading.counts
    return record


def _users(files: ExportFiles, problems: Problems) -> tuple[dict[str, str], set[str]]:
    """user id → name as the export gives it (real name, else display name, else handle);
    and the ids of bot users."""
    if not files.has("users.json"):
        return {}, set()
    data, file_problems = files.read("users.json")
    names: dict[str, str] = {}
    bots: set[str] = set()
    for _, user in entries(data if data is not None else [], "", file_problems):
        user_id = user.get("id")
        if not isinstance(user_id, str):
            continue
        profile = mapping(user.get("profile"))
        for candidate in (profile.get("real_name"), user.get("real_name"),
                          profile.get("display_name"), user.get("name")):  # fmt: skip
            if isinstance(candidate, str) and candidate.strip():
                names[user_id] = candidate.strip()
                break
        if user.get("is_bot") or user_id == "USLACKBOT":
            bots.add(user_id)
    problems.found += file_problems.found
    return names, bots


def _channel_link(
    files: ExportFiles, name: str, options: ChatOptions, record: Record, problems: Problems
) -> None:
    channel_id = ""
    if files.has("channels.json"):
        data, file_problems = files.read("channels.json")
        for _, channel in entries(data if data is not None else [], "", file_problems):
            if channel.get("name") == name and isinstance(channel.get("id"), str):
                channel_id = channel["id"]
        problems.found += file_problems.found
    if options.workspace_url and channel_id:
        url = f"{options.workspace_url.rstrip('/')}/archives/{channel_id}"
        record.links.append((f"Chat channel #{name}", url))
    else:
        why = "the export names no workspace: give --slack-url" if channel_id else "no id"
        record.notes.append(f"no link to #{name} ({channel_id or 'channel'}): {why}")


@dataclass
class _Reading:
    """One channel's messages being read: what is kept, and what is left out by reason."""

    options: ChatOptions
    record: Record
    names: dict[str, str]
    bots: set[str]
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, reason: str) -> None:
        self.counts[reason] = self.counts.get(reason, 0) + 1

    def message(self, message: dict[str, Any], where: str, problems: Problems) -> None:
        subtype = message.get("subtype")
        if subtype == "message_changed" and isinstance(message.get("message"), dict):
            message = {**message["message"], "ts": message["message"].get("ts", message.get("ts"))}
            subtype = message.get("subtype")
        moment = epoch_instant(message.get("ts"))
        if moment is None:
            shown = "missing" if message.get("ts") is None else f"'{str(message.get('ts'))[:30]}'"
            problems.add(
                f"{where}.ts", f"{shown}: expected Slack's seconds since 1970 ('1710406800.000200')"
            )
            return
        self.count("messages read")
        if (self.options.since and moment < self.options.since) or (
            self.options.until and moment > self.options.until
        ):
            self.count("outside the time window")
            return
        pinned = bool(message.get("pinned_to") or message.get("pinned_info"))
        flagged = any(
            isinstance(r, dict) and str(r.get("name", "")).split("::")[0] == self.options.flag
            for r in message.get("reactions") or []
        )
        text = _plain(message.get("text"), self.names)
        is_bot = subtype == "bot_message" or "bot_id" in message or message.get("user") in self.bots
        reason = _left_out(message, text, is_bot=is_bot, marked=pinned or flagged,
                           everything=self.options.everything)  # fmt: skip
        if reason:
            self.count(reason)
            return
        if not text:
            text = "(a pinned message with no text)"
        who = _author(message, self.names)
        marks = [mark for mark, on in (("pinned", pinned), ("flagged", flagged)) if on]
        if message.get("thread_ts") and message.get("thread_ts") != message.get("ts"):
            marks.append("in a thread")
        if isinstance(message.get("edited"), dict):
            marks.append("edited")
        suffix = f" ({', '.join(marks)})" if marks else ""
        self.count("kept")
        event = Event(moment, guess_event_kind(text), f"{who}: {text}{suffix}", self.record.source,
                      guessed=True, order=len(self.record.events))  # fmt: skip
        self.record.events.append(event)


def _left_out(
    message: dict[str, Any], text: str, *, is_bot: bool, marked: bool, everything: bool
) -> str:
    """Why a message stays out of the timeline ('' when it goes in): pinned and flagged
    messages go in whoever posted them, unless they are joins or housekeeping."""
    subtype = message.get("subtype")
    if subtype in _JOINS:
        return "joins and leaves"
    if subtype in ("message_deleted", "tombstone") or message.get("hidden"):
        return "deleted messages"
    if subtype in _HOUSEKEEPING:
        return "channel housekeeping (topic, pins)"
    if marked:
        return ""
    if is_bot:
        return "bot posts"
    if not text or _EMOJI_ONLY.match(text):
        return "emoji or reaction only"
    return "" if everything else "conversation (not pinned or flagged)"


def _author(message: dict[str, Any], names: dict[str, str]) -> str:
    user = message.get("user")
    if isinstance(user, str) and user in names:
        return names[user]
    profile = mapping(message.get("user_profile"))
    bot = mapping(message.get("bot_profile"))
    for candidate in (profile.get("real_name"), profile.get("display_name"),
                      message.get("username"), bot.get("name"), user):  # fmt: skip
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()
    return "someone"


def _plain(value: Any, names: dict[str, str]) -> str:
    """Slack's markup as plain text: `<@U1>` → `@Ana Lima`, `<url|label>` → `label (url)`."""
    if not isinstance(value, str):
        return ""

    def swap(match: re.Match[str]) -> str:
        sigil, target, shown = match[1], match[2], match[3]
        if sigil == "@":
            return f"@{shown or names.get(target, target)}"
        if sigil == "#":
            return f"#{shown or target}"
        if sigil == "!":
            return (shown or f"@{target.split('^')[0]}").strip()
        return f"{shown} ({target})" if shown and shown != target else target

    return " ".join(html.unescape(_MARKUP.sub(swap, value)).split())
