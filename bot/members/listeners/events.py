"""Keep the member directory fresh from ``team_join`` and ``user_change``."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack.payloads import member_profile
from bot.members.service import remember_member


def handle_member_update(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    """A person joined or changed their profile (name, time zone, deactivation)."""
    dependencies = dependencies_of(context)
    profile = member_profile(event["user"], team_id=team_of(context))
    with dependencies.unit_of_work() as uow:
        remember_member(uow, profile, now=dependencies.clock.now())
