"""The kudos modal was submitted: field errors back to the modal, or the kudos is given."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack import ids
from bot.core.slack.payloads import private_metadata
from bot.kudos.blocks.answers import given_answer, refusal_text
from bot.kudos.blocks.shoutout import kudos_sent_view
from bot.kudos.listeners.flow import decide
from bot.kudos.service import (
    KudosRefused,
    KudosRequest,
    KudosRulesCache,
    Refusal,
    Source,
)
from bot.kudos.text import escape_mrkdwn

MESSAGE_REFUSALS = frozenset({Refusal.MESSAGE_TOO_LONG, Refusal.DAILY_LIMIT})


def handle_kudos_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    dependencies = dependencies_of(context)
    now = dependencies.clock.now()
    team_id = team_of(context)
    giver_id = body["user"]["id"]
    state = view["state"]["values"]
    metadata = private_metadata(view)
    chosen = state[ids.KUDOS_PEOPLE_BLOCK][ids.KUDOS_PEOPLE_ACTION].get("selected_users") or []
    raw_message = (
        state[ids.KUDOS_MESSAGE_BLOCK][ids.KUDOS_MESSAGE_ACTION].get("value") or ""
    ).strip()
    picked = state.get(ids.KUDOS_VALUES_BLOCK, {}).get(ids.KUDOS_VALUES_ACTION, {})
    rules = dependencies.service(KudosRulesCache).get(dependencies.unit_of_work, team_id, now=now)
    request = KudosRequest(
        team_id=team_id,
        giver_id=giver_id,
        recipient_ids=tuple(dict.fromkeys(chosen)),
        message=escape_mrkdwn(raw_message),
        message_length=len(raw_message),
        values=tuple(
            option["value"]
            for option in picked.get("selected_options") or []
            if option["value"] in rules.values
        ),
        source=Source.MODAL,
        channel_id=metadata.get("channel_id"),
        can_post_in_channel=bool(metadata.get("can_post")),
        app_user_id=context.bot_user_id,
    )
    outcome = decide(dependencies, request, rules=rules, now=now)
    dependencies.outbox_written()
    if isinstance(outcome, KudosRefused):
        block = (
            ids.KUDOS_MESSAGE_BLOCK
            if outcome.reason in MESSAGE_REFUSALS
            else ids.KUDOS_PEOPLE_BLOCK
        )
        text = refusal_text(outcome, now=now, message_length=request.message_length)
        ack(response_action="errors", errors={block: text})
        return
    confirmation = given_answer(outcome)
    ack(response_action="update", view=kudos_sent_view(confirmation.text))
