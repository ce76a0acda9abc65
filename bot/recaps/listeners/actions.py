""" "Turn off weekly recap" on the recap DM: one tap."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.recaps.service.weekly import set_recap


def handle_recap_off(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        set_recap(
            uow,
            team_of(context),
            body["user"]["id"],
            on=action.get("value") != "off",
            response_url=body.get("response_url"),
            now=dependencies.clock.now(),
        )
