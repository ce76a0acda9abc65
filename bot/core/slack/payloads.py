"""Pure functions that read Slack payloads into plain values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.core.profiles import MemberProfile


def event_id_of(body: Mapping[str, Any]) -> str | None:
    """The ``event_id`` of an Events API callback, or None for anything else. (Which
    workspace it is for is :mod:`bot.core.slack.identity`'s question, not the envelope's.)"""
    if body.get("type") != "event_callback":
        return None
    event_id = body.get("event_id")
    return event_id if isinstance(event_id, str) else None


def member_profile(user: Mapping[str, Any], *, team_id: str) -> MemberProfile:
    """A directory entry from a Slack user object (``users.info``, ``user_change``...)."""
    profile = user.get("profile") or {}
    display_name = (
        profile.get("display_name")
        or profile.get("real_name")
        or user.get("real_name")
        or user.get("name")
        or user["id"]
    )
    return MemberProfile(
        team_id=team_id,
        user_id=user["id"],
        display_name=str(display_name),
        tz=user.get("tz") or None,
        is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
        deleted=bool(user.get("deleted")),
        is_admin=any(bool(user.get(flag)) for flag in ("is_admin", "is_owner", "is_primary_owner")),
    )


def can_post_in(channel_id: str | None, channel_name: str | None) -> bool:
    """False for conversations a bot cannot post in without being added: DMs, group DMs and
    private channels (Slack names them ``directmessage``, ``mpdm-...`` and ``privategroup``)."""
    if not channel_id or channel_id.startswith("D"):
        return False
    name = channel_name or ""
    return name not in {"directmessage", "privategroup"} and not name.startswith("mpdm-")


def is_direct_conversation(channel_id: str | None, channel_name: str | None) -> bool:
    """A DM or group DM (not a channel) where a command was typed."""
    name = channel_name or ""
    return (channel_id or "").startswith("D") or name == "directmessage" or name.startswith("mpdm-")


def is_person_writing_to_app(event: Mapping[str, Any]) -> bool:
    """A new message a person wrote in a DM with the app (not an edit, a deletion, a bot's
    message or the app's own reply)."""
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and isinstance(event.get("user"), str)
        and isinstance(event.get("channel"), str)
    )


def is_slash_command(body: Mapping[str, Any]) -> bool:
    return isinstance(body.get("command"), str)


def checkin_choice(value: object) -> tuple[date, str] | None:
    """``(day, choice)`` from a check-in control's value ``2026-11-25|3``; None if malformed."""
    if not isinstance(value, str):
        return None
    day, _, choice = value.partition("|")
    try:
        return date.fromisoformat(day), choice
    except ValueError:
        return None


def message_of_action(body: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(channel, ts)`` of the message whose button was pressed."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return (channel, ts) if isinstance(channel, str) and isinstance(ts, str) else None


def private_metadata(view: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON object a modal carried in ``private_metadata`` (empty if none or malformed)."""
    try:
        loaded = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
