"""The member directory: who is in each workspace, their time zone, bot and deactivated flags,
and their working hours (when what can wait may reach them) and public holidays."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from functools import partial

from bot.breaks.service.schedules import follow_member as follow_in_breaks
from bot.checkins.service.enrolment import follow_member
from bot.checkins.service.records import checkin_schedule
from bot.core.holidays import country_of_zone, is_public_holiday
from bot.core.localtime import MONDAY_TO_FRIDAY
from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWork
from bot.core.working_hours import (
    DEFAULT_ENDS,
    DEFAULT_STARTS,
    MIN_LENGTH_MINUTES,
    WorkingHours,
    length_minutes,
)
from bot.members.models import Member
from bot.members.repository import MemberRepository, MemberRow


def remember_member(uow: UnitOfWork, profile: MemberProfile, *, now: datetime) -> None:
    """Add or refresh ``profile`` in its workspace's directory, and follow it in check-ins
    and break reminders. A deactivated person Kindling does not know is not added: one
    forgotten after the retention stays forgotten however often ``users.list`` lists them."""
    uow.workspaces.ensure(profile.team_id, now=now)
    if not profile.deleted or known_member(uow, profile.team_id, profile.user_id) is not None:
        _refresh(uow, profile, now=now)
    # A new time zone or a deactivation moves check-ins and personal break reminders.
    follow_member(uow, profile, now=now)
    follow_in_breaks(
        uow,
        profile.team_id,
        profile.user_id,
        tz=profile.tz,
        deactivated=profile.deleted or profile.is_bot,
        now=now,
    )


def _refresh(uow: UnitOfWork, profile: MemberProfile, *, now: datetime) -> None:
    uow.repository(MemberRepository).upsert(
        team_id=profile.team_id,
        user_id=profile.user_id,
        display_name=profile.display_name,
        tz=profile.tz,
        is_bot=profile.is_bot,
        deleted=profile.deleted,
        is_admin=profile.is_admin,
        refreshed_at=now,
    )


def known_member(uow: UnitOfWork, team_id: str, user_id: str) -> Member | None:
    """The directory entry of ``user_id``, if Kindling has one."""
    return uow.repository(MemberRepository).get(team_id, user_id)


def known_members(uow: UnitOfWork, team_id: str, user_ids: Collection[str]) -> dict[str, MemberRow]:
    """The directory entries of ``user_ids`` that exist, by user id."""
    return uow.repository(MemberRepository).get_many(team_id, user_ids)


def working_hours(uow: UnitOfWork, team_id: str, user_id: str) -> WorkingHours:
    """``user_id``'s working hours: their own (09:00-18:00 until they say) on their check-in
    days (Monday to Friday without a schedule), in their zone, except their public holidays."""
    member = known_member(uow, team_id, user_id)
    schedule = checkin_schedule(uow, team_id, user_id)
    workspace = uow.workspaces.get(team_id)
    tz = (member.tz if member else None) or (schedule.tz if schedule else None)
    if tz is None and workspace is not None:
        tz = workspace.tz
    country = holiday_country(member, tz, workspace.holiday_country if workspace else None)
    return WorkingHours(
        tz=tz,
        starts=member.work_starts if member else DEFAULT_STARTS,
        ends=member.work_ends if member else DEFAULT_ENDS,
        workdays=(schedule.workdays if schedule else 0) or MONDAY_TO_FRIDAY,
        day_off=partial(is_public_holiday, country),
    )


def holiday_country(
    member: Member | None, tz: str | None, workspace_country: str | None
) -> str | None:
    """Whose public holidays a member keeps: the country they chose; else, when their workspace
    keeps holidays, their zone's country, or the workspace's for a zone of no single country."""
    if member is not None and member.holiday_country:
        return member.holiday_country
    if workspace_country is None:
        return None
    return country_of_zone(tz) or workspace_country


def set_working_hours(
    uow: UnitOfWork, member: MemberProfile, *, starts: int, ends: int, now: datetime
) -> WorkingHours:
    """Set ``member``'s working hours (what can wait for them waits for these); the hours as
    they now stand."""
    repository = uow.repository(MemberRepository)
    if not repository.set_working_hours(member.team_id, member.user_id, starts=starts, ends=ends):
        remember_member(uow, member, now=now)
        repository.set_working_hours(member.team_id, member.user_id, starts=starts, ends=ends)
    return working_hours(uow, member.team_id, member.user_id)


def move_working_hours(
    uow: UnitOfWork,
    member: MemberProfile,
    *,
    starts: int | None = None,
    ends: int | None = None,
    now: datetime,
) -> WorkingHours | None:
    """Move one end of ``member``'s working hours; None (nothing kept) if that would leave
    them shorter than an hour."""
    hours = working_hours(uow, member.team_id, member.user_id)
    starts, ends = hours.starts if starts is None else starts, hours.ends if ends is None else ends
    if length_minutes(starts, ends) < MIN_LENGTH_MINUTES:
        return None
    return set_working_hours(uow, member, starts=starts, ends=ends, now=now)


class MembersQuietHours:
    """The outbox's quiet hours, read from each member's working hours."""

    def opens_at(self, uow: UnitOfWork, team_id: str, user_id: str, now: datetime) -> datetime:
        return working_hours(uow, team_id, user_id).opens_at(now)
