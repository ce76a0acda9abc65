"""What the giver sees right away (ephemeral): confirmation, or why nothing was sent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.core.localtime import format_local_date
from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.core.slack.blocks import BUTTON_VALUE_LIMIT, Answer, message_blocks, text_blocks
from bot.kudos.blocks.shoutout import mention, people
from bot.kudos.values import (
    MAX_MESSAGE_LENGTH,
    MAX_RECIPIENTS,
    KudosGiven,
    KudosOutcome,
    KudosRefused,
    LeftOut,
    Refusal,
)


def outcome_answer(
    outcome: KudosOutcome,
    *,
    now: datetime,
    plain_names: Sequence[str] = (),
    message_length: int = 0,
    message: str = "",
) -> Answer:
    """The giver's answer to a kudos they asked for; a kudos to themselves is offered as a
    small win (``message`` rides on the button, which Slack lets carry 2,000 characters)."""
    if isinstance(outcome, KudosRefused):
        text = refusal_text(
            outcome, now=now, plain_names=plain_names, message_length=message_length
        )
        if outcome.reason is Refusal.ONLY_YOURSELF and message.strip():
            return Answer(text, _keep_as_win_blocks(text, message))
        return Answer(text, text_blocks(text))
    return given_answer(outcome)


def _keep_as_win_blocks(text: str, message: str) -> list[dict[str, Any]]:
    keep = ButtonElement(
        text=phrase("kudos.keep_as_win"),
        action_id=ids.WIN_FROM_KUDOS,
        value=message[:BUTTON_VALUE_LIMIT],
        style="primary",
    )
    return message_blocks(
        [
            SectionBlock(text=MarkdownTextObject(text=text)),
            ActionsBlock(block_id="kudos_keep_as_win", elements=[keep]),
        ]
    )


def given_answer(outcome: KudosGiven) -> Answer:
    key = "kudos.repeated" if outcome.repeated else "kudos.given"
    lines = [phrase(key, recipients=people(outcome.recipient_ids))]
    lines += [f"• {left_out_text(user_id, reason)}" for user_id, reason in outcome.left_out]
    text = "\n".join(lines)
    return Answer(text, text_blocks(text))


def refusal_text(
    refusal: KudosRefused,
    *,
    now: datetime,
    plain_names: Sequence[str] = (),
    message_length: int = 0,
    names: Mapping[str, str] | None = None,
) -> str:
    """Why nothing was sent, kindly, with what to do instead; with ``names``, people are
    written by name (a modal's error is plain text, where a mention shows as ``<@U…>``)."""
    key = f"kudos.refused.{refusal.reason.value}"
    match refusal.reason:
        case Refusal.PLAIN_NAMES:
            return phrase(key, names=", ".join(f"@{name}" for name in plain_names))
        case Refusal.MASS_MENTION | Refusal.TOO_MANY_RECIPIENTS:
            return phrase(key, limit=MAX_RECIPIENTS)
        case Refusal.MESSAGE_TOO_LONG:
            return phrase(key, length=message_length, limit=MAX_MESSAGE_LENGTH)
        case Refusal.NOBODY_LEFT:
            reasons = "; ".join(
                left_out_text(user_id, why, names=names) for user_id, why in refusal.left_out
            )
            return phrase(key, reasons=reasons[:1].upper() + reasons[1:] + "." if reasons else "")
        case Refusal.DAILY_LIMIT:
            resets_at = refusal.resets_at or now
            return phrase(
                key,
                limit=refusal.limit,
                resets_at=f"{resets_at:%H:%M} on {format_local_date(resets_at.date())}",
                resets_in=_duration(resets_at.astimezone(UTC) - now.astimezone(UTC)),
            )
        case _:
            return phrase(key)


def left_out_text(user_id: str, reason: LeftOut, *, names: Mapping[str, str] | None = None) -> str:
    person = names.get(user_id, user_id) if names is not None else mention(user_id)
    return phrase(f"kudos.left_out.{reason.value}", person=person)


def _duration(delta: timedelta) -> str:
    minutes = max(1, int(delta.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"
