"""Queries on ``workspaces``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import Workspace
from bot.store.upsert import insert_for


class WorkspaceRepository:
    """Workspaces the bot serves."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def ensure(self, team_id: str, *, now: datetime) -> None:
        """Make sure a row exists for ``team_id`` (concurrent callers are fine)."""
        statement = (
            insert_for(self._session, Workspace)
            .values(team_id=team_id, created_at=now)
            .on_conflict_do_nothing(index_elements=[Workspace.team_id])
        )
        self._session.execute(statement)

    def get(self, team_id: str) -> Workspace | None:
        return self._session.scalars(select(Workspace).where(Workspace.team_id == team_id)).first()
