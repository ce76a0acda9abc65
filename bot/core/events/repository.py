"""Queries on ``processed_events``: the Events API deduplication ledger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, select
from sqlalchemy.orm import Session

from bot.core.store.base import Base
from bot.core.store.models import ProcessedEvent
from bot.core.store.upsert import per_database

# On the ack path of every event: built once per database, executed with parameters.
_TABLE = Base.metadata.tables[ProcessedEvent.__tablename__]
_CLAIMS = per_database(
    _TABLE,
    lambda insert: insert.on_conflict_do_nothing(index_elements=["team_id", "event_id"]).returning(
        _TABLE.c.event_id
    ),
)


class ProcessedEventRepository:
    """Which Events API deliveries have been taken on."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, *, team_id: str, event_id: str, now: datetime) -> bool:
        """Record ``event_id``; True only for the first delivery, whoever else races for it."""
        statement = _CLAIMS[self._session.get_bind().dialect.name]
        row = {"team_id": team_id, "event_id": event_id, "received_at": now}
        return self._session.execute(statement, row).first() is not None

    def release(self, *, team_id: str, event_id: str) -> None:
        """Forget a claim, so Slack's next retry of the event is handled."""
        self._session.execute(
            delete(ProcessedEvent).where(
                ProcessedEvent.team_id == team_id, ProcessedEvent.event_id == event_id
            )
        )

    def prune_received_before(self, cutoff: datetime) -> int:
        """Delete claims older than ``cutoff`` (Slack stops retrying long before); count them."""
        result = self._session.execute(delete(ProcessedEvent).where(_received_before(cutoff)))
        return int(result.rowcount)  # type: ignore[attr-defined]  # DML results carry rowcount


def events_received_before(cutoff: datetime) -> Select[Any]:
    """Claims older than ``cutoff``, oldest first."""
    received = ProcessedEvent.received_at
    return select(received).where(_received_before(cutoff)).order_by(received)


def _received_before(cutoff: datetime) -> ColumnElement[bool]:
    return ProcessedEvent.received_at < cutoff
