"""A member's working hours and public holidays: when what can wait may reach them (the
outbox's quiet hours), and the days their check-ins and personal reminders rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from bot.breaks.service.personal import follow_member as follow_in_breaks
from bot.checkins.service.records import checkin_schedule
from bot.core.holidays import is_public_holiday, kept_country, supported_countries
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
from bot.members.repository import MemberRepository
from bot.members.service import known_member, remember_member


@dataclass(frozen=True, slots=True)
class HolidayChoice:
    """Whose public holidays a member keeps: their own choice, and what that comes to."""

    chosen: str | None  # None: from their time zone
    kept: str | None  # None: no public holidays are kept for them


def holidays_of(uow: UnitOfWork, team_id: str, user_id: str) -> HolidayChoice:
    """Whose public holidays ``user_id`` keeps, and whether they chose it."""
    member = known_member(uow, team_id, user_id)
    return _holidays(uow, team_id, member, _zone_of(uow, team_id, user_id, member))


def working_hours(uow: UnitOfWork, team_id: str, user_id: str) -> WorkingHours:
    """``user_id``'s working hours: their own (09:00-18:00 until they say) on their check-in
    days (Monday to Friday without a schedule), in their zone, except their public holidays."""
    member = known_member(uow, team_id, user_id)
    schedule = checkin_schedule(uow, team_id, user_id)
    tz = _zone_of(uow, team_id, user_id, member)
    return WorkingHours(
        tz=tz,
        starts=member.work_starts if member else DEFAULT_STARTS,
        ends=member.work_ends if member else DEFAULT_ENDS,
        workdays=(schedule.workdays if schedule else 0) or MONDAY_TO_FRIDAY,
        day_off=partial(is_public_holiday, _holidays(uow, team_id, member, tz).kept),
    )


def set_holiday_country(
    uow: UnitOfWork, member: MemberProfile, country: str | None, *, now: datetime
) -> HolidayChoice | None:
    """Keep ``country``'s public holidays (None: their zone's); None if it is not a country
    whose holidays Kindling knows."""
    if country is not None and country not in supported_countries():
        return None
    _on_their_row(
        uow, member, now, lambda members: members.set_holiday_country(*_who(member), country)
    )
    return holidays_of(uow, member.team_id, member.user_id)


def _on_their_row(
    uow: UnitOfWork,
    member: MemberProfile,
    now: datetime,
    change: Callable[[MemberRepository], bool],
) -> None:
    """Apply ``change`` to the member's directory row, adding the row first if Kindling does
    not know them yet (``change`` answers whether it found one)."""
    members = uow.repository(MemberRepository)
    if not change(members):
        remember_member(uow, member, now=now)
        change(members)


def _who(member: MemberProfile) -> tuple[str, str]:
    return member.team_id, member.user_id


def _zone_of(uow: UnitOfWork, team_id: str, user_id: str, member: Member | None) -> str | None:
    if member is not None and member.tz:
        return member.tz
    schedule = checkin_schedule(uow, team_id, user_id)
    if schedule is not None:
        return schedule.tz
    workspace = uow.workspaces.get(team_id)
    return workspace.tz if workspace is not None else None


def _holidays(
    uow: UnitOfWork, team_id: str, member: Member | None, tz: str | None
) -> HolidayChoice:
    workspace = uow.workspaces.get(team_id)
    chosen = member.holiday_country if member is not None else None
    workspace_country = workspace.holiday_country if workspace is not None else None
    return HolidayChoice(chosen, kept_country(chosen, tz, workspace_country))


def set_working_hours(
    uow: UnitOfWork, member: MemberProfile, *, starts: int, ends: int, now: datetime
) -> WorkingHours:
    """Set ``member``'s working hours (what can wait for them waits for these); the hours as
    they now stand."""
    _on_their_row(
        uow,
        member,
        now,
        lambda members: members.set_working_hours(*_who(member), starts=starts, ends=ends),
    )
    follow_in_breaks(uow, member.team_id, member.user_id, hours=(starts, ends), now=now)
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
