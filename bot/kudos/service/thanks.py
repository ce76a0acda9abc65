"""A recipient's thank-you: one DM to the giver, and their own DM updated to show it."""

from __future__ import annotations

from datetime import datetime

from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.messages import (
    SHOUTOUT,
    THANKED_UPDATE,
    THANKS_DM,
    ThankedPayload,
    ThanksPayload,
)
from bot.kudos.repository import KudosRepository


def say_thanks(  # noqa: PLR0913  # keyword-only: the button's value and the DM to update
    uow: UnitOfWork,
    *,
    team_id: str,
    kudos_id: int,
    recipient_id: str,
    dm_channel: str | None,
    dm_ts: str | None,
    now: datetime,
) -> bool:
    """Send the giver one thank-you per recipient per kudos; True the first time only."""
    kudos = uow.repository(KudosRepository).get(team_id, kudos_id)
    if kudos is None or not uow.repository(KudosRepository).record_thanks(
        team_id, kudos_id, recipient_id, now=now
    ):
        return False
    thanks = ThanksPayload(kudos_id=kudos_id, giver_id=kudos.giver_id, recipient_id=recipient_id)
    uow.outbox.add(
        THANKS_DM.message(thanks, team_id=team_id, channel=kudos.giver_id, subject_id=kudos_id),
        now=now,
    )
    if dm_channel and dm_ts:
        shoutout_key = SHOUTOUT.key_for(kudos_id=kudos_id)
        has_shoutout = uow.outbox.by_key(team_id, shoutout_key) is not None
        thanked = ThankedPayload(
            kudos_id=kudos_id,
            giver_id=kudos.giver_id,
            recipient_id=recipient_id,
            ts=dm_ts,
            message=kudos.message,
            values=tuple(uow.repository(KudosRepository).values(kudos_id)),
            link=True,
        )
        uow.outbox.add(
            THANKED_UPDATE.message(
                thanked,
                team_id=team_id,
                channel=dm_channel,
                subject_id=kudos_id,
                depends_on_key=shoutout_key if has_shoutout else None,
            ),
            now=now,
        )
    return True
