"""Database housekeeping the tick does."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


class MaintenanceRepository:
    """Work on the database itself, not on any workspace's rows."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def checkpoint(self) -> None:
        """Fold SQLite's write-ahead log back into the database (nothing on PostgreSQL)."""
        if self._session.get_bind().dialect.name == "sqlite":
            self._session.execute(text("PRAGMA wal_checkpoint(PASSIVE)"))
