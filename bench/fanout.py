"""Fan-out of 5,000 morning check-ins through the real outbox dispatcher, against Slack's cap.

Seeds 5,000 members whose check-in is due now (in one workspace, or round-robin over
``--workspaces N``), runs ``claim_due_checkins`` (one outbox row each), and delivers them with
Kindling's own ``Dispatcher``, ``SlackSender``, ``RateLimiter`` (``messages_per_minute`` = the
cap x 60) and renderers, over real HTTP, to a fake Slack in a process of its own
(``bench.fake_slack --post-cap``) that enforces each workspace's cap the way Slack does: past
CAP ``chat.postMessage`` of one workspace in the current 1-second window it answers 429 with
``Retry-After: 1``. Every DM goes to a different person, so the one-message-a-second-per-
channel limit never bites.

The cap sets a floor: no sender can be done in less than MESSAGES / (CAP x WORKSPACES)
seconds. Printed per driver: the time until no message is left pending or sending (the
database is polled every 50 ms), its ratio to the floor (the target is <= 1.1x; printed,
never asserted), the 429s the fake returned, the most one workspace had accepted in any
1-second window, the time spent inside ``SlackSender.send``, duplicates (people posted to
more than once) and losses (people never posted to). Drivers, each on a fresh database and
fresh fake:

- thread: ``dispatcher.start()`` and one ``wake()``, as ``kindling run`` does (its tick also
  wakes the dispatcher, once per tick interval; not here); with ``--replicas R`` (on
  PostgreSQL), R such processes (``bench.replica``) share the database, started at once;
- drain loop: ``dispatcher.drain()`` called again as soon as the limiter says a message may
  go (``RateLimiter.soonest_opening``): what the dispatcher can do when it never oversleeps.

Exits non-zero if any delivery was duplicated or lost (a correctness failure), not on time.

Each driver runs once per ``--concurrency`` (Slack calls in flight at once; the default
``1,96`` measures one message at a time beside Kindling's pool, in the same run) and per
``--latency-ms`` (the fake answers every call after that delay, as Slack's round trip does,
serving calls concurrently; ``0,150`` also prints the throughput at 150 ms over that at 0 ms,
measured in the same run).

Run: ``python -m bench.fanout [--messages N] [--cap PER_SECOND] [--quick]
[--drivers thread,drain] [--latency-ms MS,...] [--concurrency 1,96] [--workspaces N]
[--replicas R] [--postgres-url URL]``. SQLite by default; with ``--postgres-url`` a fresh
database is created on that server (and dropped afterwards) instead.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import time
from dataclasses import asdict, replace
from datetime import timedelta

from sqlalchemy import Engine

from bench.delivery import (
    CappedSlackProcess,
    Delivering,
    Run,
    build_dispatcher,
    deliver_with_thread,
    fresh_databases,
    open_messages,
    statuses,
)
from bench.fake_slack import bench_team
from bench.fanout_report import Outcome, print_outcomes
from bench.tick import seed
from bot.checkins.service.claims import claim_due_checkins
from bot.core.clock import SystemClock
from bot.core.localtime import EVERY_DAY
from bot.core.outbox.dispatcher import DELIVERY_CONCURRENCY
from bot.core.store.engine import build_engine, build_session_factory
from bot.core.store.unit_of_work import UnitOfWorkFactory

DEFAULT_MESSAGES = 5_000
QUICK_MESSAGES = 500
DEFAULT_CAP = 50
SHORTEST_WAIT_SECONDS = 0.005
DRIVERS = ("thread", "drain")


def run_driver(run: Run, url: str, messages: int) -> Outcome:
    """Seed, claim, deliver with ``run.driver`` (in ``run.replicas`` processes) to a fresh
    fake Slack; what happened."""
    engine = build_engine(url)
    slack = CappedSlackProcess(run.cap, latency_ms=run.latency_ms, workspaces=run.workspaces)
    try:
        unit_of_work = UnitOfWorkFactory(build_session_factory(engine))
        expected = _seed_and_claim(engine, unit_of_work, SystemClock(), messages, run.workspaces)
        started = time.perf_counter()
        deadline = started + run.timeout
        if run.replicas > 1:
            finished, calls, in_send = _deliver_with_replicas(run, url, slack.api_url)
        else:
            delivering = build_dispatcher(engine, slack.api_url, run)
            if run.driver == "thread":
                finished = deliver_with_thread(delivering.dispatcher, engine, deadline)
            else:
                finished = _deliver_with_drain_loop(delivering, engine, deadline)
            calls, in_send = delivering.sender.calls, delivering.sender.seconds
        seconds = time.perf_counter() - started
        outcome_statuses = statuses(engine)
    finally:
        stats = slack.stop()
        engine.dispose()
    posted: dict[str, int] = stats["posted"]
    replicas = f"x{run.replicas}" if run.replicas > 1 else ""
    return Outcome(
        driver=f"{run.driver}/{run.concurrency}{replicas}@{run.latency_ms:g}ms",
        seconds=seconds,
        finished=finished,
        statuses=outcome_statuses,
        rate_limited=int(stats["rate_limited"]),
        most_in_a_window=int(stats["most_in_a_window"]),
        duplicates=sum(count - 1 for count in posted.values() if count > 1),
        losses=len(expected - posted.keys()),
        send_calls=calls,
        send_seconds=in_send,
        latency_ms=run.latency_ms,
        concurrency=run.concurrency,
    )


def _deliver_with_replicas(run: Run, url: str, api_url: str) -> tuple[bool, int, float]:
    """``run.replicas`` processes (``bench.replica``), started at once; whether all finished,
    their Slack calls and the seconds spent in them."""
    command = [sys.executable, "-m", "bench.replica", url, api_url, json.dumps(asdict(run))]
    replicas = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for _ in range(run.replicas)
    ]
    for replica in replicas:
        assert replica.stdout is not None
        if replica.stdout.readline().strip() != "ready":
            raise RuntimeError("a replica did not start")
    for replica in replicas:
        assert replica.stdin is not None
        replica.stdin.write("go\n")
        replica.stdin.flush()
    reports = []
    for replica in replicas:
        output, _ = replica.communicate(timeout=run.timeout + 30)
        line = next(line for line in output.splitlines() if line.startswith("done "))
        reports.append(json.loads(line.removeprefix("done ")))
    return (
        all(report["finished"] for report in reports),
        sum(int(report["calls"]) for report in reports),
        sum(float(report["seconds"]) for report in reports),
    )


def _seed_and_claim(
    engine: Engine,
    unit_of_work: UnitOfWorkFactory,
    clock: SystemClock,
    messages: int,
    workspaces: int,
) -> set[str]:
    """``messages`` members over ``workspaces`` whose check-in is due this minute, claimed
    into the outbox; returns their user ids."""
    now = clock.now()
    minute = now.replace(second=0, microsecond=0)
    seeded = seed(
        engine,
        ["UTC"] * messages,
        now=now,
        previous_tick=minute - timedelta(minutes=1),
        teams=[bench_team(number, workspaces) for number in range(workspaces)],
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


def _deliver_with_drain_loop(delivering: Delivering, engine: Engine, deadline: float) -> bool:
    """``drain()`` again as soon as the limiter lets a message out; True when done."""
    while True:
        delivering.dispatcher.drain()
        if not open_messages(engine):
            return True
        if time.perf_counter() > deadline:
            return False
        opening = delivering.limiter.soonest_opening(delivering.clock.now()).total_seconds()
        time.sleep(max(SHORTEST_WAIT_SECONDS, opening))


# -- the run ---------------------------------------------------------------------------------


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
    parser.add_argument(
        "--latency-ms", default="0", help="Slack's round trip, one run each (e.g. 0,150)"
    )
    parser.add_argument(
        "--concurrency",
        default=f"1,{DELIVERY_CONCURRENCY}",
        help="Slack calls in flight at once, one run each (1: one message at a time)",
    )
    parser.add_argument("--workspaces", type=int, default=1, help="each with the cap")
    parser.add_argument("--replicas", type=int, default=1, help="thread processes (PostgreSQL)")
    args = parser.parse_args()
    if args.replicas > 1 and (args.postgres_url is None or args.drivers != "thread"):
        parser.error("--replicas takes --postgres-url and --drivers thread")
    messages = QUICK_MESSAGES if args.quick else args.messages
    drivers = [name.strip() for name in args.drivers.split(",") if name.strip()]
    if not drivers or any(name not in DRIVERS for name in drivers):
        parser.error(f"--drivers takes {' and/or '.join(DRIVERS)}")
    per_minute = args.limiter_per_minute or args.cap * 60
    floor = messages / (args.cap * args.workspaces)
    timeout = args.timeout if args.timeout is not None else 10 * floor + 60
    databases = fresh_databases(args.postgres_url)
    outcomes: list[Outcome] = []
    database_name = ""
    latencies = [float(ms) for ms in args.latency_ms.split(",")]
    concurrencies = [int(n) for n in args.concurrency.split(",")]
    for driver, latency, concurrency in itertools.product(drivers, latencies, concurrencies):
        run = Run(driver, args.cap, per_minute, latency, concurrency, timeout)
        run = replace(run, workspaces=args.workspaces, replicas=args.replicas)
        database_name, database = next(databases)
        with database as url:
            outcomes.append(run_driver(run, url, messages))
    print_outcomes(database_name, messages, args, per_minute, outcomes)
    if any(outcome.duplicates or outcome.losses for outcome in outcomes):
        sys.exit(1)


if __name__ == "__main__":
    main()
