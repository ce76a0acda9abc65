"""Someone joined a channel enrolled with ``/checkin team`` (invite them too), or left it
(its team pulse stops counting them)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.checkins.jobs import enrol_people
from bot.checkins.service.records import enrolled_channel, left_channel
from bot.checkins.values import ChannelEnrolment
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.members.directory import MemberDirectory


def handle_member_joined_channel(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    dependencies = dependencies_of(context)
    team_id = team_of(context)
    channel_id, user_id = event["channel"], event["user"]
    with dependencies.unit_of_work() as uow:
        enrolled = enrolled_channel(uow, team_id, channel_id)
        inviting = enrolled is not None and enrolled.status == ChannelEnrolment.INVITES
        invited_by = enrolled.enrolled_by if enrolled is not None else None
    if not inviting:  # not confirmed yet, or ``/checkin team off``
        return
    enrol_people(
        dependencies.service(MemberDirectory),
        dependencies.unit_of_work,
        team_id,
        channel_id,
        [user_id],
        invited_by=invited_by,
        now=dependencies.clock.now(),
    )


def handle_member_left_channel(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    """Their own check-ins go on (they chose them); the channel's pulse no longer counts them."""
    dependencies = dependencies_of(context)
    team_id = team_of(context)
    with dependencies.unit_of_work() as uow:
        left_channel(uow, team_id, event["channel"], event["user"])
