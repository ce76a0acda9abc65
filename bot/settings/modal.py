"""Opening the admins' settings form, for ``/kindling settings`` (help's command), and who may
use it; the settings listeners save what it sends."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.listeners.dependencies import Dependencies
from bot.core.phrases import phrase
from bot.core.profiles import MemberProfile
from bot.core.slack.blocks import Answer
from bot.core.store.unit_of_work import UnitOfWork
from bot.members.directory import MemberDirectory
from bot.settings.blocks import settings_modal
from bot.settings.service import may_change_settings, read_settings

logger = logging.getLogger(__name__)


def is_admin(dependencies: Dependencies, team_id: str, user_id: str) -> bool:
    """Whether ``user_id`` may change the workspace's settings."""

    def check(uow: UnitOfWork, people: dict[str, MemberProfile | None]) -> bool:
        member = people.get(user_id) or MemberProfile.unknown(team_id, user_id)
        return may_change_settings(uow, member)

    return dependencies.service(MemberDirectory).with_people(
        dependencies.unit_of_work, team_id, [user_id], check
    )


def open_settings(
    dependencies: Dependencies, client: WebClient, command: dict[str, Any]
) -> Answer | None:
    """Open the form for an admin (None: opened); anyone else gets a kind refusal."""
    team_id = command["team_id"]
    if not is_admin(dependencies, team_id, command["user_id"]):
        return Answer.of_text(phrase("settings.not_admin"))
    with dependencies.unit_of_work() as uow:
        view = settings_modal(read_settings(uow, team_id))
    try:
        client.views_open(trigger_id=command["trigger_id"], view=view)
    except (SlackApiError, OSError) as error:
        logger.warning("Could not open the settings form: %s", error)
        return Answer.of_text(phrase("settings.open_failed"))
    return None
