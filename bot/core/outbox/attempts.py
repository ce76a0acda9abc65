"""One Slack call per claimed message, made in a sending thread, and what came of it,
recorded later by the dispatcher with the others that finished (one transaction for all)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.core.clock import Clock
from bot.core.metrics import DeliveryOutcome, Metrics
from bot.core.outbox.claimed import Claimed
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.quiet import HeldError, person_of
from bot.core.outbox.sender import RetryLaterError, SlackSender, UncertainDeliveryError
from bot.core.outbox.settling import Outcome, settle
from bot.core.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Attempt:
    """A claimed message after its Slack call: delivered or not, or to retry, or unknown."""

    claimed: Claimed
    finished: datetime
    delivery: Delivery | None = None
    retry: RetryLaterError | None = None  # Slack proved nothing was posted
    held_until: datetime | None = None  # not sent: its person is on do-not-disturb until then
    uncertain: UncertainDeliveryError | None = None  # it may have been posted


def attempt(sender: SlackSender, claimed: Claimed, clock: Clock) -> Attempt:
    """Render and send ``claimed`` (linking to the message it follows); never raises."""
    message = claimed.message
    try:
        linked = claimed.linked
        permalink = sender.permalink(message.team_id, *linked) if linked else None
        quiet_for = person_of(message.channel) if claimed.kind.quiet_hours else None
        rendered = claimed.kind.render(claimed.payload, permalink)
        delivery = sender.send(message, rendered, quiet_for=quiet_for)
        if permalink is not None:
            delivery = replace(delivery, permalink=permalink)
    except HeldError as held:
        return Attempt(claimed, clock.now(), held_until=held.until)
    except RetryLaterError as retry:
        return Attempt(claimed, clock.now(), retry=retry)
    except UncertainDeliveryError as uncertain:
        return Attempt(claimed, clock.now(), uncertain=uncertain)
    except Exception as error:
        logger.exception("Sending outbox message %d failed", message.id)
        delivery = Delivery(delivered=False, error=type(error).__name__)
    return Attempt(claimed, clock.now(), delivery=delivery)


def record(
    uow: UnitOfWork, attempts: Sequence[Attempt], *, limiter: RateLimiter, metrics: Metrics
) -> bool:
    """Record what ``attempts`` came to in ``uow``; True if a message waits to be sent again."""
    outcomes = []
    postponed = False
    for done in attempts:
        message = done.claimed.message
        if done.retry is not None:
            _retry_later(uow, done, done.retry, limiter=limiter, metrics=metrics)
            postponed = True
        elif done.held_until is not None:
            metrics.deliveries.labels(message.kind, DeliveryOutcome.HELD).inc()
            uow.outbox.postpone(message.id, not_before=done.held_until)
        elif done.delivery is None:
            reason = str(done.uncertain or "") or "timeout"
            logger.warning(
                "Outbox message %d (%s) may have been posted (%s): unknown, not sent again",
                message.id,
                message.kind,
                reason,
            )
            metrics.deliveries.labels(message.kind, DeliveryOutcome.UNCERTAIN).inc()
            uow.outbox.mark_unknown(message.id, error=reason)
            uow.outbox.release_followers(message.team_id, message.idempotency_key)
        else:
            outcomes.append(Outcome(message, done.claimed.kind, done.delivery, done.finished))
            metrics.deliveries.labels(message.kind, _outcome(done.delivery)).inc()
    settle(uow, outcomes)
    return postponed


def _retry_later(
    uow: UnitOfWork,
    done: Attempt,
    retry: RetryLaterError,
    *,
    limiter: RateLimiter,
    metrics: Metrics,
) -> None:
    """Slack proved nothing was posted: the workspace pauses, the message waits."""
    message = done.claimed.message
    until = done.finished + retry.delay
    metrics.deliveries.labels(message.kind, DeliveryOutcome.RETRY_LATER).inc()
    metrics.slack_waits.labels(retry.cause).inc()
    limiter.pause(message.team_id, until)
    uow.outbox.postpone(message.id, not_before=until)
    logger.info("Slack asked to wait %s (%s) for %s", retry.delay, retry.reason, message.team_id)


def _outcome(delivery: Delivery) -> DeliveryOutcome:
    if delivery.delivered:
        return DeliveryOutcome.SENT
    return DeliveryOutcome.SKIPPED if delivery.skipped else DeliveryOutcome.FAILED
