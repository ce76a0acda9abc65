"""The buttons on a kudos DM: "Say thank you" (one thank-you to the giver, however often it is
pressed) and "Pass it on"."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack.payloads import message_of_action
from bot.kudos.blocks.shoutout import NO_CHANNEL
from bot.kudos.listeners.flow import modal_metadata, open_kudos_modal, workspace_values
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


def handle_pass_it_on(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """ "Pass it on" on a kudos DM: the kudos form, to thank someone else (its shout-out goes to
    the channel the kudos came from)."""
    ack()
    dependencies = dependencies_of(context)
    team_id = team_of(context)
    channel = action.get("value")
    channel_id = channel if isinstance(channel, str) and channel != NO_CHANNEL else None
    open_kudos_modal(
        client,
        trigger_id=body["trigger_id"],
        values=workspace_values(dependencies, team_id, now=dependencies.clock.now()),
        initial_user_ids=(),
        metadata=modal_metadata(channel_id, None),
    )
