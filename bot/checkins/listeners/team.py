"""The asker's buttons under ``/checkin team``'s count: "Invite N" and "Cancel"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.checkins.service.channels import ChannelRequest, cancel_channel, confirm_channel
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.store.unit_of_work import UnitOfWork


def handle_team_confirm(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    _choose(body, action, context, confirm_channel)


def handle_team_cancel(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    _choose(body, action, context, cancel_channel)


def _choose(
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    choose: Callable[[UnitOfWork, ChannelRequest, datetime], bool],
) -> None:
    """Only the asker's own press counts; a second press, or someone else's, changes nothing."""
    channel_id = str(action.get("value") or "")
    if not channel_id:
        return
    dependencies = dependencies_of(context)
    choice = ChannelRequest(
        team_of(context), channel_id, body["user"]["id"], body.get("response_url")
    )
    with dependencies.unit_of_work() as uow:
        choose(uow, choice, dependencies.clock.now())
