"""Queries on reaction kudos: kudos given with an emoji on a message, and who has been told.

A reaction kudos is a ``kudos`` row whose ``item_ts`` names the message reacted to (in its
``channel_id``); each ``kudos_recipients`` row notes the outbox message that told them
(``noted_in``), so several reactions are gathered into one DM and an untold one can be taken back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, delete, exists, insert, select, update
from sqlalchemy.orm import Session

from bot.core.store.base import Base
from bot.kudos.models import Kudos, KudosRecipient
from bot.kudos.values import Source

# The ack path of every kudos reaction runs these: built once, on the tables (Core skips the
# ORM's per-statement work), and executed with parameters.
_KUDOS = Base.metadata.tables[Kudos.__tablename__]
_RECIPIENTS = Base.metadata.tables[KudosRecipient.__tablename__]
_INSERT_KUDOS = insert(_KUDOS).returning(_KUDOS.c.id)
_INSERT_RECIPIENTS = insert(_RECIPIENTS)
_ON_THE_MESSAGE = (
    _KUDOS.c.team_id == bindparam("team_id"),
    _KUDOS.c.channel_id == bindparam("channel_id"),
    _KUDOS.c.item_ts == bindparam("ts"),
)
_GIVEN_FOR = select(_KUDOS.c.id).where(*_ON_THE_MESSAGE, _KUDOS.c.giver_id == bindparam("giver"))
_OTHERS_UNTOLD = select(
    exists().where(
        *_ON_THE_MESSAGE,
        _KUDOS.c.source == Source.REACTION.value,
        _KUDOS.c.id != bindparam("besides"),
        _RECIPIENTS.c.kudos_id == _KUDOS.c.id,
        _RECIPIENTS.c.recipient_id == bindparam("recipient"),
        _RECIPIENTS.c.noted_in.is_(None),
    )
)


class ReactionKudosRepository:
    """Reaction kudos, per workspace and message."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def shoutout_at(self, team_id: str, channel_id: str, ts: str) -> int | None:
        """The kudos whose shout-out is the message at ``channel_id``/``ts``, if any."""
        return self._session.scalar(
            select(Kudos.id).where(
                Kudos.team_id == team_id,
                Kudos.shout_channel_id == channel_id,
                Kudos.shout_ts == ts,
            )
        )

    def given_for(self, team_id: str, giver_id: str, channel_id: str, ts: str) -> int | None:
        """The kudos ``giver_id`` already gave for the message at ``channel_id``/``ts``."""
        found: int | None = self._session.scalar(
            _GIVEN_FOR, {"team_id": team_id, "channel_id": channel_id, "ts": ts, "giver": giver_id}
        )
        return found

    def add(  # noqa: PLR0913  # keyword-only: one per column of the kudos row
        self,
        *,
        team_id: str,
        giver_id: str,
        item: tuple[str, str],
        reaction: str,
        recipient_ids: Sequence[str],
        now: datetime,
    ) -> int:
        """Record a reaction kudos for the message ``item`` (channel, ts); returns its id."""
        channel_id, ts = item
        kudos_id: int = self._session.execute(
            _INSERT_KUDOS,
            {
                "team_id": team_id,
                "giver_id": giver_id,
                "channel_id": channel_id,
                "item_ts": ts,
                "reaction": reaction,
                "message": "",
                "fingerprint": f"reaction:{channel_id}:{ts}",
                "source": Source.REACTION,
                "created_at": now,
            },
        ).scalar_one()
        self._session.execute(
            _INSERT_RECIPIENTS,
            [
                {"kudos_id": kudos_id, "recipient_id": recipient, "team_id": team_id}
                | {"created_at": now}
                for recipient in recipient_ids
            ],
        )
        return kudos_id

    def others_untold(
        self, team_id: str, item: tuple[str, str], recipient_id: str, *, besides: int
    ) -> bool:
        """Whether ``recipient_id`` has another reaction kudos for ``item`` not told yet (so a
        DM that will tell them is already waiting)."""
        channel_id, ts = item
        found = self._session.scalar(
            _OTHERS_UNTOLD,
            {
                "team_id": team_id,
                "channel_id": channel_id,
                "ts": ts,
                "besides": besides,
                "recipient": recipient_id,
            },
        )
        return bool(found)

    def gather(
        self, team_id: str, item: tuple[str, str], recipient_id: str, *, message_id: int
    ) -> list[str]:
        """The givers of ``recipient_id``'s reaction kudos for ``item`` not told yet (or told by
        ``message_id``, sent again), oldest first; from now on they are told by ``message_id``."""
        rows = self._session.execute(
            select(Kudos.id, Kudos.giver_id)
            .join(KudosRecipient, KudosRecipient.kudos_id == Kudos.id)
            .where(*_untold(team_id, item, recipient_id, or_told_by=message_id))
            .order_by(Kudos.id)
        ).all()
        if rows:
            self._session.execute(
                update(KudosRecipient)
                .where(
                    KudosRecipient.kudos_id.in_([row[0] for row in rows]),
                    KudosRecipient.recipient_id == recipient_id,
                )
                .values(noted_in=message_id)
            )
        return [str(row[1]) for row in rows]

    def take_back(self, team_id: str, giver_id: str, item: tuple[str, str], reaction: str) -> bool:
        """Delete ``giver_id``'s kudos for ``item`` given with ``reaction``, unless someone was
        already told of it; True if it was taken back."""
        channel_id, ts = item
        told = exists().where(
            KudosRecipient.kudos_id == Kudos.id, KudosRecipient.noted_in.is_not(None)
        )
        result = self._session.execute(
            delete(Kudos).where(
                Kudos.team_id == team_id,
                Kudos.giver_id == giver_id,
                Kudos.channel_id == channel_id,
                Kudos.item_ts == ts,
                Kudos.reaction == reaction,
                ~told,
            )
        )
        return int(result.rowcount) > 0  # type: ignore[attr-defined]  # DML results carry rowcount

    def remember_link(self, message_id: int, link: str) -> None:
        """The permalink of the message the kudos told by ``message_id`` were given for."""
        told_by = select(KudosRecipient.kudos_id).where(KudosRecipient.noted_in == message_id)
        self._session.execute(
            update(Kudos).where(Kudos.id.in_(told_by)).values(item_link=link[:500])
        )


def _untold(
    team_id: str, item: tuple[str, str], recipient_id: str, *, or_told_by: int | None = None
) -> list[ColumnElement[bool]]:
    channel_id, ts = item
    not_told: ColumnElement[bool] = KudosRecipient.noted_in.is_(None)
    if or_told_by is not None:
        not_told = not_told | (KudosRecipient.noted_in == or_told_by)
    return [
        Kudos.team_id == team_id,
        Kudos.channel_id == channel_id,
        Kudos.item_ts == ts,
        Kudos.source == Source.REACTION,
        KudosRecipient.kudos_id == Kudos.id,
        KudosRecipient.recipient_id == recipient_id,
        not_told,
    ]
