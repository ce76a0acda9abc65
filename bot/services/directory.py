"""The member directory: who is in each workspace, their time zone, bot and deactivated flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class MemberProfile:
    """What Kindling keeps about a person, as read from a Slack user object."""

    team_id: str
    user_id: str
    display_name: str
    tz: str | None
    is_bot: bool
    deleted: bool


def remember_member(uow: UnitOfWork, profile: MemberProfile, *, now: datetime) -> None:
    """Add or refresh ``profile`` in its workspace's directory."""
    uow.workspaces.ensure(profile.team_id, now=now)
    uow.members.upsert(
        team_id=profile.team_id,
        user_id=profile.user_id,
        display_name=profile.display_name,
        tz=profile.tz,
        is_bot=profile.is_bot,
        deleted=profile.deleted,
        refreshed_at=now,
    )
