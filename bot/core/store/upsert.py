"""``INSERT ... ON CONFLICT`` for the two databases Kindling runs on."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

Insert = postgresql.Insert | sqlite.Insert


def insert_for(session: Session, table: Any) -> Insert:
    """An insert construct that supports ``on_conflict_*`` on the session's database."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"Kindling supports SQLite and PostgreSQL, not {dialect}")
