"""Recording what Slack answered for a message, and the kind's reaction to it."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.core.outbox.delivery import Delivery
from bot.core.outbox.messages import MessageKind, Payload
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)


def settle(
    uow: UnitOfWork,
    message: OutboxMessage,
    kind: MessageKind[Payload],
    delivery: Delivery,
    now: datetime,
) -> None:
    """Record the outcome and react to it in ``uow``; a failing reaction is rolled back to
    its savepoint and cannot undo the outcome."""
    if delivery.delivered:
        uow.outbox.mark_sent(message.id, now=now, channel=delivery.channel, ts=delivery.ts)
    elif delivery.skipped:
        uow.outbox.mark_skipped(message.id, reason=delivery.error or "skipped")
    else:
        logger.warning(
            "Outbox message %d (%s) was not delivered: %s",
            message.id,
            message.kind,
            delivery.error,
        )
        uow.outbox.mark_failed(message.id, error=delivery.error or "unknown_error")
    uow.outbox.release_followers(message.team_id, message.idempotency_key)
    hook = kind.on_delivered
    if hook is None:
        return
    try:
        with uow.savepoint():
            hook(uow, message, delivery, now)
    except Exception:
        logger.exception("Reacting to outbox message %d (%s) failed", message.id, message.kind)
