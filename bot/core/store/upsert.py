"""``INSERT ... ON CONFLICT`` for the two databases Kindling runs on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

Insert = postgresql.Insert | sqlite.Insert
T = TypeVar("T")


def insert_for(session: Session, table: Any) -> Insert:
    """An insert construct that supports ``on_conflict_*`` on the session's database."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"Kindling supports SQLite and PostgreSQL, not {dialect}")


def per_database(table: Any, finish: Callable[[Insert], T]) -> dict[str, T]:
    """``finish`` applied to an insert into ``table`` for each database Kindling runs on, by
    dialect name: a statement on a hot path, built once and executed with parameters."""
    return {"postgresql": finish(postgresql.insert(table)), "sqlite": finish(sqlite.insert(table))}
