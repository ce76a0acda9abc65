"""Steps the kudos command, modal and shortcut share."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.listeners.dependencies import Dependencies
from bot.core.slack.payloads import can_post_in
from bot.kudos.blocks.shoutout import kudos_modal
from bot.kudos.service import (
    KudosOutcome,
    KudosRequest,
    WorkspaceKudosRules,
    check_request,
    give_kudos,
)
from bot.members.directory import MemberDirectory

logger = logging.getLogger(__name__)


def open_kudos_modal(
    client: WebClient,
    *,
    trigger_id: str,
    values: Sequence[str],
    initial_user_ids: Sequence[str],
    metadata: dict[str, Any],
) -> bool:
    """Open the kudos modal: the one Slack call a listener makes itself (the trigger expires
    in 3 s). True when Slack opened it."""
    view = kudos_modal(values=values, initial_user_ids=initial_user_ids, metadata=metadata)
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except (SlackApiError, OSError) as error:
        logger.warning("Could not open the kudos modal: %s", error)
        return False
    return True


def modal_metadata(channel_id: str | None, channel_name: str | None) -> dict[str, Any]:
    """What the modal carries to its submission: where it came from, and whether the bot can
    post there."""
    return {"channel_id": channel_id, "can_post": can_post_in(channel_id, channel_name)}


def decide(
    dependencies: Dependencies,
    request: KudosRequest,
    *,
    rules: WorkspaceKudosRules,
    now: datetime,
) -> KudosOutcome:
    """Refuse what needs nobody's details; otherwise look people up (see
    :meth:`MemberDirectory.with_people`) and give the kudos."""
    refusal = check_request(request)
    if refusal is not None:
        return refusal
    return dependencies.service(MemberDirectory).with_people(
        dependencies.unit_of_work,
        request.team_id,
        {request.giver_id, *request.recipient_ids},
        lambda uow, people: give_kudos(uow, request, rules=rules, people=people, now=now),
    )
