"""A member's own check-in: turning it on and off, its time, days and pauses, and keeping
its schedule in step with Slack's profile (channel enrolment and "Not for me": ``consent``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TypeVar

from bot.breaks.service.personal import follow_member as follow_in_breaks
from bot.breaks.service.schedules import UNREACHABLE_PERSON
from bot.checkins.messages import CHECKIN
from bot.checkins.models import CheckinSchedule
from bot.checkins.repository.answers import CheckinScheduleRepository
from bot.checkins.text import MAX_PAUSE_DAYS, Action, CheckinRequest
from bot.checkins.values import DEACTIVATED, CheckinSettings, CheckinStatus
from bot.core.localtime import (
    FALLBACK_ZONE,
    MONDAY_TO_FRIDAY,
    Occurrence,
    local_today,
    next_occurrence,
)
from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWork
from bot.home.service import refresh_home
from bot.recaps.service.weekly import ensure_recap

T = TypeVar("T")


class PauseProblem(Exception):  # noqa: N818  # a refusal told to the member, not a fault
    """A pause date in the past or too far ahead; ``key`` names the phrase."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def settings_of(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> CheckinSettings:
    """The member's settings; the workspace defaults (off) if they never had a schedule."""
    schedule = uow.repository(CheckinScheduleRepository).get(member.team_id, member.user_id)
    if schedule is not None:
        return _settings(schedule, now)
    return CheckinSettings(
        status=CheckinStatus.OFF,
        tz=member.tz or FALLBACK_ZONE,
        local_minute=uow.workspaces.checkin_default_minute(member.team_id),
        workdays=MONDAY_TO_FRIDAY,
        resume_on=None,
        next_checkin=None,
    )


def apply_request(
    uow: UnitOfWork, member: MemberProfile, request: CheckinRequest, *, now: datetime
) -> CheckinSettings:
    """Carry out a member's ``/checkin`` request about their own check-in."""
    change = _CHANGES.get(request.action)
    if change is None:
        return settings_of(uow, member, now=now)
    settings = change(uow, member, request, now)
    refresh_home(uow, member.team_id, member.user_id, now=now)
    return settings


