"""What happens once a shout-out's delivery ends: noted, tried another way, or the giver told."""

from __future__ import annotations

from datetime import datetime

from bot.core.outbox.delivery import Delivery
from bot.core.outbox.values import DeliveryMethod
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.messages import SHOUTOUT, SHOUTOUT_RETRIED_AS_REPLY
from bot.kudos.repository import KudosRepository
from bot.kudos.service.announcements import tell_giver_not_announced


def on_shoutout_delivered(
    uow: UnitOfWork, message: OutboxMessage, delivery: Delivery, now: datetime
) -> None:
    """Note where the shout-out landed, or try another way, or tell the giver kindly."""
    kudos_id = message.subject_id
    if kudos_id is None:
        return
    if delivery.delivered:
        uow.repository(KudosRepository).mark_announced(
            kudos_id, channel_id=delivery.channel, ts=delivery.ts
        )
        return
    shout = SHOUTOUT.read(message.payload)
    if (
        message.method == DeliveryMethod.POST_MESSAGE
        and shout.response_url
        and delivery.channel_unreachable
    ):
        uow.outbox.add(
            SHOUTOUT_RETRIED_AS_REPLY.message(
                shout, team_id=message.team_id, channel=None, subject_id=kudos_id
            ),
            now=now,
        )
        return
    tell_giver_not_announced(uow, message.team_id, kudos_id, shout, now=now)
