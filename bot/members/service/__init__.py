"""The member directory: who is in each workspace, their time zone, bot and deactivated flags
(their working hours and holidays: :mod:`bot.members.service.hours`)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from bot.breaks.service.personal import follow_member as follow_in_breaks
from bot.checkins.service.enrolment import follow_member
from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWork
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
