"""The kudos modal was submitted: field errors back to the modal, or the kudos is given."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack import ids
from bot.core.slack.payloads import private_metadata
from bot.kudos.blocks.answers import given_answer, refusal_text
from bot.kudos.blocks.shoutout import kudos_sent_view
from bot.kudos.listeners.flow import decide, display_names
from bot.kudos.service import (
    KudosRefused,
    KudosRequest,
    Refusal,
    Source,
    WorkspaceKudosRules,
)
from bot.kudos.text import escape_mrkdwn

MESSAGE_REFUSALS = frozenset({Refusal.MESSAGE_TOO_LONG, Refusal.DAILY_LIMIT})


def handle_kudos_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    """Give the kudos in one transaction; a refusal goes back to the field it is about."""
    dependencies = dependencies_of(context)
    now = dependencies.clock.now()
    team_id = team_of(context)
    request_for = partial(modal_request, body, view, team_id, context.bot_user_id)
    request, outcome = decide(dependencies, team_id, request_for, now=now)
    if isinstance(outcome, KudosRefused):
        block = (
            ids.KUDOS_MESSAGE_BLOCK
            if outcome.reason in MESSAGE_REFUSALS
            else ids.KUDOS_PEOPLE_BLOCK
        )
        names = display_names(dependencies, team_id, [user for user, _ in outcome.left_out])
        text = refusal_text(outcome, now=now, message_length=request.message_length, names=names)
        ack(response_action="errors", errors={block: text})
        return
    confirmation = given_answer(outcome)
    ack(response_action="update", view=kudos_sent_view(confirmation.text))


def modal_request(
    body: dict[str, Any],
    view: dict[str, Any],
    team_id: str,
    app_user_id: str | None,
    rules: WorkspaceKudosRules,
) -> KudosRequest:
    """The modal's fields as a request; only the workspace's own values are kept."""
    state = view["state"]["values"]
    metadata = private_metadata(view)
    chosen = state[ids.KUDOS_PEOPLE_BLOCK][ids.KUDOS_PEOPLE_ACTION].get("selected_users") or []
    raw_message = (
        state[ids.KUDOS_MESSAGE_BLOCK][ids.KUDOS_MESSAGE_ACTION].get("value") or ""
    ).strip()
    picked = state.get(ids.KUDOS_VALUES_BLOCK, {}).get(ids.KUDOS_VALUES_ACTION, {})
    return KudosRequest(
        team_id=team_id,
        giver_id=body["user"]["id"],
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
        app_user_id=app_user_id,
    )
