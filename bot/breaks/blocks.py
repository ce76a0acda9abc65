"""Block Kit and texts for break reminders: the reminder, its count, and the settings lines."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.breaks.slots import Window
from bot.breaks.values import BreakSettings, BreakStatus
from bot.checkins.values import when
from bot.core.localtime import format_local_time, format_workdays
from bot.core.phrases import break_prompt, phrase
from bot.core.slack import ids
from bot.core.slack.blocks import message_blocks


def reminder_blocks(
    *, prompt: str, reminder_id: int, taken: int, snoozed_by: str | None, personal: bool
) -> list[dict[str, Any]]:
    """A reminder: the prompt, how many took a break, and "I took a break" / "Snooze today"."""
    if taken == 0:
        count = phrase("breaks.nobody_yet")
    elif taken == 1:
        count = phrase("breaks.count_one")
    else:
        count = phrase("breaks.count_many", count=taken)
    notes = [count]
    if snoozed_by:  # never who: a channel's reminder names nobody for resting
        notes.append(phrase("breaks.snoozed"))
    if personal:
        notes.append(phrase("breaks.personal_footer"))
    buttons = [
        ButtonElement(
            text=phrase("breaks.took_break"),
            action_id=ids.BREAK_TOOK,
            value=str(reminder_id),
            style="primary",
        )
    ]
    if not snoozed_by:
        buttons.append(
            ButtonElement(
                text=phrase("breaks.snooze"), action_id=ids.BREAK_SNOOZE, value=str(reminder_id)
            )
        )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=break_prompt(prompt))),
        ContextBlock(elements=[MarkdownTextObject(text=note) for note in notes]),
        ActionsBlock(block_id="break_buttons", elements=buttons),
    ]
    return message_blocks(blocks)


def window_text(window: Window) -> str:
    return f"{format_local_time(window.start)}-{format_local_time(window.end)}"


def _fields(settings: BreakSettings) -> dict[str, object]:
    next_slot = settings.next_slot
    return {
        "interval": settings.interval,
        "window": window_text(settings.window),
        "days": format_workdays(settings.workdays),
        "tz": settings.tz,
        "next": when(next_slot, settings.tz) if next_slot else "—",
    }


def status_text(settings: BreakSettings | None, *, today_local: date | None = None) -> str:
    """``/breaks status``: the schedule and the next reminder in the channel's zone."""
    if settings is None or settings.status not in {BreakStatus.ON, BreakStatus.PAUSED}:
        return phrase("breaks.status_off")
    if settings.status == BreakStatus.PAUSED:
        return phrase("breaks.status_paused", reason=settings.paused_reason or "")
    text = phrase("breaks.status_on", **_fields(settings))
    if settings.snoozed_on is not None and settings.snoozed_on == today_local:
        text += "\n" + phrase("breaks.status_snoozed", next=_fields(settings)["next"])
    return text


def personal_on_text(settings: BreakSettings) -> str:
    return phrase("breaks.me_on", **_fields(settings))


def changed_text(  # noqa: PLR0913  # keyword-only: each setting the line names
    *, who: str, on: bool, interval: int, window: Window, workdays: int, tz: str
) -> str:
    """The quiet line in the channel after a change."""
    if not on:
        return phrase("breaks.changed_off", who=f"<@{who}>")
    return phrase(
        "breaks.changed_on",
        who=f"<@{who}>",
        interval=interval,
        window=window_text(window),
        days=format_workdays(workdays),
        tz=tz,
    )
