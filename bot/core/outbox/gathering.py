"""Messages of one kind to one person, gathered into one: a loader takes the other due rows
(they become ``superseded``, each at most once, whichever process asks), and a later update
finds the message it updates by the ``ts`` Slack gave it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.core.outbox.values import OutboxStatus
from bot.core.store.models import OutboxMessage


class OutboxGathering:
    """Queries for loaders that gather several due messages into the one being sent."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def take_due(
        self,
        message: OutboxMessage,
        *,
        due_by: datetime,
        limit: int,
    ) -> list[OutboxMessage]:
        """The other pending rows of ``message``'s kind and channel due by ``due_by``, oldest
        first, now ``superseded`` (only those this call won: another process may have claimed
        some meanwhile)."""
        candidates = self._session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.team_id == message.team_id,
                OutboxMessage.kind == message.kind,
                OutboxMessage.channel == message.channel,
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.not_before <= due_by,
                OutboxMessage.id != message.id,
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
        ).all()
        taken = []
        for row in candidates:
            result = self._session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id, OutboxMessage.status == OutboxStatus.PENDING)
                .values(status=OutboxStatus.SUPERSEDED)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]  # DML results carry rowcount
                taken.append(row)
        return taken

    def sent(self, team_id: str, kind: str, channel: str, ts: str) -> OutboxMessage | None:
        """The message of ``kind`` Slack posted in ``channel`` as ``ts``."""
        return self._session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.team_id == team_id,
                OutboxMessage.kind == kind,
                OutboxMessage.sent_channel == channel,
                OutboxMessage.sent_ts == ts,
            )
        ).first()
