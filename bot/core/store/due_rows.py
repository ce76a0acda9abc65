"""The query an item-by-item claim starts with: the rows whose time has come."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

M = TypeVar("M")


def locked_due_rows(  # noqa: PLR0913  # keyword-only: the query's table, columns and limit
    session: Session,
    model: type[M],
    due: InstrumentedAttribute[datetime | None],
    now: datetime,
    *,
    limit: int,
    where: Sequence[ColumnElement[bool]] = (),
) -> list[M]:
    """Up to ``limit`` rows of ``model`` (matching ``where``) whose ``due`` time has come,
    earliest first; locked until commit on PostgreSQL, skipping rows another ticker holds, so
    racing tickers share the work instead of waiting on each other."""
    return list(
        session.scalars(
            select(model)
            .where(*where, due <= now)
            .order_by(due)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
