"""Taps on the check-in DM (energy, need, note, skip) and on the welcome ("Not for me")."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.checkins.blocks.checkin import note_modal
from bot.checkins.service.answers import (
    AnswerChange,
    CheckinMessage,
    answer_checkin,
    member_today,
    tell_day_passed,
)
from bot.checkins.service.consent import opt_out
from bot.checkins.service.records import answer_on
from bot.checkins.values import ENERGY_LEVELS, NEEDS
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack.payloads import checkin_choice, message_of_action

logger = logging.getLogger(__name__)


def handle_energy(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    choice = checkin_choice(action.get("value"))
    level = choice[1] if choice else ""
    if choice is None or not level.isdigit() or int(level) not in ENERGY_LEVELS:
        logger.warning("An energy button carried %r", action.get("value"))
        return
    _answer(body, action, context, choice[0], AnswerChange(energy=int(level)))


def handle_need(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    choice = checkin_choice((action.get("selected_option") or {}).get("value"))
    if choice is None or choice[1] not in NEEDS:
        logger.warning("A need option carried %r", action.get("selected_option"))
        return
    _answer(body, action, context, choice[0], AnswerChange(need=choice[1]))


def handle_skip(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    choice = checkin_choice(action.get("value"))
    if choice is not None:
        _answer(body, action, context, choice[0], AnswerChange(skipped=True))


def handle_add_note(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """Open the note form (the trigger expires in 3 s, so this is the one direct call)."""
    ack()
    choice, message = checkin_choice(action.get("value")), _message(body, action)
    if choice is None or message is None:
        return
    dependencies = dependencies_of(context)
    team_id, user_id, now = team_of(context), body["user"]["id"], dependencies.clock.now()
    with dependencies.unit_of_work() as uow:
        passed = choice[0] != member_today(uow, team_id, user_id, now)
        if passed:
            tell_day_passed(
                uow, team_id=team_id, user_id=user_id, day=choice[0], message=message, now=now
            )
        checkin = answer_on(uow, team_id, user_id, choice[0])
    if passed:
        return
    note = checkin.note if checkin else None
    view = note_modal(
        local_date=choice[0], channel_id=message.channel_id, message_ts=message.ts, note=note
    )
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except (SlackApiError, OSError) as error:
        logger.warning("Could not open the check-in note form: %s", error)


def handle_not_for_me(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        opt_out(
            uow,
            team_of(context),
            body["user"]["id"],
            response_url=body.get("response_url"),
            now=dependencies.clock.now(),
        )


def _answer(
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    local_date: date,
    change: AnswerChange,
) -> None:
    message = _message(body, action)
    if message is None:
        return
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        answer_checkin(
            uow,
            team_id=team_of(context),
            user_id=body["user"]["id"],
            local_date=local_date,
            change=change,
            message=message,
            now=dependencies.clock.now(),
        )


def _message(body: dict[str, Any], action: dict[str, Any]) -> CheckinMessage | None:
    where = message_of_action(body)
    if where is None:
        return None
    return CheckinMessage(
        channel_id=where[0],
        ts=where[1],
        response_url=body.get("response_url"),
        action_ts=str(action.get("action_ts") or where[1]),
    )
