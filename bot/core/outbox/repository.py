"""Queries on ``outbox``: what the bot will say, and how far each message got."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, insert, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from bot.core.outbox.statements import claim_statement, due_query, lease_expired
from bot.core.outbox.values import SETTLED, DueMessage, NewMessage, OutboxStatus
from bot.core.store.base import Base
from bot.core.store.models import OutboxMessage
from bot.core.store.upsert import insert_for

_OUTBOX = Base.metadata.tables[OutboxMessage.__tablename__]
_INSERT_FRESH = insert(_OUTBOX)


class OutboxRepository:
    """Adds messages and moves them through (waiting →) pending → sending → sent, failed or
    unknown. A message with a prerequisite waits until that one is settled."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.wrote = False  # rows were added: the dispatcher is woken once they are committed

    def add(self, message: NewMessage, *, now: datetime) -> int | None:
        """Insert ``message``; its id, or None if its idempotency key was already taken."""
        prerequisite_open = False
        if message.depends_on_key is not None:
            prerequisite = self.by_key(message.team_id, message.depends_on_key)
            prerequisite_open = prerequisite is not None and prerequisite.status not in SETTLED
        statement = (
            insert_for(self._session, OutboxMessage)
            .values(_row(message, now, waiting=prerequisite_open))
            .on_conflict_do_nothing(
                index_elements=[OutboxMessage.team_id, OutboxMessage.idempotency_key]
            )
            .returning(OutboxMessage.id)
        )
        added = self._session.execute(statement).scalar()
        self.wrote = self.wrote or added is not None
        return added

    def add_fresh(self, messages: Sequence[NewMessage], *, now: datetime) -> None:
        """Insert messages whose keys cannot exist yet (they name a row made in this
        transaction), in one batch; a prerequisite, if any, is one of them."""
        if messages:
            rows = [_row(m, now, waiting=m.depends_on_key is not None) for m in messages]
            self._session.execute(_INSERT_FRESH, rows)
            self.wrote = True

    def claim_many(self, messages: Sequence[NewMessage], *, now: datetime) -> int:
        """Insert scheduled messages whose keys other processes may be inserting too, in one
        set-based statement; a key already taken is left alone. Returns how many were new."""
        if not messages:
            return 0
        statement = (
            insert_for(self._session, OutboxMessage)
            .on_conflict_do_nothing(
                index_elements=[OutboxMessage.team_id, OutboxMessage.idempotency_key]
            )
            .returning(OutboxMessage.id)
        )
        rows = [_row(m, now, waiting=False) for m in messages]
        claimed = len(self._session.execute(statement, rows).all())
        self.wrote = self.wrote or claimed > 0
        return claimed

    def counts_by_kind_and_status(self) -> list[tuple[str, str, int]]:
        """How many messages there are of each kind in each status (for the metrics)."""
        query = select(OutboxMessage.kind, OutboxMessage.status, func.count()).group_by(
            OutboxMessage.kind, OutboxMessage.status
        )
        return [(kind, status, count) for kind, status, count in self._session.execute(query)]

    def get(self, message_id: int) -> OutboxMessage | None:
        return self._session.get(OutboxMessage, message_id)

    def by_key(self, team_id: str, idempotency_key: str) -> OutboxMessage | None:
        return self._session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.team_id == team_id,
                OutboxMessage.idempotency_key == idempotency_key,
            )
        ).first()

    def due(
        self,
        now: datetime,
        *,
        limit: int,
        skip_teams: Collection[str] = (),
        skip_channels: Collection[tuple[str, str | None]] = (),
        busy_lanes: Collection[tuple[str, str]] = (),
    ) -> Sequence[DueMessage]:
        """Pending messages whose time has come, oldest first, leaving out the workspaces and
        the channels that must wait, and the lanes with a message in flight (ids only). Busy
        lanes are matched by their name alone: Slack's ids are unique across workspaces, and
        leaving out one row too many would only delay it to the next read."""
        query = due_query(bool(skip_teams), bool(skip_channels), bool(busy_lanes), limit)
        rows = self._session.execute(
            query,
            {
                "now": now,
                "skip_teams": list(skip_teams),
                "skip_channels": list(skip_channels),
                "busy": sorted({lane for _, lane in busy_lanes}),
            },
        )
        return [DueMessage(id=row[0], team_id=row[1], channel=row[2], lane=row[3]) for row in rows]

    def supersede(self, team_id: str, kind: str, subject_id: int) -> int:
        """Messages of ``kind`` about ``subject_id`` not sent yet will not be: a newer one
        replaces them (e.g. the latest state of an answered check-in)."""
        result = self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.team_id == team_id,
                OutboxMessage.kind == kind,
                OutboxMessage.subject_id == subject_id,
            )
            .values(status=OutboxStatus.SUPERSEDED)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def supersede_for_channel(self, team_id: str, kind: str, channel: str) -> int:
        """Like :meth:`supersede`, for messages of ``kind`` to ``channel``."""
        result = self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.team_id == team_id,
                OutboxMessage.kind == kind,
                OutboxMessage.channel == channel,
            )
            .values(status=OutboxStatus.SUPERSEDED)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def release_followers(self, team_id: str, idempotency_key: str) -> None:
        """The message ``idempotency_key`` is settled: those waiting on it become pending."""
        self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.team_id == team_id,
                OutboxMessage.depends_on_key == idempotency_key,
                OutboxMessage.status == OutboxStatus.WAITING,
            )
            .values(status=OutboxStatus.PENDING)
        )

    def release_followers_of(self, settled: Sequence[tuple[str, str]]) -> None:
        """Like :meth:`release_followers`, for many settled ``(team_id, key)`` at once."""
        if settled:
            self._session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.status == OutboxStatus.WAITING,
                    tuple_(OutboxMessage.team_id, OutboxMessage.depends_on_key).in_(settled),
                )
                .values(status=OutboxStatus.PENDING)
                .execution_options(synchronize_session=False)
            )

    def release_all_settled_followers(self) -> int:
        """A sweep: every waiting message whose prerequisite is settled (or gone) becomes
        pending."""
        prerequisite = aliased(OutboxMessage)
        still_open = exists().where(
            prerequisite.team_id == OutboxMessage.team_id,
            prerequisite.idempotency_key == OutboxMessage.depends_on_key,
            prerequisite.status.not_in(SETTLED),
        )
        result = self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.WAITING, ~still_open)
            .values(status=OutboxStatus.PENDING)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def claim(self, message_id: int, *, lease_until: datetime) -> bool:
        """Move one pending message to ``sending``; True only for the one process that wins."""
        return self.claim_batch([message_id], lease_until=lease_until) == [message_id]

    def claim_batch(self, message_ids: Sequence[int], *, lease_until: datetime) -> list[int]:
        """Move the pending ones of ``message_ids`` to ``sending``; the ids this process won.
        On PostgreSQL rows another transaction is claiming are skipped, not waited for."""
        if not message_ids:
            return []
        statement = claim_statement()
        values = {"ids": list(message_ids), "lease_until": lease_until}
        return list(self._session.scalars(statement, values))

    def give_back_claim(self, message_ids: Sequence[int], *, lease_until: datetime) -> int:
        """Messages of a claim no call was made for go back to ``pending``: only those still
        ``sending`` under that claim's lease (another claim gives another lease)."""
        if not message_ids:
            return 0
        result = self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(list(message_ids)),
                OutboxMessage.status == OutboxStatus.SENDING,
                OutboxMessage.lease_until == lease_until,
            )
            .values(status=OutboxStatus.PENDING, lease_until=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def get_many(self, message_ids: Collection[int]) -> Sequence[OutboxMessage]:
        if not message_ids:
            return []
        return self._session.scalars(
            select(OutboxMessage).where(OutboxMessage.id.in_(list(message_ids)))
        ).all()

    def finish_many(self, rows: Sequence[dict[str, Any]]) -> None:
        """Settle many messages at once: each row holds ``id`` and the same columns."""
        if rows:
            self._session.execute(update(OutboxMessage), list(rows))

    def mark_sent(
        self, message_id: int, *, now: datetime, channel: str | None, ts: str | None
    ) -> None:
        self._finish(message_id, OutboxStatus.SENT, sent_at=now, sent_channel=channel, sent_ts=ts)

    def mark_failed(self, message_id: int, *, error: str) -> None:
        self._finish(message_id, OutboxStatus.FAILED, error=error[:200])

    def mark_unknown(self, message_id: int, *, error: str) -> None:
        self._finish(message_id, OutboxStatus.UNKNOWN, error=error[:200])

    def mark_skipped_late(self, message_id: int) -> None:
        self._finish(message_id, OutboxStatus.SKIPPED_LATE)

    def mark_superseded(self, message_id: int) -> None:
        self._finish(message_id, OutboxStatus.SUPERSEDED)

    def postpone(self, message_id: int, *, not_before: datetime) -> None:
        """Send later: a pending message waits; a claimed one goes back to pending."""
        self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)),
            )
            .values(status=OutboxStatus.PENDING, not_before=not_before, lease_until=None)
        )

    def expire_leases(self, now: datetime) -> int:
        """Messages stuck in ``sending`` past their lease become ``unknown``: never re-sent."""
        result = self._session.execute(
            update(OutboxMessage)
            .where(lease_expired(now))
            .values(
                status=OutboxStatus.UNKNOWN, error="lease expired while sending", lease_until=None
            )
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def _finish(self, message_id: int, status: OutboxStatus, **values: Any) -> None:
        self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status=status, lease_until=None, **values)
        )


def _row(message: NewMessage, now: datetime, *, waiting: bool) -> dict[str, Any]:
    return {
        "team_id": message.team_id,
        "idempotency_key": message.idempotency_key,
        "kind": message.kind,
        "method": message.method,
        "channel": message.channel,
        "lane": message.lane,
        "payload": message.payload,
        "subject_id": message.subject_id,
        "depends_on_key": message.depends_on_key,
        "status": OutboxStatus.SKIPPED_LATE
        if message.skipped_late
        else OutboxStatus.WAITING
        if waiting
        else OutboxStatus.PENDING,
        "attempts": 0,
        "not_before": message.not_before or now,
        "created_at": now,
    }
