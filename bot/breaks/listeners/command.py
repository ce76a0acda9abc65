"""``/breaks``: break reminders in a channel, or personal ones by DM."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.breaks.blocks import personal_on_text, status_text
from bot.breaks.service.claims import claim_slot
from bot.breaks.service.personal import personal_off, personal_on
from bot.breaks.service.schedules import (
    channel_off,
    channel_on,
    channel_schedule,
    schedule_of_channel,
    settings_of,
)
from bot.breaks.text import BreaksAction, BreaksProblem, BreaksRequest, parse_breaks_text
from bot.core.listeners.dependencies import Dependencies, dependencies_of
from bot.core.listeners.workspace import installed_command
from bot.core.localtime import local_today
from bot.core.phrases import break_prompt_keys, phrase
from bot.core.profiles import MemberProfile
from bot.core.slack.blocks import Answer
from bot.core.slack.payloads import is_direct_conversation
from bot.core.store.unit_of_work import UnitOfWork
from bot.members.directory import MemberDirectory

CHANNEL_ACTIONS = frozenset(
    {BreaksAction.ON, BreaksAction.OFF, BreaksAction.NOW, BreaksAction.STATUS}
)


def handle_breaks_command(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
    command = installed_command(command, context)
    dependencies = dependencies_of(context)
    parsed = parse_breaks_text(command.get("text", ""))
    if isinstance(parsed, BreaksProblem):
        answer: Answer | None = Answer.of_text(
            phrase(f"breaks.problems.{parsed.key}", text=parsed.text)
        )
    elif parsed.action is BreaksAction.HELP:
        answer = Answer.of_text(phrase("breaks.help"))
    elif parsed.action in CHANNEL_ACTIONS:
        answer = _in_channel(dependencies, command, parsed)
    else:
        answer = _personal(dependencies, command, on=parsed.action is BreaksAction.ME_ON)
    ack(**answer.as_ack()) if answer is not None else ack()


def _in_channel(
    dependencies: Dependencies, command: dict[str, Any], request: BreaksRequest
) -> Answer | None:
    """A channel's reminders; None when the quiet line in the channel is the answer."""
    channel_id, channel_name = command.get("channel_id") or "", command.get("channel_name") or ""
    if is_direct_conversation(channel_id, channel_name):
        return Answer.of_text(phrase("breaks.problems.not_a_channel"))
    if channel_name == "privategroup":  # what Slack says of a private channel Kindling is not in
        return Answer.of_text(phrase("breaks.problems.invite_me"))
    team_id, now = command["team_id"], dependencies.clock.now()

    def act(uow: UnitOfWork, people: dict[str, MemberProfile | None]) -> Answer | None:
        by = people.get(command["user_id"]) or MemberProfile.unknown(team_id, command["user_id"])
        if request.action is BreaksAction.ON:
            channel_on(uow, team_id, channel_id, by=by, request=request, now=now)
            return None
        if request.action is BreaksAction.OFF:
            stopped = channel_off(uow, team_id, channel_id, by=by, now=now)
            return None if stopped else _status(uow, team_id, channel_id, now)
        if request.action is BreaksAction.NOW:
            schedule = channel_schedule(uow, team_id, channel_id, by=by, now=now)
            claim_slot(uow, schedule, now, prompt_keys=break_prompt_keys(), now=now)
            return Answer.of_text(phrase("breaks.now_sent"))
        return _status(uow, team_id, channel_id, now)

    return dependencies.service(MemberDirectory).with_people(
        dependencies.unit_of_work, team_id, [command["user_id"]], act
    )


def _status(uow: UnitOfWork, team_id: str, channel_id: str, now: datetime) -> Answer:
    schedule = schedule_of_channel(uow, team_id, channel_id)
    today = local_today(now, schedule.tz) if schedule is not None else None
    return Answer.of_text(status_text(settings_of(schedule), today_local=today))


def _personal(dependencies: Dependencies, command: dict[str, Any], *, on: bool) -> Answer:
    team_id, user_id, now = command["team_id"], command["user_id"], dependencies.clock.now()

    def act(uow: UnitOfWork, people: dict[str, MemberProfile | None]) -> Answer:
        member = people.get(user_id) or MemberProfile.unknown(team_id, user_id)
        if on:
            return Answer.of_text(personal_on_text(personal_on(uow, member, now=now)))
        personal_off(uow, member, now=now)
        return Answer.of_text(phrase("breaks.me_off"))

    return dependencies.service(MemberDirectory).with_people(
        dependencies.unit_of_work, team_id, [user_id], act
    )
