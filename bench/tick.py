"""The check-in tick against 100,000 members, against a naive scan, on SQLite and PostgreSQL.

Seeds a fresh database with 100,000 members (``workspaces``, ``members``, ``checkin_schedules``:
on, 09:30 local, Monday to Friday), spread over every IANA zone this machine knows (500+),
with most people in a few popular zones, as a real company would have them. Schedules are
seeded as if the previous tick ran one minute before ``NOW`` (Tuesday 09:30 in Berlin), so
the tick at ``NOW`` finds the burst of everyone whose 09:30 is that minute: Berlin and every
zone on the same offset (about 4,900 people at 100,000 members).

Two ways to do that minute's work are timed (``time.perf_counter``), in the same run, on the
same data:

- tick: one unit of work calling ``claim_due_checkins(uow, NOW)``, commit included: an indexed
  query for due schedules, one set-based insert of the outbox rows, one executemany moving the
  schedules on;
- naive: one transaction that reads every schedule that is on (all 100,000 rows, only the
  columns needed), checks each one's local time with ``zoneinfo`` in Python, and inserts an
  outbox row for each due member with one INSERT per member. It does not move schedules on
  (a naive design needs no ``next_due_utc``), so it does less writing than the tick.

Between passes the outbox is emptied and the claimed schedules are put back, so every pass
sees the same state. The first pass of each is reported apart ("cold": fresh connections,
statements not yet compiled); then ``--runs`` rounds alternate tick and naive passes.
PostgreSQL tables are ``VACUUM ANALYZE``d after seeding and after each reset, as autovacuum
would soon do; SQLite gets what Kindling's tick gives it (a WAL checkpoint, no ``ANALYZE``).

The issue's target is a tick of at most 100 ms for 100,000 members on both databases; it is
printed, never asserted. Exits non-zero only when a pass claims the wrong members.

Run: ``python -m bench.tick [--members N] [--runs N] [--postgres-url URL | --no-postgres]``
(``--postgres-url`` names a server database to connect to; a fresh database is created on
that server and dropped afterwards; default ``TEST_DATABASE_URL``, else
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, insert, select

from bench.seeding import (
    OUTBOX,
    SCHEDULES,
    Seeded,
    postgres_database,
    postgres_problem,
    postgres_server,
    reset,
    seed,
    settle_database,
    spread_over_zones,
    sqlite_database,
)
from bot.checkins.messages import CHECKIN
from bot.checkins.service.claims import ClaimReport, claim_due_checkins
from bot.core.outbox.values import DeliveryMethod
from bot.core.store.engine import build_engine, build_session_factory
from bot.core.store.unit_of_work import UnitOfWorkFactory

# bench.fanout and bench.delivery import these from here (they live in bench.seeding).
__all__ = [
    "OUTBOX",
    "postgres_database",
    "postgres_problem",
    "postgres_server",
    "seed",
    "sqlite_database",
]

NOW = datetime(2025, 3, 4, 8, 30, tzinfo=UTC)  # a Tuesday, 09:30 in Berlin (CET, +01:00)
TARGET_SECONDS = 0.100
DEFAULT_MEMBERS = 100_000
DEFAULT_RUNS = 5

# -- the two ways of doing the minute's work -------------------------------------------------


@dataclass
class Timings:
    """The first (cold) pass apart from the warm ones."""

    cold: float | None = None
    warm: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        if self.cold is None:
            self.cold = seconds
        else:
            self.warm.append(seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.warm)

    @property
    def best(self) -> float:
        return min(self.warm)


def tick_pass(unit_of_work: UnitOfWorkFactory, now: datetime) -> tuple[float, ClaimReport]:
    """Kindling's tick job: one unit of work, commit included."""
    started = time.perf_counter()
    with unit_of_work() as uow:
        report = claim_due_checkins(uow, now)
    return time.perf_counter() - started, report


def naive_pass(engine: Engine, now: datetime) -> tuple[float, int]:
    """Read every schedule, find who is at their check-in minute in Python, insert their
    outbox rows one INSERT each; returns the time and how many were inserted."""
    started = time.perf_counter()
    with engine.begin() as connection:
        rows = connection.execute(
            select(
                SCHEDULES.c.team_id,
                SCHEDULES.c.user_id,
                SCHEDULES.c.tz,
                SCHEDULES.c.local_minute,
                SCHEDULES.c.workdays,
            ).where(SCHEDULES.c.status == "on")
        ).all()
        inserted = 0
        for team_id, user_id, tz, local_minute, workdays in rows:
            local = now.astimezone(ZoneInfo(tz))
            if not workdays & (1 << local.weekday()):
                continue
            if local.hour * 60 + local.minute != local_minute:
                continue
            local_date = local.date()
            connection.execute(
                insert(OUTBOX),
                {
                    "team_id": team_id,
                    "idempotency_key": CHECKIN.key_for(user_id=user_id, local_date=local_date),
                    "kind": CHECKIN.name,
                    "method": DeliveryMethod.POST_MESSAGE,
                    "channel": user_id,
                    "payload": {"user_id": user_id, "local_date": local_date.isoformat()},
                    "status": "pending",
                    "attempts": 0,
                    "not_before": now,
                    "created_at": now,
                },
            )
            inserted += 1
    return time.perf_counter() - started, inserted


