"""Fan-out of 5,000 morning check-ins through the real outbox dispatcher, against Slack's cap.

Seeds 5,000 members of one workspace whose check-in is due now, runs ``claim_due_checkins``
once (one outbox row each), and delivers them with Kindling's own ``Dispatcher``,
``SlackSender``, ``RateLimiter`` (``messages_per_minute`` = the cap x 60) and renderers, over
real HTTP, to a fake Slack in a process of its own (``bench.fake_slack --post-cap``) that
enforces a workspace cap the way Slack does: past CAP ``chat.postMessage`` in the current
1-second window it answers 429 with ``Retry-After: 1``. Every DM goes to a different person,
so the one-message-a-second-per-channel limit never bites.

The cap sets a floor: no sender can be done in less than MESSAGES / CAP seconds. Printed per
driver: the time until no message is left pending or sending (the database is polled every
50 ms), its ratio to the floor (the target is <= 1.1x; printed, never asserted), the 429s the
fake returned, the time spent inside ``SlackSender.send``, duplicates (people posted to more
than once) and losses (people never posted to). Two drivers, each on a fresh database and
fresh fake:

- thread: ``dispatcher.start()`` and one ``wake()``, as ``kindling run`` does (its tick also
  wakes the dispatcher, once per tick interval; not here);
- drain loop: ``dispatcher.drain()`` called again as soon as the limiter says a message may
  go (``RateLimiter.soonest_opening``): what the dispatcher can do when it never oversleeps.

Exits non-zero if any delivery was duplicated or lost (a correctness failure), not on time.

Each driver runs once per ``--concurrency`` (Slack calls in flight at once; the default
``1,16`` measures one message at a time beside the pool, in the same run), and
``--latency-ms`` makes the fake answer every call after that delay, as Slack's round trip
does (it serves calls concurrently).

Run: ``python -m bench.fanout [--messages N] [--cap PER_SECOND] [--quick]
[--drivers thread,drain] [--latency-ms MS] [--concurrency 1,16] [--postgres-url URL]``.
SQLite by default; with ``--postgres-url`` a fresh database is created on that server (and
dropped afterwards) instead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, func, select

from bench.tick import (
    OUTBOX,
    postgres_database,
    postgres_problem,
    postgres_server,
    seed,
    sqlite_database,
)
from bot.checkins.messages import CHECKIN
from bot.checkins.service.claims import claim_due_checkins
from bot.core.clock import SystemClock
from bot.core.localtime import EVERY_DAY
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.dispatcher import Dispatcher
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.sender import SlackSender
from bot.core.outbox.values import OPEN, OutboxStatus
from bot.core.slack.client import build_web_client
from bot.core.store.engine import build_engine, build_session_factory
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.features import message_kinds
from tests.fakeslack.server import BOT_TOKEN, TEAM_ID

DEFAULT_MESSAGES = 5_000
QUICK_MESSAGES = 500
DEFAULT_CAP = 50
TARGET_RATIO = 1.1
POLL_SECONDS = 0.05
SHORTEST_WAIT_SECONDS = 0.005
DRIVERS = ("thread", "drain")


@dataclass(frozen=True)
class Outcome:
    """One driver's run."""

    driver: str
    seconds: float
    finished: bool
    statuses: dict[str, int]
    rate_limited: int
    most_in_a_window: int
    duplicates: int
    losses: int
    send_calls: int
    send_seconds: float


class TimedSender(SlackSender):
    """Kindling's sender, timing each call (the 429s and errors too)."""

    def __init__(self, client_for: Callable[[str], Any]) -> None:
        super().__init__(client_for)
        self.calls = 0
        self.seconds = 0.0

    def send(self, message: OutboxMessage, rendered: RenderedMessage) -> Delivery:
        started = time.perf_counter()
        try:
            return super().send(message, rendered)
        finally:
            self.calls += 1
            self.seconds += time.perf_counter() - started


