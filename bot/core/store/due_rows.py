"""The query an item-by-item claim starts with: the rows whose time has come."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

M = TypeVar("M")


def due_rows(
    model: type[M],
    due: InstrumentedAttribute[datetime | None],
    now: datetime,
    *,
    where: Sequence[ColumnElement[bool]] = (),
) -> Select[M]:
    """The rows of ``model`` (matching ``where``) whose ``due`` time has come, earliest first:
    what a claim locks, and what the tick looks for before running the claim."""
    return select(model).where(*where, due <= now).order_by(due)


def locked(session: Session, rows: Select[M], *, limit: int) -> list[M]:
    """The first ``limit`` of ``rows``, locked until commit on PostgreSQL, skipping rows another
    ticker holds, so racing tickers share the work instead of waiting on each other."""
    return list(session.scalars(rows.limit(limit).with_for_update(skip_locked=True)))
