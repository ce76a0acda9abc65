"""The dispatcher: sends due outbox messages, at most once each, within Slack's limits.

Each message is claimed (``pending`` → ``sending``) and committed before Slack is called, then
marked ``sent`` with its ``ts``, or ``failed``. Only an answer that proves nothing was posted
(429, a refused connection) puts it back to ``pending``; one left in ``sending`` past its lease
becomes ``unknown`` and is never sent again.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from bot.core.clock import Clock
from bot.core.metrics import DeliveryOutcome, Metrics
from bot.core.outbox.claimed import Claimed, current_payload, linked_message, too_late
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.leases import DeliveryLeases
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.messages import (
    MessageKinds,
    UnreadablePayloadError,
)
from bot.core.outbox.passes import DrainPass
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.repository import DueMessage
from bot.core.outbox.sender import RetryLaterError, SlackSender, UncertainDeliveryError
from bot.core.outbox.settling import settle
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BATCH_SIZE = 100
# Slack calls in flight at once: enough for a workspace's 50 posts a second at a round trip of
# 300 ms, or many workspaces at their own rates, while each lane (channel, DM) goes in order.
DELIVERY_CONCURRENCY = 16
RETRY_POLL_SECONDS = 1.0
UNKNOWN_KIND_RETRY = timedelta(minutes=5)
# After a wake, gather what else is being written for a moment, then drain once.
DEBOUNCE_SECONDS = 0.05


class Dispatcher:
    """Delivers the outbox; ``drain`` sends what is due now, the thread keeps draining."""

    def __init__(  # noqa: PLR0913  # keyword-only: the dispatcher's collaborators, given by the composition root
        self,
        *,
        unit_of_work: UnitOfWorkFactory,
        sender: SlackSender,
        limiter: RateLimiter,
        kinds: MessageKinds,
        clock: Clock,
        metrics: Metrics | None = None,
        concurrency: int = DELIVERY_CONCURRENCY,
        holder: str | None = None,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._sender = sender
        self._limiter = limiter
        self._kinds = kinds
        self._clock = clock
        self._metrics = metrics or Metrics()
        self._drain_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._deferred = False
        self._concurrency = concurrency
        self._pool_lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._leases = DeliveryLeases(unit_of_work, limiter, holder)

    # -- background thread -------------------------------------------------------------------

    def start(self) -> None:
        """Drain in a background thread whenever woken (and soon after a deferral)."""
        self._thread = threading.Thread(target=self._run, name="kindling-outbox", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        with self._pool_lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False)
                self._executor = None

    def wake(self) -> None:
        """New messages were written (or a tick passed): drain soon."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            if self._deferred:  # Slack's limits held messages back: go when they let one out
                woken = self._wake.wait(self._pause_before_drain())
            else:
                woken = self._wake.wait()
            # Gather what else is being written: a busy workspace wakes the dispatcher on
            # every request, and each pass reads the outbox.
            if woken and self._stopping.wait(DEBOUNCE_SECONDS):
                return
            if self._stopping.is_set():
                return
            self._wake.clear()
            try:
                self.drain()
            except Exception:
                logger.exception("Delivering the outbox failed; trying again on the next wake")

    def _pause_before_drain(self) -> float:
        """How long until the limiter lets the next message out (at most a poll interval, so
        a channel's one-a-second pace and other processes' rows are seen too)."""
        opening = self._limiter.soonest_opening(self._clock.now()).total_seconds()
        return max(DEBOUNCE_SECONDS, min(RETRY_POLL_SECONDS, opening))

    # -- draining ----------------------------------------------------------------------------

    def drain(self) -> int:
        """Send every message that is due now, several at once; returns how many were
        attempted.

        Up to ``concurrency`` calls are in flight, one per lane (a channel, a DM, a Home) so
        each lane keeps its order. A workspace is sent for only under its delivery lease,
        given back when the pass's calls have settled. A workspace that must wait (429 pause,
        its rate, another process's lease) and a channel that must wait (about one message a
        second) are left out of this pass; both are tried again on a later one.
        """
        with self._drain_lock:
            self._deferred = False
            waiting = self._limiter.waiting_workspaces(self._clock.now())
            # Their rows are left out of the query: come back when the limiter lets them go.
            drain_pass = DrainPass(waiting, held_back=bool(waiting))
            in_flight: dict[Future[bool], tuple[str, str]] = {}
            attempted = 0
            try:
                while True:
                    self._hand_out(drain_pass, in_flight)
                    if not in_flight:
                        return attempted
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in done:
                        drain_pass.busy_lanes.discard(in_flight.pop(future))
                        attempted += future.result()
                    drain_pass.reopen(self._limiter, self._clock.now())  # refunds, time passing
            finally:
                wait(in_flight)  # nothing outlives its pass: each call settles its own row
                self._leases.give_back(self._clock.now())
                self._deferred = self._deferred or drain_pass.held_back

    def _hand_out(
        self, drain_pass: DrainPass, in_flight: dict[Future[bool], tuple[str, str]]
    ) -> None:
        """Start the next due messages that may go now, as far as there is room; read again
        while the pass finds more to leave out (a busy channel must not hide the rest)."""
        room = self._concurrency - len(in_flight)
        while room > 0:
            left_out = drain_pass.left_out()
            now = self._clock.now()
            with self._unit_of_work() as uow:
                due = uow.outbox.due(
                    now,
                    limit=BATCH_SIZE,
                    skip_teams=drain_pass.waiting_teams | drain_pass.elsewhere,
                    skip_channels=drain_pass.waiting_channels,
                    busy_lanes=drain_pass.busy_lanes,
                )
            drain_pass.held_elsewhere(self._leases.cover({m.team_id for m in due}, now))
            for message in drain_pass.sendable(due, self._limiter, now, room=room):
                in_flight[self._pool().submit(self._deliver, message, now)] = message.lane_key
                room -= 1
            if not due or drain_pass.left_out() == left_out:
                return

    def _pool(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=self._concurrency, thread_name_prefix="kindling-send"
                )
            return self._executor

    def expire_leases(self, uow: UnitOfWork, now: datetime) -> int:
        """A tick job: messages left ``sending`` past their lease become ``unknown``, and
        whatever waited on a settled message is released (also after a crash in between)."""
        expired = uow.outbox.expire_leases(now)
        if expired:
            logger.warning("%d outbox messages were left sending; marked unknown", expired)
        uow.outbox.release_all_settled_followers()
        return expired

    def _deliver(self, due: DueMessage, now: datetime) -> bool:
        """Claim, send and settle one message; False if another process claimed it first or
        it came too late to be sent (then it is recorded ``skipped_late``)."""
        with self._unit_of_work() as uow:
            claimed = self._claim(uow, due, now)
        if not isinstance(claimed, Claimed):
            if due.channel is not None:  # Slack was not called: the post it was counted as
                self._limiter.refund(due.team_id, now)
            return claimed
        message, kind = claimed.message, claimed.kind
        linked = claimed.linked
        permalink = self._sender.permalink(message.team_id, *linked) if linked else None
        delivery = self._send(message, kind.render(claimed.payload, permalink), now)
        if delivery is None:
            return True
        finished = self._clock.now()
        with self._unit_of_work() as uow:
            settle(uow, message, kind, delivery, finished)
        self._counted(message, _outcome(delivery))
        return True

    def _claim(self, uow: UnitOfWork, due: DueMessage, now: datetime) -> Claimed | bool:
        """Take ``due`` and read it as its kind; or what :meth:`_deliver` returns instead."""
        if not uow.outbox.claim(due.id, lease_until=now + LEASE):
            return False
        message = uow.outbox.get(due.id)
        if message is None:
            return False
        if message.kind not in self._kinds:
            # Written by a newer version of Kindling: leave it for a process that knows it.
            logger.warning("Outbox message %d has unknown kind %r", message.id, message.kind)
            uow.outbox.postpone(message.id, not_before=now + UNKNOWN_KIND_RETRY)
            self._deferred = True
            return True
        kind = self._kinds[message.kind]
        try:
            payload = current_payload(uow, kind, message, now)
        except UnreadablePayloadError as error:
            logger.warning("Outbox message %d cannot be read: %s", message.id, error)
            self._settle_unsent(uow, message, DeliveryOutcome.FAILED)
            return True
        if too_late(kind, payload, now):
            logger.info("Outbox message %d (%s) was too late to send", message.id, message.kind)
            self._settle_unsent(uow, message, DeliveryOutcome.SKIPPED)
            return False
        return Claimed(message, kind, payload, linked_message(uow, message, payload))

    def _settle_unsent(
        self, uow: UnitOfWork, message: OutboxMessage, outcome: DeliveryOutcome
    ) -> None:
        """Record a message that will never be sent: unreadable, or found too late."""
        if outcome is DeliveryOutcome.SKIPPED:
            uow.outbox.mark_skipped_late(message.id)
        else:
            uow.outbox.mark_failed(message.id, error="unreadable_payload")
        uow.outbox.release_followers(message.team_id, message.idempotency_key)
        self._counted(message, outcome)

    def _send(
        self, message: OutboxMessage, rendered: RenderedMessage, now: datetime
    ) -> Delivery | None:
        """Call Slack; None when the outcome is already recorded (wait, or uncertain)."""
        try:
            return self._sender.send(message, rendered)
        except RetryLaterError as retry:
            self._counted(message, DeliveryOutcome.RETRY_LATER)
            self._metrics.slack_waits.labels(retry.cause).inc()
            self._limiter.pause(message.team_id, now + retry.delay)
            self._postpone(message, now + retry.delay)
            logger.info(
                "Slack asked to wait %s (%s) for %s", retry.delay, retry.reason, message.team_id
            )
            return None
        except UncertainDeliveryError as error:
            self._counted(message, DeliveryOutcome.UNCERTAIN)
            with self._unit_of_work() as uow:
                uow.outbox.mark_unknown(message.id, error=str(error) or "timeout")
                uow.outbox.release_followers(message.team_id, message.idempotency_key)
            return None
        except Exception as error:
            logger.exception("Sending outbox message %d failed", message.id)
            return Delivery(delivered=False, error=type(error).__name__)

    def _counted(self, message: OutboxMessage, outcome: DeliveryOutcome) -> None:
        self._metrics.deliveries.labels(message.kind, outcome).inc()

    def _postpone(self, message: OutboxMessage, not_before: datetime) -> None:
        self._deferred = True
        with self._unit_of_work() as uow:
            uow.outbox.postpone(message.id, not_before=not_before)


def _outcome(delivery: Delivery) -> DeliveryOutcome:
    if delivery.delivered:
        return DeliveryOutcome.SENT
    return DeliveryOutcome.SKIPPED if delivery.skipped else DeliveryOutcome.FAILED
