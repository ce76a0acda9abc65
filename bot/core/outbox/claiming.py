"""Claiming a batch of due messages in one transaction, before Slack is called: each becomes
``sending`` (at most once, whichever process asks), is read as its kind, and is set aside
when it cannot or should not be sent (a kind this version does not know, an unreadable
payload, a deadline passed) or should wait (its person's quiet hours)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.metrics import DeliveryOutcome
from bot.core.outbox.claimed import Claimed, current_payload, linked_message, too_late
from bot.core.outbox.messages import MessageKinds, NothingToSayError, UnreadablePayloadError
from bot.core.outbox.quiet import NeverQuiet, QuietHours, person_of
from bot.core.outbox.values import DueMessage
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)  # a message left ``sending`` longer becomes ``unknown``
UNKNOWN_KIND_RETRY = timedelta(minutes=5)


@dataclass
class Claims:
    """What one batch claim came to."""

    ready: list[Claimed] = field(default_factory=list)  # to send now
    missed: list[DueMessage] = field(default_factory=list)  # taken first, too late, held: no call
    outcomes: list[tuple[str, DeliveryOutcome]] = field(default_factory=list)  # by kind
    handled: int = 0  # set aside without a call, but dealt with (postponed or failed)
    postponed: bool = False  # a kind this version does not know waits for a newer one


@dataclass(frozen=True, slots=True)
class UnconfirmedClaim:
    """A claim whose commit went unanswered (the connection failed as it committed): it may
    have been written, but no call was made for its messages."""

    message_ids: tuple[int, ...]
    lease_until: datetime  # the lease it gave them: only rows still holding it are its own


def lease_for(now: datetime) -> datetime:
    """The lease a claim made at ``now`` gives its messages."""
    return now + LEASE


def claim_batch(
    uow: UnitOfWork,
    due: Sequence[DueMessage],
    *,
    kinds: MessageKinds,
    now: datetime,
    quiet_hours: QuietHours | None = None,
) -> Claims:
    """Claim ``due`` in ``uow`` and read each claimed message as its kind; one that waits for
    its person's working hours goes back to ``pending`` until then."""
    claims = Claims()
    won = set(uow.outbox.claim_batch([message.id for message in due], lease_until=lease_for(now)))
    messages = {message.id: message for message in uow.outbox.get_many(won)}
    for message in due:
        row = messages.get(message.id)
        if row is None:
            claims.missed.append(message)
        elif _held(uow, row, kinds, now, quiet_hours or NeverQuiet()):
            claims.missed.append(message)  # no call: its post is given back
            claims.outcomes.append((row.kind, DeliveryOutcome.HELD))
            claims.handled += 1
        elif not _read(uow, row, kinds, now, claims):
            claims.missed.append(message)
    return claims


def _held(
    uow: UnitOfWork,
    message: OutboxMessage,
    kinds: MessageKinds,
    now: datetime,
    quiet_hours: QuietHours,
) -> bool:
    """Whether ``message`` waits for its person's next working hour (postponed until then)."""
    person = person_of(message.channel)
    if person is None or message.kind not in kinds or not kinds[message.kind].quiet_hours:
        return False
    opens_at = quiet_hours.opens_at(uow, message.team_id, person, now)
    if opens_at <= now:
        return False
    logger.info("Outbox message %d (%s) waits for %s", message.id, message.kind, opens_at)
    uow.outbox.postpone(message.id, not_before=opens_at)
    return True


def _read(
    uow: UnitOfWork, message: OutboxMessage, kinds: MessageKinds, now: datetime, claims: Claims
) -> bool:
    """Read one claimed message into ``claims``; False if it came too late (no call made)."""
    if message.kind not in kinds:
        # Written by a newer version of Kindling: leave it for a process that knows it.
        logger.warning("Outbox message %d has unknown kind %r", message.id, message.kind)
        uow.outbox.postpone(message.id, not_before=now + UNKNOWN_KIND_RETRY)
        claims.postponed = True
        claims.handled += 1
        return True
    kind = kinds[message.kind]
    try:
        payload = current_payload(uow, kind, message, now)
    except NothingToSayError:
        logger.info("Outbox message %d (%s) has nothing left to say", message.id, message.kind)
        uow.outbox.mark_superseded(message.id)
        uow.outbox.release_followers(message.team_id, message.idempotency_key)
        claims.outcomes.append((message.kind, DeliveryOutcome.SKIPPED))
        return False
    except UnreadablePayloadError as error:
        logger.warning("Outbox message %d cannot be read: %s", message.id, error)
        uow.outbox.mark_failed(message.id, error="unreadable_payload")
        uow.outbox.release_followers(message.team_id, message.idempotency_key)
        claims.outcomes.append((message.kind, DeliveryOutcome.FAILED))
        claims.handled += 1
        return True
    if too_late(kind, payload, now):
        logger.info("Outbox message %d (%s) was too late to send", message.id, message.kind)
        uow.outbox.mark_skipped_late(message.id)
        uow.outbox.release_followers(message.team_id, message.idempotency_key)
        claims.outcomes.append((message.kind, DeliveryOutcome.SKIPPED))
        return False
    claims.ready.append(Claimed(message, kind, payload, linked_message(uow, message, payload)))
    return True
