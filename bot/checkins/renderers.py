"""Renderers of the check-in's outbox messages (pure: payload in, message out)."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from bot.checkins import kinds
from bot.checkins.blocks.checkin import AnswerView, checkin_blocks, welcome_blocks, welcome_text
from bot.checkins.service.answers import LOW_ENERGY, MIDDLE_ENERGY
from bot.core.localtime import format_local_time, format_workdays, zone
from bot.core.outbox.rendered import EPHEMERAL_REPLY, RenderedMessage, Renderer
from bot.core.phrases import phrase, pick
from bot.core.slack.blocks import text_blocks

SUGGESTIONS = ("rest", "outside", "boundary", "talk")


def when(due_utc: datetime, tz: str | None) -> str:
    """A moment in the member's own time: ``Thu 26 Nov at 09:30 (Europe/Berlin)``."""
    local = due_utc.astimezone(zone(tz))
    return phrase(
        "checkin.answers.next_format",
        weekday=local.strftime("%a"),
        day=local.day,
        month=local.strftime("%b"),
        time=local.strftime("%H:%M"),
        tz=tz or "UTC",
    )


def greeting(user_id: str, local_date: str) -> str:
    """Varied by person and day, and the same when the message is updated."""
    return pick("checkin.greetings", f"{user_id}:{local_date}", name=f"<@{user_id}>")


def answer_view(payload: Mapping[str, Any]) -> AnswerView:
    """The answer as shown, with a warm reply (and, on a low day, one suggestion)."""
    seed = f"{payload['user_id']}:{payload['local_date']}:{payload.get('energy')}"
    energy, need = payload.get("energy"), payload.get("need")
    reply = suggestion = None
    if energy is not None:
        bucket = "low" if energy <= LOW_ENERGY else "middle" if energy == MIDDLE_ENERGY else "high"
        reply = pick(f"checkin.replies.{bucket}", seed)
        if energy <= LOW_ENERGY:
            key = SUGGESTIONS[zlib.crc32(seed.encode()) % len(SUGGESTIONS)]
            suggestion = phrase(f"checkin.suggestions.{key}")
    elif need is not None:
        reply = pick("checkin.replies.need", seed)
    return AnswerView(
        energy=energy,
        need=need,
        has_note=bool(payload.get("has_note")),
        skipped=bool(payload.get("skipped")),
        reply=reply,
        suggestion=suggestion,
    )


def _checkin(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    day = date.fromisoformat(payload["local_date"])
    return RenderedMessage(
        text=phrase("checkin.fallback"),
        blocks=checkin_blocks(
            local_date=day,
            greeting=greeting(payload["user_id"], payload["local_date"]),
            answer=None,
        ),
    )


def _answered(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    day = date.fromisoformat(payload["local_date"])
    return RenderedMessage(
        text=phrase("checkin.fallback"),
        blocks=checkin_blocks(
            local_date=day,
            greeting=greeting(payload["user_id"], payload["local_date"]),
            answer=answer_view(payload),
        ),
        extra={"ts": payload["ts"]},
    )


def _welcome(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    inviter, channel = payload.get("inviter_id"), payload["channel_id"]
    return RenderedMessage(
        text=welcome_text(inviter, channel),
        blocks=welcome_blocks(
            inviter_id=inviter,
            channel_id=channel,
            time=format_local_time(payload["local_minute"]),
            days=format_workdays(payload["workdays"]),
        ),
    )


def _day_passed(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    day = date.fromisoformat(payload["day"]).strftime("%A %d %B")
    next_due = payload.get("next_due")
    if next_due:
        text = phrase(
            "checkin.passed", day=day, next=when(datetime.fromisoformat(next_due), payload["tz"])
        )
    else:
        text = phrase("checkin.passed_no_next", day=day)
    return RenderedMessage(text=text, blocks=text_blocks(text), extra=dict(EPHEMERAL_REPLY))


def _opted_out(_payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase("checkin.welcome.not_for_me_done")
    return RenderedMessage(text=text, blocks=text_blocks(text), extra={"replace_original": True})


def _care(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase("checkin.care.text", name=f"<@{payload['user_id']}>")
    if payload.get("support_link"):
        text += "\n" + phrase("checkin.care.support", link=payload["support_link"])
    return RenderedMessage(text=text, blocks=text_blocks(text))


def _channel_not_enrolled(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase(
        "checkin.answers.team_failed", channel=payload["channel_id"], reason=payload["reason"]
    )
    return RenderedMessage(text=text, blocks=text_blocks(text))


CHECKIN_RENDERERS: dict[str, Renderer] = {
    kinds.CHECKIN: _checkin,
    kinds.CHECKIN_ANSWERED: _answered,
    kinds.CHECKIN_WELCOME: _welcome,
    kinds.CHECKIN_NOTICE: _day_passed,
    kinds.CHECKIN_OPTED_OUT: _opted_out,
    kinds.CHECKIN_CARE: _care,
    kinds.CHANNEL_NOT_ENROLLED: _channel_not_enrolled,
}
