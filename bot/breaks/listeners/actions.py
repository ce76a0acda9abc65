""" "I took a break" and "Snooze today" on a break reminder."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.breaks.service.reminders import posted_reminder, snooze_today, took_a_break
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack.payloads import message_of_action

logger = logging.getLogger(__name__)


def handle_took_a_break(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    """Counted once per person and reminder, however often it is pressed."""
    ack()
    _on_reminder(body, action, context, snooze=False)


def handle_snooze_today(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    _on_reminder(body, action, context, snooze=True)


def _on_reminder(
    body: dict[str, Any], action: dict[str, Any], context: BoltContext, *, snooze: bool
) -> None:
    message = message_of_action(body)
    value = str(action.get("value", ""))
    if message is None or not value.isdigit():
        logger.warning("A break reminder button carried %r", action.get("value"))
        return
    dependencies = dependencies_of(context)
    team_id, user_id, now = team_of(context), body["user"]["id"], dependencies.clock.now()
    with dependencies.unit_of_work() as uow:
        reminder = posted_reminder(uow, team_id, int(value))
        if reminder is None:
            return
        if snooze:
            snooze_today(uow, reminder, user_id, message=message, now=now)
        else:
            took_a_break(uow, reminder, user_id, message=message, now=now)
