""" "Share in channel" under a small win (posted once, by its owner only), and "Keep it as a
win" under a kudos someone wrote to themselves."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack.payloads import can_post_in
from bot.wins.service import SelfKudos, keep_as_win, share_win


def handle_keep_as_win(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    dependencies = dependencies_of(context)
    channel = body.get("channel") or {}
    channel_id = channel.get("id")
    kudos = SelfKudos(
        team_id=team_of(context),
        user_id=body["user"]["id"],
        text=str(action.get("value", "")),
        channel_id=channel_id,
        can_post_in_channel=can_post_in(channel_id, channel.get("name")),
        response_url=body.get("response_url"),
        action_ts=str(action.get("action_ts", "")),
    )
    with dependencies.unit_of_work() as uow:
        keep_as_win(uow, kudos, now=dependencies.clock.now())


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
