"""Renderers of break reminders' outbox messages (pure: payload in, message out)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.breaks import kinds
from bot.breaks.blocks import changed_text, reminder_blocks
from bot.breaks.slots import Window
from bot.core.outbox.rendered import RenderedMessage, Renderer
from bot.core.phrases import break_prompt, phrase
from bot.core.slack.blocks import text_blocks


def _reminder(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        text=break_prompt(payload["prompt"]),
        blocks=reminder_blocks(
            prompt=payload["prompt"],
            reminder_id=payload["reminder_id"],
            taken=payload.get("taken", 0),
            snoozed_by=payload.get("snoozed_by"),
            personal=bool(payload.get("personal")),
        ),
    )


def _updated(payload: Mapping[str, Any], permalink: str | None) -> RenderedMessage:
    shown = _reminder(payload, permalink)
    return RenderedMessage(text=shown.text, blocks=shown.blocks, extra={"ts": payload["ts"]})


def _changed(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    start, end = payload["window"]
    text = changed_text(
        who=payload["who"],
        on=bool(payload["on"]),
        interval=payload["interval"],
        window=Window(start, end),
        workdays=payload["workdays"],
        tz=payload["tz"],
    )
    return RenderedMessage(text=text, blocks=text_blocks(text))


def _paused(payload: Mapping[str, Any], _permalink: str | None) -> RenderedMessage:
    text = phrase("breaks.paused_dm", channel=payload["channel_id"], reason=payload["reason"])
    return RenderedMessage(text=text, blocks=text_blocks(text))


BREAK_RENDERERS: dict[str, Renderer] = {
    kinds.BREAK_REMINDER: _reminder,
    kinds.BREAK_UPDATED: _updated,
    kinds.BREAKS_CHANGED: _changed,
    kinds.BREAKS_PAUSED: _paused,
}
