"""Queries on weekly recap schedules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from bot.core.store.due_rows import due_rows, locked
from bot.core.store.upsert import insert_for
from bot.recaps.models import RecapSchedule
from bot.recaps.values import RecapStatus


class RecapRepository:
    """Each member's weekly private recap: on or off, and when it is next due."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, user_id: str) -> RecapSchedule | None:
        return self._session.get(RecapSchedule, (team_id, user_id))

    def add_if_absent(self, values: dict[str, Any]) -> None:
        statement = (
            insert_for(self._session, RecapSchedule)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[RecapSchedule.team_id, RecapSchedule.user_id])
        )
        self._session.execute(statement)

    def due(self, now: datetime, *, limit: int) -> list[RecapSchedule]:
        """Recaps due at ``now`` (locked until commit on PostgreSQL; others skip them)."""
        return locked(self._session, due_recap_schedules(now), limit=limit)


def due_recap_schedules(now: datetime) -> Select[RecapSchedule]:
    """Weekly recap schedules that are on and due, earliest first."""
    on = [RecapSchedule.status == RecapStatus.ON]
    return due_rows(RecapSchedule, RecapSchedule.next_due_utc, now, where=on)
