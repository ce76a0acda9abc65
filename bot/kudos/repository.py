"""Queries on ``kudos``, ``kudos_recipients`` and ``kudos_values``: the journal of kind acts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, func, insert, select, update
from sqlalchemy.orm import Session

from bot.core.store.base import Base
from bot.kudos.models import Kudos, KudosRecipient, KudosValue

ANNOUNCED = "announced"
NOT_ANNOUNCED = "not_announced"

# The hot path of /kudos runs these on every request: built once, on the table rather than
# the mapped class (Core skips the ORM's per-statement work), and executed with parameters.
_KUDOS = Base.metadata.tables[Kudos.__tablename__]
_INSERT_KUDOS = insert(_KUDOS).returning(_KUDOS.c.id)
_INSERT_RECIPIENTS = insert(Base.metadata.tables[KudosRecipient.__tablename__])
_INSERT_VALUES = insert(Base.metadata.tables[KudosValue.__tablename__])
_LOCK_GIVER = select(func.pg_advisory_xact_lock(func.hashtextextended(bindparam("key"), 0)))
_GIVING_SINCE = select(
    func.coalesce(func.sum(case((_KUDOS.c.created_at >= bindparam("day_start"), 1), else_=0)), 0),
    func.max(
        case(
            (
                and_(
                    _KUDOS.c.fingerprint == bindparam("fingerprint"),
                    _KUDOS.c.created_at >= bindparam("repeat_since"),
                ),
                _KUDOS.c.id,
            )
        )
    ),
).where(
    _KUDOS.c.team_id == bindparam("team_id"),
    _KUDOS.c.giver_id == bindparam("giver_id"),
    _KUDOS.c.created_at >= bindparam("earliest"),
)


class KudosRepository:
    """Kudos given and received, per workspace."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(  # noqa: PLR0913  # keyword-only: one per column of the kudos row
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
        kudos_id: int = self._session.execute(
            _INSERT_KUDOS,
            {
                "team_id": team_id,
                "giver_id": giver_id,
                "channel_id": channel_id,
                "message": message,
                "fingerprint": fingerprint,
                "source": source,
                "created_at": now,
            },
        ).scalar_one()
        self._session.execute(
            _INSERT_RECIPIENTS,
            [
                {
                    "kudos_id": kudos_id,
                    "recipient_id": recipient,
                    "team_id": team_id,
                    "created_at": now,
                }
                for recipient in recipient_ids
            ],
        )
        if values:
            self._session.execute(
                _INSERT_VALUES,
                [{"kudos_id": kudos_id, "value": value, "team_id": team_id} for value in values],
            )
        return kudos_id

    def get(self, team_id: str, kudos_id: int) -> Kudos | None:
        return self._session.scalars(
            select(Kudos).where(Kudos.team_id == team_id, Kudos.id == kudos_id)
        ).first()

    def lock_giver(self, team_id: str, giver_id: str) -> None:
        """Serialize kudos decisions per giver until this transaction ends, so the daily
        limit and double-enter checks hold across concurrent requests and replicas.

        PostgreSQL: a transaction-scoped advisory lock. SQLite: the unit of work already
        runs one at a time.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(_LOCK_GIVER, {"key": f"kudos:{team_id}:{giver_id}"})

    def giving_since(
        self,
        team_id: str,
        giver_id: str,
        *,
        day_start: datetime,
        fingerprint: str,
        repeat_since: datetime,
    ) -> tuple[int, int | None]:
        """In one query: how many kudos ``giver_id`` gave since ``day_start``, and the id of
        one with ``fingerprint`` given since ``repeat_since`` (a double enter), if any."""
        row = self._session.execute(
            _GIVING_SINCE,
            {
                "team_id": team_id,
                "giver_id": giver_id,
                "day_start": day_start,
                "fingerprint": fingerprint,
                "repeat_since": repeat_since,
                "earliest": min(day_start, repeat_since),
            },
        ).one()
        return int(row[0]), row[1]

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

    def thanked_among(self, team_id: str, recipient_id: str, kudos_ids: list[int]) -> set[int]:
        """Which of ``kudos_ids`` ``recipient_id`` said thank you for."""
        return set(
            self._session.scalars(
                select(KudosRecipient.kudos_id).where(
                    KudosRecipient.team_id == team_id,
                    KudosRecipient.recipient_id == recipient_id,
                    KudosRecipient.kudos_id.in_(kudos_ids),
                    KudosRecipient.thanked_at.is_not(None),
                )
            )
        )

    def given_by(
        self,
        team_id: str,
        giver_id: str,
        *,
        limit: int,
        before_id: int | None = None,
        period: tuple[datetime, datetime] | None = None,
    ) -> Sequence[Kudos]:
        """The journal of kudos ``giver_id`` gave, newest first, a page at a time, optionally
        within ``period`` (start inclusive, end exclusive)."""
        query = select(Kudos).where(Kudos.team_id == team_id, Kudos.giver_id == giver_id)
        if period is not None:
            query = query.where(Kudos.created_at >= period[0], Kudos.created_at < period[1])
        query = query.where(*_before(before_id)).order_by(Kudos.id.desc()).limit(limit)
        return self._session.scalars(query).all()

    def week_of_kindness(
        self, team_id: str, period: tuple[datetime, datetime]
    ) -> tuple[list[str], list[str], list[str]]:
        """Within ``period``: the giver of each kudos, each recipient of each, and each value
        tag given (one entry per occurrence)."""
        in_period = select(Kudos.id).where(
            Kudos.team_id == team_id, Kudos.created_at >= period[0], Kudos.created_at < period[1]
        )
        givers = self._session.scalars(select(Kudos.giver_id).where(Kudos.id.in_(in_period)))
        recipients = self._session.scalars(
            select(KudosRecipient.recipient_id).where(KudosRecipient.kudos_id.in_(in_period))
        )
        values = self._session.scalars(
            select(KudosValue.value).where(KudosValue.kudos_id.in_(in_period))
        )
        return list(givers), list(recipients), list(values)

    def counts(self, team_id: str, user_id: str) -> tuple[int, int]:
        """How many kudos ``user_id`` gave, and received, in all."""
        given = (
            select(func.count())
            .select_from(Kudos)
            .where(Kudos.team_id == team_id, Kudos.giver_id == user_id)
        )
        received = (
            select(func.count())
            .select_from(KudosRecipient)
            .where(KudosRecipient.team_id == team_id, KudosRecipient.recipient_id == user_id)
        )
        return _count(self._session, given), _count(self._session, received)

    def received_by(
        self,
        team_id: str,
        recipient_id: str,
        *,
        limit: int,
        before_id: int | None = None,
        period: tuple[datetime, datetime] | None = None,
    ) -> Sequence[Kudos]:
        """The journal of kudos ``recipient_id`` received, newest first, a page at a time,
        optionally within ``period``."""
        query = (
            select(Kudos)
            .join(KudosRecipient, KudosRecipient.kudos_id == Kudos.id)
            .where(KudosRecipient.team_id == team_id, KudosRecipient.recipient_id == recipient_id)
        )
        if period is not None:
            query = query.where(
                KudosRecipient.created_at >= period[0], KudosRecipient.created_at < period[1]
            )
        query = query.where(*_before(before_id)).order_by(Kudos.id.desc()).limit(limit)
        return self._session.scalars(query).all()


def _count(session: Session, query: Select[int]) -> int:
    return int(session.scalar(query) or 0)


def _before(kudos_id: int | None) -> list[ColumnElement[bool]]:
    """The paging condition: kudos older than ``kudos_id``, if given."""
    return [] if kudos_id is None else [Kudos.id < kudos_id]
