"""One Slack call per claimed message, made in a sending thread, and what came of it,
recorded later by the dispatcher with the others that finished (one transaction for all)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.core.clock import Clock
from bot.core.metrics import DeliveryOutcome, Metrics
from bot.core.outbox.claimed import Claimed
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.sender import RetryLaterError, SlackSender, UncertainDeliveryError
from bot.core.outbox.settling import settle
from bot.core.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Attempt:
    """A claimed message after its Slack call: delivered or not, or to retry, or unknown."""

    claimed: Claimed
    finished: datetime
    delivery: Delivery | None = None
    retry: RetryLaterError | None = None  # Slack proved nothing was posted
    uncertain: UncertainDeliveryError | None = None  # it may have been posted


def attempt(sender: SlackSender, claimed: Claimed, clock: Clock) -> Attempt:
    """Render and send ``claimed`` (linking to the message it follows); never raises."""
    message = claimed.message
    try:
        linked = claimed.linked
        permalink = sender.permalink(message.team_id, *linked) if linked else None
        delivery = sender.send(message, claimed.kind.render(claimed.payload, permalink))
    except RetryLaterError as retry:
        return Attempt(claimed, clock.now(), retry=retry)
    except UncertainDeliveryError as uncertain:
        return Attempt(claimed, clock.now(), uncertain=uncertain)
    except Exception as error:
        logger.exception("Sending outbox message %d failed", message.id)
        delivery = Delivery(delivered=False, error=type(error).__name__)
    return Attempt(claimed, clock.now(), delivery=delivery)


def record(uow: UnitOfWork, done: Attempt, *, limiter: RateLimiter, metrics: Metrics) -> bool:
    """Record ``done`` in ``uow``; True if the message waits to be sent again."""
    message, kind = done.claimed.message, done.claimed.kind
    if done.retry is not None:
        until = done.finished + done.retry.delay
        metrics.deliveries.labels(message.kind, DeliveryOutcome.RETRY_LATER).inc()
        metrics.slack_waits.labels(done.retry.cause).inc()
        limiter.pause(message.team_id, until)
        uow.outbox.postpone(message.id, not_before=until)
        logger.info(
            "Slack asked to wait %s (%s) for %s",
            done.retry.delay,
            done.retry.reason,
            message.team_id,
        )
        return True
    if done.uncertain is not None or done.delivery is None:
        metrics.deliveries.labels(message.kind, DeliveryOutcome.UNCERTAIN).inc()
        uow.outbox.mark_unknown(message.id, error=str(done.uncertain or "") or "timeout")
        uow.outbox.release_followers(message.team_id, message.idempotency_key)
        return False
    settle(uow, message, kind, done.delivery, done.finished)
    metrics.deliveries.labels(message.kind, _outcome(done.delivery)).inc()
    return False


def _outcome(delivery: Delivery) -> DeliveryOutcome:
    if delivery.delivered:
        return DeliveryOutcome.SENT
    return DeliveryOutcome.SKIPPED if delivery.skipped else DeliveryOutcome.FAILED
