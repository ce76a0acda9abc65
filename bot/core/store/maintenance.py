"""Database housekeeping the tick does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, literal, select, text
from sqlalchemy.orm import Session


class MaintenanceRepository:
    """Work on the database itself, not on any workspace's rows."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def checkpoint(self) -> None:
        """Fold SQLite's write-ahead log back into the database (nothing on PostgreSQL)."""
        if self._session.get_bind().dialect.name == "sqlite":
            self._session.execute(text("PRAGMA wal_checkpoint(PASSIVE)"))

    def finds_rows(self, queries: Sequence[Select[Any]]) -> list[bool]:
        """For each query, whether it finds a row: all in one statement, each as a scalar
        subquery of one row. (Not ``EXISTS``: PostgreSQL drops an ``ORDER BY`` inside it, and
        with statistics gone stale a due-time index's ``ORDER BY ... LIMIT 1`` is what keeps
        the look from reading the whole table.)"""
        if not queries:
            return []
        looks = [
            query.with_only_columns(literal(1), maintain_column_froms=True)
            .limit(1)
            .scalar_subquery()
            for query in queries
        ]
        row = self._session.execute(select(*(look.is_not(None) for look in looks))).one()
        return [bool(found) for found in row]
