"""``/win shipped my first PR``: a small win, kept privately, shareable once."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.phrases import phrase
from bot.core.slack.blocks import Answer
from bot.core.slack.payloads import can_post_in
from bot.wins.blocks import celebration
from bot.wins.service import WinRefused, record_win


def handle_win_command(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
    dependencies = dependencies_of(context)
    channel_id = command.get("channel_id")
    with dependencies.unit_of_work() as uow:
        outcome = record_win(
            uow,
            team_id=team_of(context),
            user_id=command["user_id"],
            text=command.get("text", ""),
            channel_id=channel_id,
            can_post_in_channel=can_post_in(channel_id, command.get("channel_name")),
            now=dependencies.clock.now(),
        )
    if isinstance(outcome, WinRefused):
        ack(**Answer.of_text(phrase(f"wins.problems.{outcome.key}")).as_ack())
        return
    ack(
        **celebration(
            win_id=outcome.win_id, text=outcome.text, can_share=outcome.can_share
        ).as_ack()
    )
