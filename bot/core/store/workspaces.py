"""Queries on ``workspaces``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session

from bot.core.store.base import Base
from bot.core.store.due_rows import due_rows, locked
from bot.core.store.models import Workspace
from bot.core.store.upsert import per_database

DEFAULT_CHECKIN_MINUTE = 9 * 60 + 30

_KUDOS_SETTINGS = select(
    Workspace.kudos_values,
    Workspace.kudos_daily_limit,
    Workspace.kudos_channel_id,
    Workspace.kudos_reactions,
).where(Workspace.team_id == bindparam("team_id"))


# On the path of every request that writes: built once per database.
_WORKSPACES = Base.metadata.tables[Workspace.__tablename__]
_ENSURE = per_database(
    _WORKSPACES, lambda insert: insert.on_conflict_do_nothing(index_elements=["team_id"])
)


class WorkspaceRepository:
    """Workspaces the bot serves."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def ensure(self, team_id: str, *, now: datetime) -> None:
        """Make sure a row exists for ``team_id`` (concurrent callers are fine)."""
        statement = _ENSURE[self._session.get_bind().dialect.name]
        self._session.execute(statement, {"team_id": team_id, "created_at": now})

    def kudos_settings(self, team_id: str) -> tuple[str, int, str | None, str] | None:
        """``(values, daily limit, kudos channel, kudos emoji)`` of a workspace, or None if
        unknown (the values and emoji comma-separated)."""
        row = self._session.execute(_KUDOS_SETTINGS, {"team_id": team_id}).first()
        return (row[0], row[1], row[2], row[3]) if row else None

    def checkin_default_minute(self, team_id: str) -> int:
        """The workspace's default check-in time (minutes after midnight; 09:30 if unknown)."""
        found = self._session.scalar(
            select(Workspace.checkin_default_minute).where(Workspace.team_id == team_id)
        )
        return found if found is not None else DEFAULT_CHECKIN_MINUTE

    def get(self, team_id: str) -> Workspace | None:
        return self._session.scalars(select(Workspace).where(Workspace.team_id == team_id)).first()

    def is_kindling_admin(self, team_id: str, user_id: str) -> bool:
        """Whether the workspace's settings name ``user_id`` among Kindling's admins."""
        workspace = self.get(team_id)
        return workspace is not None and user_id in workspace.admin_user_ids.split(",")

    def set_kudos_channel(self, team_id: str, channel_id: str | None) -> None:
        self._session.execute(
            update(Workspace)
            .where(Workspace.team_id == team_id)
            .values(kudos_channel_id=channel_id)
        )

    def kindness_recaps_due(self, now: datetime, *, limit: int) -> list[Workspace]:
        """Workspaces whose weekly kindness recap is due (locked until commit on PostgreSQL;
        other tickers skip them)."""
        return locked(self._session, due_kindness_recaps(now), limit=limit)

    def mark_members_synced(self, team_id: str, *, now: datetime) -> None:
        self._session.execute(
            update(Workspace).where(Workspace.team_id == team_id).values(members_synced_at=now)
        )

    def members_synced_before(self, cutoff: datetime) -> list[str]:
        """Workspaces whose member directory was never synced, or not since ``cutoff``."""
        return list(
            self._session.scalars(
                select(Workspace.team_id).where(
                    Workspace.uninstalled_at.is_(None),
                    (Workspace.members_synced_at.is_(None))
                    | (Workspace.members_synced_at < cutoff),
                )
            )
        )


def due_kindness_recaps(now: datetime) -> Select[Workspace]:
    """Workspaces whose weekly kindness recap is due, earliest first."""
    return due_rows(Workspace, Workspace.kindness_recap_due_utc, now)
