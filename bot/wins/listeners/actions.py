""" "Share in channel" under a small win: posted once, by its owner only."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.wins.service import share_win


def handle_share_win(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    value = str(action.get("value", ""))
    if not value.isdigit():
        return
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        share_win(
            uow,
            team_id=team_of(context),
            user_id=body["user"]["id"],
            win_id=int(value),
            response_url=body.get("response_url"),
            now=dependencies.clock.now(),
        )
