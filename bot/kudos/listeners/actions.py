""" "Say thank you" on a kudos DM: one thank-you to the giver, however often it is pressed."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack.payloads import message_of_action
from bot.kudos.service import say_thanks

logger = logging.getLogger(__name__)


def handle_say_thanks(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    try:
        kudos_id = int(action["value"])
    except (KeyError, ValueError):
        logger.warning("A thank-you button carried no kudos id: %r", action.get("value"))
        return
    dependencies = dependencies_of(context)
    dm_channel, dm_ts = message_of_action(body) or (None, None)
    with dependencies.unit_of_work() as uow:
        say_thanks(
            uow,
            team_id=team_of(context),
            kudos_id=kudos_id,
            recipient_id=body["user"]["id"],
            dm_channel=dm_channel,
            dm_ts=dm_ts,
            now=dependencies.clock.now(),
        )
