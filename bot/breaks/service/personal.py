"""Personal break reminders: DMs on a member's own check-in days, within their working hours,
in their own zone, following what the directory learns about them."""

from __future__ import annotations

from datetime import datetime

from bot.breaks.models import BreakSchedule
from bot.breaks.repository import BreakRepository, member_scope
from bot.breaks.service.schedules import (
    DEACTIVATED,
    new_schedule,
    reschedule,
    settings_for,
    touch,
)
from bot.breaks.slots import personal_window
from bot.breaks.values import BreakSettings, BreakStatus
from bot.checkins.service.records import checkin_schedule
from bot.core.localtime import MONDAY_TO_FRIDAY
from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWork
from bot.home.service import refresh_home


def personal_on(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> BreakSettings:
    """DMs on the member's own check-in days, in their working hours, in their own zone."""
    checkin = checkin_schedule(uow, member.team_id, member.user_id)
    workdays = checkin.workdays if checkin is not None else MONDAY_TO_FRIDAY
    schedule = uow.repository(BreakRepository).by_scope(
        member.team_id, member_scope(member.user_id)
    )
    if schedule is None:
        uow.workspaces.ensure(member.team_id, now=now)
        scope = member_scope(member.user_id)
        schedule = new_schedule(
            member.team_id, scope, member.user_id, by=member, workdays=workdays, now=now
        )
        schedule.personal = True
        uow.repository(BreakRepository).add(schedule)
    schedule.workdays, schedule.tz = workdays, member.tz or schedule.tz
    hours = uow.repository(BreakRepository).working_hours_of(member.team_id, member.user_id)
    schedule.window_start, schedule.window_end = personal_window(*hours)
    schedule.status = BreakStatus.ON
    touch(schedule, now)
    reschedule(schedule, now)
    refresh_home(uow, member.team_id, member.user_id, now=now)
    return settings_for(schedule)


def personal_off(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> None:
    schedule = uow.repository(BreakRepository).by_scope(
        member.team_id, member_scope(member.user_id)
    )
    if schedule is not None:
        schedule.status = BreakStatus.OFF
        touch(schedule, now)
        reschedule(schedule, now)
        refresh_home(uow, member.team_id, member.user_id, now=now)


def personal_breaks_on(uow: UnitOfWork, team_id: str, user_id: str) -> bool:
    """Whether the member's personal break reminders are on."""
    schedule = uow.repository(BreakRepository).by_scope(team_id, member_scope(user_id))
    return schedule is not None and schedule.status == BreakStatus.ON


def follow_member(  # noqa: PLR0913  # keyword-only: what the directory learnt about the person
    uow: UnitOfWork,
    team_id: str,
    user_id: str,
    *,
    now: datetime,
    tz: str | None = None,
    workdays: int | None = None,
    deactivated: bool | None = None,
    hours: tuple[int, int] | None = None,
) -> None:
    """Personal reminders keep to the member's own zone, check-in days and working hours, and
    stop while they are deactivated (``None``: that part did not change)."""
    schedule = uow.repository(BreakRepository).by_scope(team_id, member_scope(user_id))
    if schedule is None:
        return
    before = _what_slots_follow(schedule)
    schedule.tz = tz or schedule.tz
    schedule.workdays = workdays or schedule.workdays
    if hours is not None:
        schedule.window_start, schedule.window_end = personal_window(*hours)
    if deactivated and schedule.status == BreakStatus.ON:
        schedule.status, schedule.paused_reason = BreakStatus.PAUSED, DEACTIVATED
    elif deactivated is False and schedule.paused_reason == DEACTIVATED:
        schedule.status, schedule.paused_reason = BreakStatus.ON, None
    if _what_slots_follow(schedule) != before:  # else a due slot stays
        touch(schedule, now)
        reschedule(schedule, now)


def _what_slots_follow(schedule: BreakSchedule) -> tuple[object, ...]:
    return (
        schedule.tz,
        schedule.workdays,
        schedule.status,
        schedule.window_start,
        schedule.window_end,
    )