class CappedSlackProcess:
    """``bench.fake_slack --post-cap`` in a process of its own."""

    def __init__(self, cap: int, *, latency_ms: float) -> None:
        command = [sys.executable, "-m", "bench.fake_slack", "0", "--post-cap", str(cap)]
        self._process = subprocess.Popen(
            [*command, "--latency-ms", str(latency_ms)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line.startswith("api_url "):
            self._process.kill()
            raise RuntimeError("the fake Slack did not start")
        self.api_url = line.split()[1]

    def stop(self) -> dict[str, Any]:
        """Stop it; what it counted (see ``bench.fake_slack``)."""
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._process.stdin.close()
        rest = self._process.stdout.read()
        self._process.wait(timeout=15)
        for line in rest.splitlines():
            if line.startswith("stats "):
                stats: dict[str, Any] = json.loads(line.removeprefix("stats "))
                return stats
        raise RuntimeError("the fake Slack gave no stats")


def open_messages(engine: Engine) -> int:
    with engine.connect() as connection:
        query = select(func.count()).where(OUTBOX.c.status.in_(OPEN))
        return int(connection.scalar(query) or 0)


def statuses(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(OUTBOX.c.status, func.count())
            .where(OUTBOX.c.kind == CHECKIN.name)
            .group_by(OUTBOX.c.status)
        )
        return {str(status): int(count) for status, count in rows}


@dataclass(frozen=True)
class Run:
    """How one run delivers: the driver, Slack's cap and round trip, Kindling's settings."""

    driver: str
    cap: int
    per_minute: int
    latency_ms: float
    concurrency: int
    timeout: float


def run_driver(run: Run, url: str, messages: int) -> Outcome:
    """Seed, claim, deliver with ``run.driver`` to a fresh fake Slack; what happened."""
    driver = run.driver
    engine = build_engine(url)
    slack = CappedSlackProcess(run.cap, latency_ms=run.latency_ms)
    try:
        unit_of_work = UnitOfWorkFactory(build_session_factory(engine))
        clock = SystemClock()
        expected = _seed_and_claim(engine, unit_of_work, clock, messages)
        posting = build_web_client(token=BOT_TOKEN, base_url=slack.api_url, retry=False)
        sender = TimedSender(lambda _team_id: posting)
        limiter = RateLimiter(messages_per_minute=run.per_minute)
        dispatcher = Dispatcher(
            unit_of_work=unit_of_work,
            sender=sender,
            limiter=limiter,
            kinds=message_kinds(),
            clock=clock,
            concurrency=run.concurrency,
        )
        started = time.perf_counter()
        deadline = started + run.timeout
        if driver == "thread":
            finished = _deliver_with_thread(dispatcher, engine, deadline)
        else:
            finished = _deliver_with_drain_loop(dispatcher, limiter, clock, engine, deadline)
        seconds = time.perf_counter() - started
        outcome_statuses = statuses(engine)
    finally:
        stats = slack.stop()
        engine.dispose()
    posted: dict[str, int] = stats["posted"]
    return Outcome(
        driver=f"{driver}/{run.concurrency}",
        seconds=seconds,
        finished=finished,
        statuses=outcome_statuses,
        rate_limited=int(stats["rate_limited"]),
        most_in_a_window=int(stats["most_in_a_window"]),
        duplicates=sum(count - 1 for count in posted.values() if count > 1),
        losses=len(expected - posted.keys()),
        send_calls=sender.calls,
        send_seconds=sender.seconds,
    )


def _seed_and_claim(
    engine: Engine, unit_of_work: UnitOfWorkFactory, clock: SystemClock, messages: int
) -> set[str]:
    """``messages`` members of one workspace whose check-in is due this minute, claimed into
    the outbox; returns their user ids."""
    now = clock.now()
    minute = now.replace(second=0, microsecond=0)
    seeded = seed(
        engine,
        ["UTC"] * messages,
        now=now,
        previous_tick=minute - timedelta(minutes=1),
        teams=(TEAM_ID,),
        local_minute=minute.hour * 60 + minute.minute,
        workdays=EVERY_DAY,
    )
    claimed = 0
    while True:  # a tick claims at most CLAIM_BATCH at a time
        with unit_of_work() as uow:
            report = claim_due_checkins(uow, clock.now())
        if not report.claimed:
            break
        claimed += report.claimed
    if len(seeded.due) != messages or claimed != messages:
        raise RuntimeError(f"{len(seeded.due)} due and {claimed} claimed of {messages}")
    return seeded.due_users


def _deliver_with_thread(dispatcher: Dispatcher, engine: Engine, deadline: float) -> bool:
    """The dispatcher's own thread, woken once; True when nothing is left to send."""
    dispatcher.start()
    dispatcher.wake()
    try:
        while open_messages(engine):
            if time.perf_counter() > deadline:
                return False
            time.sleep(POLL_SECONDS)  # polling for completion, not for correctness
        return True
    finally:
        dispatcher.stop()


def _deliver_with_drain_loop(
    dispatcher: Dispatcher,
    limiter: RateLimiter,
    clock: SystemClock,
    engine: Engine,
    deadline: float,
) -> bool:
    """``drain()`` again as soon as the limiter lets a message out; True when done."""
    while True:
        dispatcher.drain()
        if not open_messages(engine):
            return True
        if time.perf_counter() > deadline:
            return False
        opening = limiter.soonest_opening(clock.now()).total_seconds()
        time.sleep(max(SHORTEST_WAIT_SECONDS, opening))


# -- the run ---------------------------------------------------------------------------------


def _databases(postgres_url: str | None) -> Iterator[tuple[str, AbstractContextManager[str]]]:
    """Fresh databases, one per driver: SQLite files, or PostgreSQL databases."""
    if postgres_url is None:
        while True:
            yield "SQLite", sqlite_database()
    server = postgres_server(postgres_url)
    problem = postgres_problem(server)
    if problem is not None:
        raise SystemExit(f"PostgreSQL: {problem}")
    while True:
        yield "PostgreSQL", postgres_database(server, "fanout")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=DEFAULT_MESSAGES)
    parser.add_argument("--cap", type=int, default=DEFAULT_CAP, help="posts per second")
    parser.add_argument(
        "--limiter-per-minute", type=int, default=None, help="Kindling's rate (default cap x 60)"
    )
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_MESSAGES} messages")
    parser.add_argument("--drivers", default=",".join(DRIVERS), help="thread, drain or both")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per driver")
    parser.add_argument("--postgres-url", default=None, help="a server to create databases on")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="Slack's round trip")
    parser.add_argument(
        "--concurrency",
        default="1,16",
        help="Slack calls in flight at once, one run each (1: one message at a time)",
    )
    args = parser.parse_args()
    messages = QUICK_MESSAGES if args.quick else args.messages
    drivers = [name.strip() for name in args.drivers.split(",") if name.strip()]
    if not drivers or any(name not in DRIVERS for name in drivers):
        parser.error(f"--drivers takes {' and/or '.join(DRIVERS)}")
    per_minute = args.limiter_per_minute or args.cap * 60
    floor = messages / args.cap
    timeout = args.timeout if args.timeout is not None else 10 * floor + 60
    databases = _databases(args.postgres_url)
    outcomes: list[Outcome] = []
    database_name = ""
    for driver in drivers:
        for concurrency in (int(n) for n in args.concurrency.split(",")):
            run = Run(driver, args.cap, per_minute, args.latency_ms, concurrency, timeout)
            database_name, database = next(databases)
            with database as url:
                outcomes.append(run_driver(run, url, messages))
    _print(database_name, messages, args.cap, per_minute, outcomes)
    print(f"Slack's round trip (the fake's latency): {args.latency_ms:g} ms")
    if any(outcome.duplicates or outcome.losses for outcome in outcomes):
        sys.exit(1)


