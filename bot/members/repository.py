"""Queries on the member directory."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from bot.core.store.base import Base
from bot.core.store.upsert import insert_for
from bot.members.models import Member


class MemberRow(NamedTuple):
    """One directory entry, read without the ORM."""

    user_id: str
    display_name: str
    tz: str | None
    is_bot: bool
    deleted: bool
    refreshed_at: datetime
    is_admin: bool


# Built on the table, not the mapped class: a Core select skips the ORM's per-statement work
# on the ack path of every kudos.
_MEMBERS = Base.metadata.tables[Member.__tablename__]
_MEMBERS_BY_ID = select(
    _MEMBERS.c.user_id,
    _MEMBERS.c.display_name,
    _MEMBERS.c.tz,
    _MEMBERS.c.is_bot,
    _MEMBERS.c.deleted,
    _MEMBERS.c.refreshed_at,
    _MEMBERS.c.is_admin,
).where(
    _MEMBERS.c.team_id == bindparam("team_id"),
    _MEMBERS.c.user_id.in_(bindparam("user_ids", expanding=True)),
)


class MemberRepository:
    """The member directory of each workspace."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, user_id: str) -> Member | None:
        return self._session.scalars(
            select(Member).where(Member.team_id == team_id, Member.user_id == user_id)
        ).first()

    def get_many(self, team_id: str, user_ids: Collection[str]) -> dict[str, MemberRow]:
        """The directory entries of ``user_ids`` that exist, by user id (plain rows: this is
        on the ack path of every kudos)."""
        if not user_ids:
            return {}
        rows = self._session.execute(
            _MEMBERS_BY_ID, {"team_id": team_id, "user_ids": list(user_ids)}
        )
        return {row[0]: MemberRow(*row) for row in rows}

    def upsert(  # noqa: PLR0913  # keyword-only: one per column of the directory row
        self,
        *,
        team_id: str,
        user_id: str,
        display_name: str,
        tz: str | None,
        is_bot: bool,
        deleted: bool,
        refreshed_at: datetime,
        is_admin: bool = False,
    ) -> None:
        """Insert or refresh one member, in one statement; ``deactivated_at`` keeps the first
        time they were seen deactivated (retention counts from it) and clears on reactivation."""
        values: dict[str, object] = {
            "display_name": display_name,
            "tz": tz,
            "is_bot": is_bot,
            "deleted": deleted,
            "is_admin": is_admin,
            "refreshed_at": refreshed_at,
        }
        statement = insert_for(self._session, Member).values(
            team_id=team_id,
            user_id=user_id,
            deactivated_at=refreshed_at if deleted else None,
            **values,
        )
        statement = statement.on_conflict_do_update(
            index_elements=[Member.team_id, Member.user_id],
            set_={
                **values,
                "deactivated_at": func.coalesce(Member.deactivated_at, refreshed_at)
                if deleted
                else None,
            },
        )
        self._session.execute(statement)

    def set_working_hours(self, team_id: str, user_id: str, *, starts: int, ends: int) -> bool:
        """Set one member's working hours; False if Kindling does not know them."""
        member = self.get(team_id, user_id)
        if member is None:
            return False
        member.work_starts, member.work_ends = starts, ends
        return True

    def set_holiday_country(self, team_id: str, user_id: str, country: str | None) -> bool:
        """Set whose public holidays one member keeps (None: their zone's); False if unknown."""
        member = self.get(team_id, user_id)
        if member is None:
            return False
        member.holiday_country = country
        return True
