"""``/kudos @colleague for ... #value``: a shout-out, or the modal when there is no text."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.phrases import phrase
from bot.core.slack.blocks import text_blocks
from bot.core.slack.payloads import can_post_in
from bot.kudos.blocks.answers import outcome_answer
from bot.kudos.listeners.flow import decide, modal_metadata, open_kudos_modal, workspace_values
from bot.kudos.service import KudosRequest, Source, WorkspaceKudosRules
from bot.kudos.text import parse_kudos_text, visible_length


def handle_kudos_command(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """Record the kudos and its outbox messages in one transaction, then ack with the
    outcome; with no text, open the kudos modal."""
    dependencies = dependencies_of(context)
    now = dependencies.clock.now()
    team_id = team_of(context)
    if command.get("text", "").strip():
        request_for = partial(command_request, command, team_id, context.bot_user_id)
        request, outcome = decide(dependencies, team_id, request_for, now=now)
        answer = outcome_answer(
            outcome,
            now=now,
            plain_names=request.plain_at_names,
            message_length=request.message_length,
            message=request.message,
        )
        ack(**answer.as_ack())
        return
    channel_id, channel_name = command.get("channel_id"), command.get("channel_name")
    opened = open_kudos_modal(
        client,
        trigger_id=command["trigger_id"],
        values=workspace_values(dependencies, team_id, now=now),
        initial_user_ids=(),
        metadata=modal_metadata(channel_id, channel_name),
    )
    if opened:
        ack()
    else:
        failed = phrase("kudos.modal_open_failed")
        ack(response_type="ephemeral", text=failed, blocks=text_blocks(failed))


def command_request(
    command: dict[str, Any], team_id: str, app_user_id: str | None, rules: WorkspaceKudosRules
) -> KudosRequest:
    """The command's text, parsed once with the workspace's value tags."""
    parsed = parse_kudos_text(command.get("text", ""), known_values=rules.values)
    channel_id = command.get("channel_id")
    return KudosRequest(
        team_id=team_id,
        giver_id=command["user_id"],
        recipient_ids=parsed.recipient_ids,
        message=parsed.message,
        message_length=visible_length(parsed.message),
        values=parsed.values,
        source=Source.COMMAND,
        channel_id=channel_id,
        can_post_in_channel=can_post_in(channel_id, command.get("channel_name")),
        response_url=command.get("response_url") or None,
        has_mass_mention=parsed.has_mass_mention,
        plain_at_names=parsed.plain_at_names,
        app_user_id=app_user_id,
    )
