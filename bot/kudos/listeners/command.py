"""``/kudos @colleague for ... #value``: a shout-out, or the modal when there is no text."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.phrases import phrase
from bot.core.slack.blocks import text_blocks
from bot.core.slack.payloads import can_post_in
from bot.kudos.blocks.answers import outcome_answer
from bot.kudos.listeners.flow import decide, modal_metadata, open_kudos_modal
from bot.kudos.service import KudosRequest, KudosRulesCache, Source
from bot.kudos.text import parse_kudos_text, visible_length


def handle_kudos_command(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """Validate, record the kudos and its outbox messages in one transaction, then ack;
    with no text, open the kudos modal."""
    dependencies = dependencies_of(context)
    now = dependencies.clock.now()
    team_id, giver_id = team_of(context), command["user_id"]
    channel_id, channel_name = command.get("channel_id"), command.get("channel_name")
    text = command.get("text", "")
    rules = dependencies.service(KudosRulesCache).get(dependencies.unit_of_work, team_id, now=now)
    if text.strip():
        parsed = parse_kudos_text(text, known_values=rules.values)
        request = KudosRequest(
            team_id=team_id,
            giver_id=giver_id,
            recipient_ids=parsed.recipient_ids,
            message=parsed.message,
            message_length=visible_length(parsed.message),
            values=parsed.values,
            source=Source.COMMAND,
            channel_id=channel_id,
            can_post_in_channel=can_post_in(channel_id, channel_name),
            response_url=command.get("response_url") or None,
            has_mass_mention=parsed.has_mass_mention,
            plain_at_names=parsed.plain_at_names,
            app_user_id=context.bot_user_id,
        )
        outcome = decide(dependencies, request, rules=rules, now=now)
        dependencies.outbox_written()
        answer = outcome_answer(
            outcome,
            now=now,
            plain_names=parsed.plain_at_names,
            message_length=request.message_length,
        )
        ack(**answer.as_ack())
        return
    opened = open_kudos_modal(
        client,
        trigger_id=command["trigger_id"],
        values=rules.values,
        initial_user_ids=(),
        metadata=modal_metadata(channel_id, channel_name),
    )
    if opened:
        ack()
    else:
        failed = phrase("kudos.modal_open_failed")
        ack(response_type="ephemeral", text=failed, blocks=text_blocks(failed))
