"""Queries on ``outbox``: what the bot will say, and how far each message got."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from bot.store.models import OutboxMessage
from bot.store.upsert import insert_for

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
UNKNOWN = "unknown"
SETTLED = (SENT, FAILED, UNKNOWN)


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message to add to the outbox."""

    team_id: str
    idempotency_key: str
    kind: str
    method: str
    channel: str | None
    payload: dict[str, Any]
    subject_id: int | None = None
    depends_on_id: int | None = None


class OutboxRepository:
    """Adds messages and moves them through pending → sending → sent/failed/unknown."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, message: NewMessage, *, now: datetime) -> int | None:
        """Insert ``message``; its id, or None if its idempotency key was already taken."""
        statement = (
            insert_for(self._session, OutboxMessage)
            .values(
                team_id=message.team_id,
                idempotency_key=message.idempotency_key,
                kind=message.kind,
                method=message.method,
                channel=message.channel,
                payload=message.payload,
                subject_id=message.subject_id,
                depends_on_id=message.depends_on_id,
                not_before=now,
                created_at=now,
            )
            .on_conflict_do_nothing(
                index_elements=[OutboxMessage.team_id, OutboxMessage.idempotency_key]
            )
            .returning(OutboxMessage.id)
        )
        return self._session.execute(statement).scalar()

    def get(self, message_id: int) -> OutboxMessage | None:
        return self._session.get(OutboxMessage, message_id)

    def by_key(self, team_id: str, idempotency_key: str) -> OutboxMessage | None:
        return self._session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.team_id == team_id,
                OutboxMessage.idempotency_key == idempotency_key,
            )
        ).first()

    def due(self, now: datetime, *, limit: int) -> Sequence[OutboxMessage]:
        """Pending messages whose time has come and whose prerequisite (if any) is settled."""
        prerequisite = aliased(OutboxMessage)
        prerequisite_settled = exists().where(
            prerequisite.id == OutboxMessage.depends_on_id, prerequisite.status.in_(SETTLED)
        )
        return self._session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.status == PENDING,
                OutboxMessage.not_before <= now,
                or_(OutboxMessage.depends_on_id.is_(None), prerequisite_settled),
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
        ).all()

    def claim(self, message_id: int, *, lease_until: datetime) -> bool:
        """Move one pending message to ``sending``; True only for the one process that wins."""
        result = self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == PENDING)
            .values(status=SENDING, lease_until=lease_until, attempts=OutboxMessage.attempts + 1)
        )
        return int(result.rowcount) == 1  # type: ignore[attr-defined]  # DML results carry rowcount

    def mark_sent(
        self, message_id: int, *, now: datetime, channel: str | None, ts: str | None
    ) -> None:
        self._finish(message_id, SENT, sent_at=now, sent_channel=channel, sent_ts=ts)

    def mark_failed(self, message_id: int, *, error: str) -> None:
        self._finish(message_id, FAILED, error=error[:200])

    def mark_unknown(self, message_id: int, *, error: str) -> None:
        self._finish(message_id, UNKNOWN, error=error[:200])

    def postpone(self, message_id: int, *, not_before: datetime) -> None:
        """Send later: a pending message waits; a claimed one goes back to pending."""
        self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status.in_((PENDING, SENDING)))
            .values(status=PENDING, not_before=not_before, lease_until=None)
        )

    def expire_leases(self, now: datetime) -> int:
        """Messages stuck in ``sending`` past their lease become ``unknown``: never re-sent."""
        result = self._session.execute(
            update(OutboxMessage)
            .where(and_(OutboxMessage.status == SENDING, OutboxMessage.lease_until < now))
            .values(status=UNKNOWN, error="lease expired while sending", lease_until=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def _finish(self, message_id: int, status: str, **values: Any) -> None:
        self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status=status, lease_until=None, **values)
        )
