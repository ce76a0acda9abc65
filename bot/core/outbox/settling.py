"""Recording what Slack answered for messages, and their kinds' reactions to it, for a batch
of messages in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.outbox.delivery import Delivery
from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.values import OutboxStatus
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one message's call ended, to be recorded."""

    message: OutboxMessage
    kind: MessageKind[Payload]
    delivery: Delivery
    at: datetime


def settle(uow: UnitOfWork, outcomes: Sequence[Outcome]) -> None:
    """Record the outcomes and react to them in ``uow``. The reactions run in one savepoint;
    if one fails they run again one savepoint each, so a failing reaction is rolled back
    alone and cannot undo an outcome or another reaction."""
    if not outcomes:
        return
    for outcome in outcomes:
        if not outcome.delivery.delivered and not outcome.delivery.skipped:
            logger.warning(
                "Outbox message %d (%s) was not delivered: %s",
                outcome.message.id,
                outcome.message.kind,
                outcome.delivery.error,
            )
    uow.outbox.finish_many([_finished(outcome) for outcome in outcomes])
    uow.outbox.release_followers_of(
        [(outcome.message.team_id, outcome.message.idempotency_key) for outcome in outcomes]
    )
    reacting = [outcome for outcome in outcomes if outcome.kind.on_delivered is not None]
    try:
        with uow.savepoint():
            for outcome in reacting:
                _react(uow, outcome)
    except Exception:  # noqa: BLE001  # found again, and logged, one at a time below
        for outcome in reacting:
            try:
                with uow.savepoint():
                    _react(uow, outcome)
            except Exception:
                logger.exception(
                    "Reacting to outbox message %d (%s) failed",
                    outcome.message.id,
                    outcome.message.kind,
                )


def _react(uow: UnitOfWork, outcome: Outcome) -> None:
    hook = outcome.kind.on_delivered
    if hook is not None:
        hook(uow, outcome.message, outcome.delivery, outcome.at)


def _finished(outcome: Outcome) -> dict[str, Any]:
    """The row's new values (the same keys for every outcome, so they go in one batch)."""
    delivery = outcome.delivery
    sent = delivery.delivered
    status = (
        OutboxStatus.SENT
        if sent
        else OutboxStatus.SKIPPED
        if delivery.skipped
        else OutboxStatus.FAILED
    )
    error = (
        None if sent else (delivery.error or ("skipped" if delivery.skipped else "unknown_error"))
    )
    return {
        "id": outcome.message.id,
        "status": status,
        "lease_until": None,
        "sent_at": outcome.at if sent else None,
        "sent_channel": delivery.channel if sent else None,
        "sent_ts": delivery.ts if sent else None,
        "error": error[:200] if error else None,
    }