def claimed_users(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(
            connection.scalars(select(OUTBOX.c.channel).where(OUTBOX.c.kind == CHECKIN.name))
        )


def still_due(engine: Engine, now: datetime) -> int:
    with engine.connect() as connection:
        query = select(func.count()).where(
            SCHEDULES.c.status == "on", SCHEDULES.c.next_due_utc <= now
        )
        return int(connection.scalar(query) or 0)


# -- the run ---------------------------------------------------------------------------------


def run_database(name: str, url: str, members: int, runs: int) -> bool:
    """Seed, time both passes, print the table; False if a pass claimed the wrong members."""
    engine = build_engine(url)
    try:
        seeded = seed(
            engine,
            spread_over_zones(members),
            now=NOW,
            previous_tick=NOW - timedelta(minutes=1),
        )
        settle_database(engine)
        return _measure(name, engine, seeded, runs)
    finally:
        engine.dispose()


def _measure(name: str, engine: Engine, seeded: Seeded, runs: int) -> bool:
    unit_of_work = UnitOfWorkFactory(build_session_factory(engine))
    expected = seeded.due_users
    print(
        f"\n== {name}: {seeded.members:,} members in {seeded.zones} zones, seeded in "
        f"{seeded.seconds:.1f} s; {len(expected):,} due at {NOW:%Y-%m-%d %H:%M} UTC =="
    )
    tick, naive, idle = Timings(), Timings(), Timings()
    problems: list[str] = []
    claimed_counts: set[int] = set()
    for round_number in range(runs + 1):  # round 0: the cold passes
        seconds, report = tick_pass(unit_of_work, NOW)
        tick.add(seconds)
        claimed_counts.add(report.claimed)
        claimed, left = claimed_users(engine), still_due(engine, NOW)
        if report.claimed != len(expected) or claimed != expected or left:
            problems.append(
                f"tick round {round_number} claimed {report.claimed} "
                f"({len(claimed ^ expected)} members differ, {left} left due)"
            )
        seconds, again = tick_pass(unit_of_work, NOW)  # the same minute again: nothing due
        idle.add(seconds)
        if again.claimed:
            problems.append(f"tick round {round_number} claimed {again.claimed} twice")
        reset(engine, seeded.due)
        seconds, inserted = naive_pass(engine, NOW)
        naive.add(seconds)
        if inserted != len(expected) or claimed_users(engine) != expected:
            problems.append(f"naive round {round_number} found {inserted}")
        reset(engine, seeded.due)
    _print_table(tick, idle, naive)
    met = tick.median <= TARGET_SECONDS
    print(
        f"target (tick <= {TARGET_SECONDS * 1000:.0f} ms for {seeded.members:,} members): "
        f"{'met' if met else 'NOT met'} (median {tick.median * 1000:.1f} ms)"
    )
    counts = ", ".join(f"{count:,}" for count in sorted(claimed_counts))
    print(
        f"claimed per tick: {counts} of {len(expected):,} due"
        f"{'' if not problems else ' -- WRONG: ' + '; '.join(problems)}"
    )
    return not problems


def _print_table(tick: Timings, idle: Timings, naive: Timings) -> None:
    print(f"{'pass':58s} {'cold ms':>9s} {'median ms':>9s} {'min ms':>9s}")
    rows = (
        ("tick: claim_due_checkins, commit included", tick),
        ("tick again in the same minute (nothing due)", idle),
        ("naive: read all schedules, zoneinfo check, 1 INSERT each", naive),
    )
    for label, timings in rows:
        print(
            f"{label:58s} {(timings.cold or 0.0) * 1000:9.1f} {timings.median * 1000:9.1f} "
            f"{timings.best * 1000:9.1f}"
        )
    print(f"naive / tick (median): {naive.median / tick.median:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="warm rounds (>= 1)")
    parser.add_argument("--postgres-url", default=None, help="a server to create databases on")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    runs = max(1, args.runs)
    print(f"Check-in tick at {NOW.isoformat()}; {runs} warm rounds after one cold round.")
    correct = True
    with sqlite_database() as url:
        correct &= run_database("SQLite", url, args.members, runs)
    if args.no_postgres:
        print("\nPostgreSQL: skipped (--no-postgres)")
    else:
        server = postgres_server(args.postgres_url)
        problem = postgres_problem(server)
        if problem is not None:
            print(f"\nPostgreSQL: skipped ({problem})")
        else:
            with postgres_database(server, "tick") as url:
                correct &= run_database("PostgreSQL", url, args.members, runs)
    if not correct:
        sys.exit(1)


if __name__ == "__main__":
    main()