def _print(
    database: str, messages: int, cap: int, per_minute: int, outcomes: list[Outcome]
) -> None:
    floor = messages / cap
    print(
        f"== {database}: {messages:,} check-ins to one workspace; fake Slack cap {cap}/s "
        f"(429 + Retry-After: 1), limiter {per_minute}/min; floor {floor:.1f} s =="
    )
    print(
        f"{'driver/conc':11s} {'seconds':>8s} {'x floor':>8s} {'msg/s':>7s} {'429s':>5s} "
        f"{'max/1s':>6s} {'in send':>8s} {'dups':>5s} {'lost':>5s}  statuses"
    )
    for outcome in outcomes:
        sent = outcome.statuses.get(OutboxStatus.SENT, 0)
        print(
            f"{outcome.driver:11s} {outcome.seconds:8.1f} {outcome.seconds / floor:8.2f} "
            f"{sent / outcome.seconds:7.1f} {outcome.rate_limited:5d} "
            f"{outcome.most_in_a_window:6d} {outcome.send_seconds:7.1f}s "
            f"{outcome.duplicates:5d} {outcome.losses:5d}  "
            f"{', '.join(f'{k}={v}' for k, v in sorted(outcome.statuses.items()))}"
            f"{'' if outcome.finished else '  (TIMED OUT)'}"
        )
    for outcome in outcomes:
        met = (
            outcome.finished
            and outcome.seconds / floor <= TARGET_RATIO
            and outcome.duplicates == outcome.losses == 0
        )
        print(
            f"{outcome.driver}: target <= {TARGET_RATIO}x floor "
            f"{'met' if met else 'NOT met'}; duplicates {outcome.duplicates}, "
            f"losses {outcome.losses}; {outcome.send_calls} Slack calls"
        )


if __name__ == "__main__":
    main()
