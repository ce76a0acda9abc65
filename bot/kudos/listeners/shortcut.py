"""The "Send kudos" message shortcut: the modal, pre-filled with the message's author."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.kudos.listeners.flow import modal_metadata, open_kudos_modal, workspace_values


def handle_send_kudos_shortcut(
    ack: Ack, shortcut: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    dependencies = dependencies_of(context)
    team_id = team_of(context)
    giver_id = shortcut["user"]["id"]
    message = shortcut.get("message") or {}
    author = message.get("user")
    initial = [author] if author and author != giver_id and not message.get("bot_id") else []
    channel = shortcut.get("channel") or {}
    now = dependencies.clock.now()
    open_kudos_modal(
        client,
        trigger_id=shortcut["trigger_id"],
        values=workspace_values(dependencies, team_id, now=now),
        initial_user_ids=initial,
        metadata=modal_metadata(channel.get("id"), channel.get("name")),
    )
