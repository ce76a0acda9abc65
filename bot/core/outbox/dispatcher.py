"""The dispatcher: sends due outbox messages, at most once each, within Slack's limits.

Each message is claimed (``pending`` → ``sending``) and committed before Slack is called, then
marked ``sent`` with its ``ts``, or ``failed``; claims and outcomes are written in batches.
Only an answer that proves nothing was posted (429, a request never written) puts it back to
``pending``; one left in ``sending`` past its lease becomes ``unknown``, never sent again.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError

from bot.core.clock import Clock
from bot.core.metrics import Metrics
from bot.core.outbox.attempts import Attempt, attempt, record
from bot.core.outbox.claiming import UnconfirmedClaim, claim_batch, lease_for
from bot.core.outbox.leases import DEFAULT_CALL_TIMEOUT, DeliveryLeases
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.messages import MessageKinds
from bot.core.outbox.passes import DrainPass
from bot.core.outbox.quiet import NeverQuiet, QuietHours
from bot.core.outbox.sender import SlackSender
from bot.core.outbox.values import DueMessage
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# Slack calls in flight at once: at Slack's round trip of ~150 ms, enough to keep one process
# busy (about 400 messages a second over many workspaces, each within its own rate), while
# each lane (a channel, a DM) goes in order. The threads only render and wait on Slack.
DELIVERY_CONCURRENCY = 96
RETRY_POLL_SECONDS = 1.0
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
        quiet_hours: QuietHours | None = None,
        call_timeout: timedelta = DEFAULT_CALL_TIMEOUT,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._sender = sender
        self._limiter = limiter
        self._kinds = kinds
        self._quiet_hours = quiet_hours or NeverQuiet()
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
        self._leases = DeliveryLeases(unit_of_work, limiter, holder, call_timeout=call_timeout)
        # Outcomes the database could not take (it was down): written on the next pass, so a
        # 429 (proof that nothing was posted) is never lost to a lease running out.
        self._unrecorded: list[Attempt] = []
        self._unconfirmed: list[UnconfirmedClaim] = []  # claims whose commit went unanswered
        self._database_away = False  # the last pass found the database not answering

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

    @property
    def comes_back(self) -> bool:
        """Whether the thread drains again by itself soon (within a second), without a wake:
        something was held back by Slack's limits, another process's lease, or the database."""
        return self._deferred

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
            except SQLAlchemyError as error:
                self._deferred = True  # try again within a second
                if not self._database_away:
                    logger.warning(
                        "The database does not answer the dispatcher (%s)", type(error).__name__
                    )
                self._database_away = True
                continue
            except Exception:
                logger.exception("Delivering the outbox failed; trying again on the next wake")
            if self._database_away:
                self._database_away = False
                logger.warning("The database answers the dispatcher again")

    def _pause_before_drain(self) -> float:
        """How long until the limiter lets the next message out (at most a poll interval, so
        a channel's one-a-second pace and other processes' rows are seen too)."""
        opening = self._limiter.soonest_opening(self._clock.now()).total_seconds()
        return max(DEBOUNCE_SECONDS, min(RETRY_POLL_SECONDS, opening))

    # -- draining ----------------------------------------------------------------------------

    def drain(self) -> int:
        """Send every message that is due now, several at once; returns how many were
        attempted.

        Up to ``concurrency`` calls are in flight, one per lane (a channel, a DM, a Home, a
        person's ephemeral answers in a channel) so each lane keeps its order. A workspace is
        sent for only under its delivery lease, given back when the pass's calls are recorded.
        A workspace that must wait (429 pause, its rate, another process's lease) and a
        channel that must wait (about one message a second) are left out of this pass; both
        are tried again on a later one. Claims and outcomes are written in batches: one
        transaction for what is handed out together, one for the calls that finished together.
        """
        with self._drain_lock:
            self._deferred = False
            waiting = self._limiter.waiting_workspaces(self._clock.now())
            # Their rows are left out of the query: come back when the limiter lets them go.
            drain_pass = DrainPass(waiting, held_back=bool(waiting))
            in_flight: dict[Future[Attempt], tuple[str, str]] = {}
            attempted = 0
            try:
                self._record(drain_pass, in_flight, set())  # what a failed pass could not write
                while True:
                    attempted += self._hand_out(drain_pass, in_flight)
                    if not in_flight:
                        return attempted
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    self._record(drain_pass, in_flight, done)
                    drain_pass.reopen(self._limiter, self._clock.now())  # refunds, time passing
            finally:
                # Nothing outlives its pass: each call's outcome is recorded before the leases
                # go back (also when the pass itself failed).
                self._record(drain_pass, in_flight, wait(in_flight).done)
                self._leases.give_back(self._clock.now(), keep=drain_pass.still_waiting())
                self._deferred = self._deferred or drain_pass.held_back

    def _hand_out(
        self, drain_pass: DrainPass, in_flight: dict[Future[Attempt], tuple[str, str]]
    ) -> int:
        """Claim and start the next due messages that may go now, as far as there is room;
        read again while the pass finds more to leave out (a busy channel must not hide the
        rest). Returns how many were attempted or dealt with."""
        attempted = 0
        while (room := self._concurrency - len(in_flight)) > 0:
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
            chosen = list(drain_pass.sendable(due, self._limiter, now, room=room))
            if chosen:
                attempted += self._start(drain_pass, chosen, in_flight, now)
            if not due or (not chosen and drain_pass.left_out() == left_out):
                return attempted
        return attempted

    def _start(
        self,
        drain_pass: DrainPass,
        chosen: list[DueMessage],
        in_flight: dict[Future[Attempt], tuple[str, str]],
        now: datetime,
    ) -> int:
        """Claim ``chosen`` in one transaction, then call Slack for each one claimed."""
        try:
            with self._unit_of_work() as uow:
                claims = claim_batch(
                    uow, chosen, kinds=self._kinds, now=now, quiet_hours=self._quiet_hours
                )
        except SQLAlchemyError:
            # The claim may have been written though its answer was lost: nothing was sent,
            # so once the database answers, what it holds goes back to pending.
            ids = tuple(message.id for message in chosen)
            self._unconfirmed.append(UnconfirmedClaim(ids, lease_for(now)))
            self._refund(chosen, now)
            raise
        self._deferred = self._deferred or claims.postponed
        self._metrics.claim_sizes.observe(len(claims.ready))
        for kind, outcome in claims.outcomes:
            self._metrics.deliveries.labels(kind, outcome).inc()
        lanes = {message.id: message.lane_key for message in chosen}
        for claimed in claims.ready:
            future = self._pool().submit(attempt, self._sender, claimed, self._clock)
            in_flight[future] = lanes.pop(claimed.message.id)
        drain_pass.busy_lanes.difference_update(lanes.values())  # no call: the lanes reopen
        self._refund(claims.missed, now)
        return len(claims.ready) + claims.handled

    def _refund(self, messages: list[DueMessage], now: datetime) -> None:
        """The posts these were counted as when handed out were not made: give them back."""
        for message in messages:
            if message.channel is not None:
                self._limiter.refund(message.team_id, now)

    def _record(
        self,
        drain_pass: DrainPass,
        in_flight: dict[Future[Attempt], tuple[str, str]],
        done: set[Future[Attempt]],
    ) -> None:
        """Write what the finished calls came to (and what an earlier pass could not), in one
        transaction; their lanes reopen. If the database fails, they are kept for the next."""
        attempts = [*self._unrecorded, *(future.result() for future in done)]
        for future in done:
            drain_pass.busy_lanes.discard(in_flight.pop(future))
        if not attempts and not self._unconfirmed:
            return
        try:
            with self._unit_of_work() as uow:
                for claim in self._unconfirmed:
                    uow.outbox.give_back_claim(claim.message_ids, lease_until=claim.lease_until)
                postponed = record(uow, attempts, limiter=self._limiter, metrics=self._metrics)
        except SQLAlchemyError:
            self._unrecorded = attempts
            self._deferred = True
            raise
        self._unrecorded, self._unconfirmed = [], []
        self._deferred = self._deferred or postponed

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
