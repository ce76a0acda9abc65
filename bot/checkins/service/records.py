"""Check-in records other code reads and keeps: a member's schedule and answers (for the Home,
the weekly recap, personal break reminders, the export) and the channels enrolled as a team."""

from __future__ import annotations

from datetime import date, datetime

from bot.checkins.models import Checkin, CheckinChannel, CheckinSchedule
from bot.checkins.repository.answers import CheckinAnswerRepository, CheckinScheduleRepository
from bot.checkins.values import DEACTIVATED, CheckinStatus
from bot.core.localtime import local_today
from bot.core.store.unit_of_work import UnitOfWork


def checkin_schedule(uow: UnitOfWork, team_id: str, user_id: str) -> CheckinSchedule | None:
    """The member's check-in schedule (any status), if they have one."""
    return uow.repository(CheckinScheduleRepository).get(team_id, user_id)


def asked_to_be_left_alone(uow: UnitOfWork, team_id: str, user_id: str, now: datetime) -> bool:
    """Whether, as their check-in schedule says, the member said "Not for me", is on a pause, or
    has left the workspace: nothing scheduled should reach them now."""
    schedule = checkin_schedule(uow, team_id, user_id)
    if schedule is None:
        return False
    if schedule.status == CheckinStatus.OPTED_OUT or schedule.stopped_reason == DEACTIVATED:
        return True
    return on_pause(uow, team_id, user_id, now)


def on_pause(uow: UnitOfWork, team_id: str, user_id: str, now: datetime) -> bool:
    """Whether the member paused their check-ins (a holiday) and the pause still runs."""
    schedule = checkin_schedule(uow, team_id, user_id)
    if schedule is None or schedule.resume_on is None:
        return False
    return schedule.resume_on > local_today(now, schedule.tz)


def answer_on(uow: UnitOfWork, team_id: str, user_id: str, local_date: date) -> Checkin | None:
    """The member's answer for ``local_date``, if they gave one."""
    return uow.repository(CheckinAnswerRepository).get(team_id, user_id, local_date)


def energies_since(
    uow: UnitOfWork, team_id: str, user_id: str, since: date
) -> list[tuple[date, int]]:
    """``(local date, energy)`` of the member's answers since ``since``, oldest first."""
    return uow.repository(CheckinAnswerRepository).energies_since(team_id, user_id, since)


def enrolled_channel(uow: UnitOfWork, team_id: str, channel_id: str) -> CheckinChannel | None:
    """The channel's enrolment in the team check-in (``/checkin team``), if any."""
    return uow.repository(CheckinScheduleRepository).channel(team_id, channel_id)


def left_channel(uow: UnitOfWork, team_id: str, channel_id: str, user_id: str) -> None:
    """Someone left an enrolled channel: its pulse no longer counts them."""
    uow.repository(CheckinScheduleRepository).forget_channel_member(team_id, channel_id, user_id)
