"""The member opened Kindling's Home tab: publish it, fresh."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.home.service import refresh_home


def handle_app_home_opened(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    if event.get("tab", "home") != "home":
        return  # the Messages tab
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        refresh_home(
            uow,
            team_of(context),
            event["user"],
            now=dependencies.clock.now(),
        )
