"""Taking part by a channel's choice, and leaving for good: the one-time welcome to people a
channel enrolled, "Not for me", and people Slack says cannot be reached."""

from __future__ import annotations

from datetime import datetime

from bot.breaks.service.schedules import UNREACHABLE_PERSON
from bot.checkins.messages import (
    CHECKIN_OPTED_OUT,
    CHECKIN_WELCOME,
    CheckinOptedOutPayload,
    CheckinWelcomePayload,
)
from bot.checkins.repository.answers import CheckinScheduleRepository
from bot.checkins.service.enrolment import reschedule
from bot.checkins.values import CheckinStatus
from bot.core.localtime import FALLBACK_ZONE, MONDAY_TO_FRIDAY, next_occurrence
from bot.core.outbox.delivery import Delivery
from bot.core.profiles import MemberProfile
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.recaps.service.weekly import ensure_recap


def enrol_from_channel(
    uow: UnitOfWork,
    member: MemberProfile,
    *,
    channel_id: str,
    invited_by: str | None,
    now: datetime,
) -> bool:
    """Enrol someone a channel brought in, with a one-time welcome DM; never a bot, a
    deactivated person, or anyone who already chose (on, off, or "Not for me")."""
    if member.is_bot or member.deleted:
        return False
    default_minute = uow.workspaces.checkin_default_minute(member.team_id)
    upcoming = next_occurrence(
        now, tz=member.tz, local_minute=default_minute, workdays=MONDAY_TO_FRIDAY
    )
    added = uow.repository(CheckinScheduleRepository).add_if_absent(
        {
            "team_id": member.team_id,
            "user_id": member.user_id,
            "status": CheckinStatus.ON,
            "tz": member.tz or FALLBACK_ZONE,
            "local_minute": default_minute,
            "workdays": MONDAY_TO_FRIDAY,
            "next_due_utc": upcoming.due_utc if upcoming else None,
            "next_local_date": upcoming.local_date if upcoming else None,
            "joined_via": channel_id,
            "created_at": now,
            "updated_at": now,
        }
    )
    if added:
        ensure_recap(uow, member, now=now)
        welcome = CheckinWelcomePayload(
            user_id=member.user_id,
            channel_id=channel_id,
            inviter_id=invited_by,
            local_minute=default_minute,
            workdays=MONDAY_TO_FRIDAY,
        )
        uow.outbox.add(
            CHECKIN_WELCOME.message(welcome, team_id=member.team_id, channel=member.user_id),
            now=now,
        )
    return added


def opt_out(
    uow: UnitOfWork, team_id: str, user_id: str, *, response_url: str | None, now: datetime
) -> None:
    """ "Not for me": out for good; no channel enrolment brings them back, only they can.
    The welcome message is replaced to say so."""
    schedule = uow.repository(CheckinScheduleRepository).get(team_id, user_id)
    if schedule is not None:
        schedule.status = CheckinStatus.OPTED_OUT
        schedule.updated_at = now
        reschedule(schedule, now)
    if response_url:
        uow.outbox.add(
            CHECKIN_OPTED_OUT.message(
                CheckinOptedOutPayload(response_url=response_url),
                team_id=team_id,
                channel=None,  # a response_url is not a channel: no per-channel pacing
                user_id=user_id,
                at=now.isoformat(),
            ),
            now=now,
        )


def on_checkin_delivered(
    uow: UnitOfWork, message: OutboxMessage, delivery: Delivery, _now: datetime
) -> None:
    """A check-in or welcome Slack refused because the person cannot get DMs at all
    (deactivated, unknown, a bot): stop scheduling them. Other failures stay per day."""
    if not delivery.delivered and delivery.error in UNREACHABLE_PERSON and message.channel:
        uow.repository(CheckinScheduleRepository).stop(
            message.team_id, message.channel, reason=delivery.error
        )
