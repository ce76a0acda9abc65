"""Steps the kudos command, modal and shortcut share."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
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
    KudosRulesCache,
    WorkspaceKudosRules,
    check_request,
    give_kudos,
)
from bot.members.directory import MemberDirectory
from bot.members.service import known_members

logger = logging.getLogger(__name__)


def open_kudos_modal(
    client: WebClient,
    *,
    trigger_id: str,
    values: Sequence[str],
    initial_user_ids: Sequence[str],
    metadata: dict[str, Any],
) -> bool:
    """Open the kudos modal (a listener calls Slack itself here: the trigger expires in 3 s).
    True when Slack opened it."""
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
    team_id: str,
    request_for: Callable[[WorkspaceKudosRules], KudosRequest],
    *,
    now: datetime,
) -> tuple[KudosRequest, KudosOutcome]:
    """Read the workspace's rules, make the request with them (parsed once), check it once,
    and give the kudos, all in one unit of work.

    When someone is missing from the member directory, Slack is asked (``users.info``)
    before anything is written, with the unit of work stepping aside meanwhile.
    """
    with dependencies.unit_of_work() as uow:
        rules = dependencies.service(KudosRulesCache).get(uow, team_id, now=now)
        request = request_for(rules)
        refused = check_request(request)
        if refused is not None:  # nobody's details needed: no lookups, nothing written
            return request, refused
        people = dependencies.service(MemberDirectory).people(
            uow, team_id, {request.giver_id, *request.recipient_ids}
        )
        return request, give_kudos(uow, request, rules=rules, people=people, now=now)


def workspace_values(dependencies: Dependencies, team_id: str, *, now: datetime) -> tuple[str, ...]:
    """The workspace's value tags, for a modal about to open."""
    with dependencies.unit_of_work() as uow:
        return dependencies.service(KudosRulesCache).get(uow, team_id, now=now).values


def display_names(
    dependencies: Dependencies, team_id: str, user_ids: Sequence[str]
) -> dict[str, str]:
    """The directory's display names of ``user_ids`` (for plain text, where a mention shows
    as its raw ``<@U…>``)."""
    if not user_ids:
        return {}
    with dependencies.unit_of_work() as uow:
        found = known_members(uow, team_id, user_ids)
    return {user_id: row.display_name for user_id, row in found.items()}
