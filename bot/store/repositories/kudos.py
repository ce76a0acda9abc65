"""Queries on ``kudos``, ``kudos_recipients`` and ``kudos_values``: the journal of kind acts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.store.models import Kudos, KudosRecipient, KudosValue

ANNOUNCED = "announced"
NOT_ANNOUNCED = "not_announced"


class KudosRepository:
    """Kudos given and received, per workspace."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        team_id: str,
        giver_id: str,
        channel_id: str | None,
        message: str,
        fingerprint: str,
        source: str,
        recipient_ids: Sequence[str],
        values: Sequence[str],
        now: datetime,
    ) -> int:
        """Record one kudos with its recipients and values; returns its id."""
        kudos = Kudos(
            team_id=team_id,
            giver_id=giver_id,
            channel_id=channel_id,
            message=message,
            fingerprint=fingerprint,
            source=source,
            created_at=now,
        )
        self._session.add(kudos)
        self._session.flush()
        self._session.add_all(
            KudosRecipient(
                kudos_id=kudos.id, recipient_id=recipient, team_id=team_id, created_at=now
            )
            for recipient in recipient_ids
        )
        self._session.add_all(
            KudosValue(kudos_id=kudos.id, value=value, team_id=team_id) for value in values
        )
        self._session.flush()
        return kudos.id

    def get(self, team_id: str, kudos_id: int) -> Kudos | None:
        return self._session.scalars(
            select(Kudos).where(Kudos.team_id == team_id, Kudos.id == kudos_id)
        ).first()

    def recent_with_fingerprint(
        self, team_id: str, giver_id: str, fingerprint: str, *, since: datetime
    ) -> Kudos | None:
        """The same kudos given again since ``since`` (a double enter), if any."""
        return self._session.scalars(
            select(Kudos)
            .where(
                Kudos.team_id == team_id,
                Kudos.giver_id == giver_id,
                Kudos.fingerprint == fingerprint,
                Kudos.created_at >= since,
            )
            .order_by(Kudos.id.desc())
        ).first()

    def count_given_since(self, team_id: str, giver_id: str, *, since: datetime) -> int:
        return int(
            self._session.scalar(
                select(func.count())
                .select_from(Kudos)
                .where(
                    Kudos.team_id == team_id,
                    Kudos.giver_id == giver_id,
                    Kudos.created_at >= since,
                )
            )
            or 0
        )

    def recipients(self, kudos_id: int) -> list[str]:
        return list(
            self._session.scalars(
                select(KudosRecipient.recipient_id)
                .where(KudosRecipient.kudos_id == kudos_id)
                .order_by(KudosRecipient.recipient_id)
            )
        )

    def values(self, kudos_id: int) -> list[str]:
        return list(
            self._session.scalars(
                select(KudosValue.value)
                .where(KudosValue.kudos_id == kudos_id)
                .order_by(KudosValue.value)
            )
        )

    def mark_announced(self, kudos_id: int, *, channel_id: str | None, ts: str | None) -> None:
        self._session.execute(
            update(Kudos)
            .where(Kudos.id == kudos_id)
            .values(announcement=ANNOUNCED, shout_channel_id=channel_id, shout_ts=ts)
        )

    def mark_not_announced(self, kudos_id: int) -> None:
        self._session.execute(
            update(Kudos).where(Kudos.id == kudos_id).values(announcement=NOT_ANNOUNCED)
        )

    def record_thanks(
        self, team_id: str, kudos_id: int, recipient_id: str, *, now: datetime
    ) -> bool:
        """Note that ``recipient_id`` said thank you; True only the first time."""
        result = self._session.execute(
            update(KudosRecipient)
            .where(
                KudosRecipient.team_id == team_id,
                KudosRecipient.kudos_id == kudos_id,
                KudosRecipient.recipient_id == recipient_id,
                KudosRecipient.thanked_at.is_(None),
            )
            .values(thanked_at=now)
        )
        return int(result.rowcount) == 1  # type: ignore[attr-defined]  # DML results carry rowcount

    def given_by(
        self, team_id: str, giver_id: str, *, limit: int, before_id: int | None = None
    ) -> Sequence[Kudos]:
        """The journal of kudos ``giver_id`` gave, newest first, a page at a time."""
        query = select(Kudos).where(Kudos.team_id == team_id, Kudos.giver_id == giver_id)
        if before_id is not None:
            query = query.where(Kudos.id < before_id)
        return self._session.scalars(query.order_by(Kudos.id.desc()).limit(limit)).all()

    def received_by(
        self, team_id: str, recipient_id: str, *, limit: int, before_id: int | None = None
    ) -> Sequence[Kudos]:
        """The journal of kudos ``recipient_id`` received, newest first, a page at a time."""
        query = (
            select(Kudos)
            .join(KudosRecipient, KudosRecipient.kudos_id == Kudos.id)
            .where(KudosRecipient.team_id == team_id, KudosRecipient.recipient_id == recipient_id)
        )
        if before_id is not None:
            query = query.where(Kudos.id < before_id)
        return self._session.scalars(query.order_by(Kudos.id.desc()).limit(limit)).all()
