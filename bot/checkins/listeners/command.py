"""``/checkin``: enrol, leave, change the time, days, working hours or pause, see the settings,
or enrol a channel. Every answer goes in the ack, privately."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.checkins.blocks.answers import pulse_answer, settings_answer
from bot.checkins.service.answers import member_today
from bot.checkins.service.channels import TeamRequest, ask_for_channel, stop_inviting
from bot.checkins.service.enrolment import PauseProblem, apply_request
from bot.checkins.service.pulse import team_pulse
from bot.checkins.service.records import enrolled_channel
from bot.checkins.text import Action, CheckinProblem, CheckinRequest, parse_checkin_text
from bot.core.listeners.dependencies import Dependencies, dependencies_of
from bot.core.listeners.workspace import installed_command
from bot.core.localtime import FALLBACK_ZONE, format_local_time
from bot.core.phrases import phrase
from bot.core.profiles import MemberProfile
from bot.core.slack.blocks import Answer
from bot.core.slack.payloads import is_direct_conversation
from bot.core.store.unit_of_work import UnitOfWork
from bot.members.directory import MemberDirectory
from bot.members.service.hours import set_working_hours


def handle_checkin_command(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
    command = installed_command(command, context)
    dependencies = dependencies_of(context)
    parsed = parse_checkin_text(command.get("text", ""))
    if isinstance(parsed, CheckinProblem):
        answer = Answer.of_text(phrase(f"checkin.problems.{parsed.key}", text=parsed.text))
    elif parsed.action in (Action.TEAM, Action.TEAM_OFF):
        answer = _team(dependencies, command, off=parsed.action is Action.TEAM_OFF)
    elif parsed.action is Action.PULSE:
        answer = _pulse(dependencies, command)
    elif parsed.action is Action.HOURS and parsed.hours is not None:
        answer = _set_hours(dependencies, command, parsed.hours)
    else:
        answer = _change_own(dependencies, command, parsed)
    ack(**answer.as_ack())


def _change_own(
    dependencies: Dependencies, command: dict[str, Any], request: CheckinRequest
) -> Answer:
    team_id, user_id = command["team_id"], command["user_id"]
    now = dependencies.clock.now()
    fallback = MemberProfile.unknown(team_id, user_id)
    try:
        settings = dependencies.service(MemberDirectory).with_people(
            dependencies.unit_of_work,
            team_id,
            [user_id],
            lambda uow, people: apply_request(
                uow, people.get(user_id) or fallback, request, now=now
            ),
        )
    except PauseProblem as problem:
        return Answer.of_text(phrase(f"checkin.problems.{problem.key}"))
    return settings_answer(request.action, settings)


def _set_hours(
    dependencies: Dependencies, command: dict[str, Any], hours: tuple[int, int]
) -> Answer:
    """The member's own working hours (the members feature keeps them)."""
    team_id, user_id = command["team_id"], command["user_id"]
    now, (starts, ends) = dependencies.clock.now(), hours
    fallback = MemberProfile.unknown(team_id, user_id)
    now_set = dependencies.service(MemberDirectory).with_people(
        dependencies.unit_of_work,
        team_id,
        [user_id],
        lambda uow, people: set_working_hours(
            uow, people.get(user_id) or fallback, starts=starts, ends=ends, now=now
        ),
    )
    shown = f"{format_local_time(now_set.starts)}-{format_local_time(now_set.ends)}"
    return Answer.of_text(
        phrase("checkin.answers.hours", hours=shown, tz=now_set.tz or FALLBACK_ZONE)
    )


def _team(dependencies: Dependencies, command: dict[str, Any], *, off: bool) -> Answer:
    """Ask for the channel (a tick checks and counts, then the asker confirms), or stop it
    inviting newcomers."""
    team_id, user_id = command["team_id"], command["user_id"]
    channel_id = command.get("channel_id") or ""
    if is_direct_conversation(channel_id, command.get("channel_name")):
        return Answer.of_text(phrase("checkin.answers.team_not_here"))
    now, response_url = dependencies.clock.now(), command.get("response_url")
    fallback = MemberProfile.unknown(team_id, user_id)

    def change(uow: UnitOfWork, people: dict[str, MemberProfile | None]) -> TeamRequest:
        member = people.get(user_id) or fallback
        if off:
            return stop_inviting(uow, member, channel_id)
        return ask_for_channel(uow, member, channel_id, response_url=response_url, now=now)

    outcome = dependencies.service(MemberDirectory).with_people(
        dependencies.unit_of_work, team_id, [user_id], change
    )
    key = "off_not_allowed" if outcome is TeamRequest.NOT_ALLOWED else outcome
    return Answer.of_text(phrase(f"checkin.team.{key}"))


def _pulse(dependencies: Dependencies, command: dict[str, Any]) -> Answer:
    """The channel's anonymous pulse, shown to the caller only."""
    team_id, channel_id = command["team_id"], command.get("channel_id") or ""
    with dependencies.unit_of_work() as uow:
        if enrolled_channel(uow, team_id, channel_id) is None:
            return pulse_answer(channel_id, None)
        today = member_today(uow, team_id, command["user_id"], dependencies.clock.now())
        return pulse_answer(channel_id, team_pulse(uow, team_id, channel_id, today=today))