def turn_on(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> CheckinSettings:
    """Enrol (or re-enrol, also after "Not for me") by the member's own choice."""
    schedule = _schedule_for(uow, member, now=now)
    schedule.status = CheckinStatus.ON
    schedule.stopped_reason = None
    ensure_recap(uow, member, now=now)
    return reschedule_for_member(uow, schedule, now)


def turn_off(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> CheckinSettings:
    schedule = _schedule_for(uow, member, now=now)
    schedule.status = CheckinStatus.OFF
    return reschedule(schedule, now)


def set_time(
    uow: UnitOfWork, member: MemberProfile, local_minute: int, *, now: datetime
) -> CheckinSettings:
    schedule = _schedule_for(uow, member, now=now)
    schedule.local_minute = local_minute
    return reschedule_for_member(uow, schedule, now)


def set_workdays(
    uow: UnitOfWork, member: MemberProfile, workdays: int, *, now: datetime
) -> CheckinSettings:
    schedule = _schedule_for(uow, member, now=now)
    schedule.workdays = workdays
    follow_in_breaks(uow, schedule.team_id, schedule.user_id, workdays=workdays, now=now)
    return reschedule_for_member(uow, schedule, now)


def pause_for(
    uow: UnitOfWork, member: MemberProfile, days: int, *, now: datetime
) -> CheckinSettings:
    """No check-in today nor for ``days - 1`` more days: it comes back on today + ``days``."""
    today = local_today(now, member.tz)
    return pause_until(uow, member, today + timedelta(days=days), now=now)


def pause_until(
    uow: UnitOfWork, member: MemberProfile, resume_on: date, *, now: datetime
) -> CheckinSettings:
    """Check-ins come back on ``resume_on`` (the member's local date)."""
    today = local_today(now, member.tz)
    if resume_on <= today:
        raise PauseProblem("pause_date_past")
    if resume_on > today + timedelta(days=MAX_PAUSE_DAYS):
        raise PauseProblem("pause_too_long")
    schedule = _schedule_for(uow, member, now=now)
    schedule.resume_on = resume_on
    return reschedule_for_member(uow, schedule, now)


def resume(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> CheckinSettings:
    schedule = _schedule_for(uow, member, now=now)
    schedule.resume_on = None
    return reschedule_for_member(uow, schedule, now)


def follow_member(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> None:
    """Keep a schedule in step with Slack's profile: a new time zone moves it, a
    deactivation stops it, a reactivation starts it again."""
    schedule = uow.repository(CheckinScheduleRepository).get(member.team_id, member.user_id)
    if schedule is None:
        return
    tz = member.tz or schedule.tz
    deactivated = member.deleted or member.is_bot
    was_deactivated = schedule.stopped_reason in {DEACTIVATED, *UNREACHABLE_PERSON}
    if tz == schedule.tz and deactivated == was_deactivated:
        return
    schedule.tz = tz
    schedule.stopped_reason = DEACTIVATED if deactivated else None
    reschedule(schedule, now)


def _schedule_for(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> CheckinSchedule:
    """The member's schedule, made (off, workspace defaults) if they never had one."""
    schedule = uow.repository(CheckinScheduleRepository).get(member.team_id, member.user_id)
    if schedule is None:
        uow.workspaces.ensure(member.team_id, now=now)
        schedule = CheckinSchedule(
            team_id=member.team_id,
            user_id=member.user_id,
            status=CheckinStatus.OFF,
            tz=member.tz or FALLBACK_ZONE,
            local_minute=uow.workspaces.checkin_default_minute(member.team_id),
            workdays=MONDAY_TO_FRIDAY,
            created_at=now,
            updated_at=now,
        )
        uow.repository(CheckinScheduleRepository).add(schedule)
    elif member.tz and member.tz != schedule.tz:
        schedule.tz = member.tz
    schedule.updated_at = now
    return schedule


def reschedule_for_member(
    uow: UnitOfWork, schedule: CheckinSchedule, now: datetime
) -> CheckinSettings:
    """:func:`reschedule` after the member changed something: when today's check-in already
    went (or was recorded too late), the next one is on a later day (one per local day), so
    the answer they get tells the truth."""
    today = local_today(now, schedule.tz)
    key = CHECKIN.key_for(user_id=schedule.user_id, local_date=today)
    done_today = uow.outbox.by_key(schedule.team_id, key) is not None
    return reschedule(schedule, now, not_before=today + timedelta(days=1) if done_today else None)


def reschedule(
    schedule: CheckinSchedule, now: datetime, *, not_before: date | None = None
) -> CheckinSettings:
    """Compute the next check-in after ``now`` from the schedule's settings, on
    ``not_before`` or later if given."""
    upcoming = None
    if schedule.status == CheckinStatus.ON and schedule.stopped_reason is None:
        resume_on = max(filter(None, (schedule.resume_on, not_before)), default=None)
        upcoming = next_occurrence(
            now,
            tz=schedule.tz,
            local_minute=schedule.local_minute,
            workdays=schedule.workdays,
            resume_on=resume_on,
        )
    schedule.next_due_utc = upcoming.due_utc if upcoming else None
    schedule.next_local_date = upcoming.local_date if upcoming else None
    return _settings(schedule, now)


def _settings(schedule: CheckinSchedule, now: datetime) -> CheckinSettings:
    resume_on = schedule.resume_on  # a pause that has ended is not shown
    upcoming = None
    if schedule.next_due_utc is not None and schedule.next_local_date is not None:
        upcoming = Occurrence(schedule.next_due_utc, schedule.next_local_date)
    return CheckinSettings(
        status=schedule.status,
        tz=schedule.tz,
        local_minute=schedule.local_minute,
        workdays=schedule.workdays,
        resume_on=resume_on if resume_on and resume_on > local_today(now, schedule.tz) else None,
        next_checkin=upcoming,
        stopped_reason=schedule.stopped_reason,
    )


def _given(value: T | None) -> T:
    if value is None:
        raise ValueError("the parser always sets this for its action")
    return value


_Change = Callable[[UnitOfWork, MemberProfile, CheckinRequest, datetime], CheckinSettings]
_CHANGES: dict[Action, _Change] = {
    Action.ON: lambda uow, member, _request, now: turn_on(uow, member, now=now),
    Action.OFF: lambda uow, member, _request, now: turn_off(uow, member, now=now),
    Action.RESUME: lambda uow, member, _request, now: resume(uow, member, now=now),
    Action.TIME: lambda uow, member, request, now: set_time(
        uow, member, _given(request.local_minute), now=now
    ),
    Action.DAYS: lambda uow, member, request, now: set_workdays(
        uow, member, _given(request.days), now=now
    ),
    Action.PAUSE_FOR: lambda uow, member, request, now: pause_for(
        uow, member, _given(request.days), now=now
    ),
    Action.PAUSE_UNTIL: lambda uow, member, request, now: pause_until(
        uow, member, _given(request.until), now=now
    ),
}
