"""Someone wrote to Kindling in its Messages tab (``message.im``): a kind answer with the
help. What they wrote is neither read nor kept."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack.payloads import is_person_writing_to_app
from bot.help.service import answer_direct_message


def handle_direct_message(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    if not is_person_writing_to_app(event):
        return  # edits, deletions, bots, Kindling's own replies
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        answer_direct_message(
            uow,
            team_id=team_of(context),
            channel_id=str(event["channel"]),
            event_id=str(body["event_id"]),
            now=dependencies.clock.now(),
        )
