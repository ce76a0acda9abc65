"""The tick of ``bench.scale`` on one seeded database: nothing due, a simulated day, the busiest
minute again.

The tick is the composition root's own (``build_kindling`` with OAuth installs and a manual
clock, its ``Ticker.tick_database()``: every database job, the check-in claim among them); the
check-in claim's share of each tick is read from Kindling's own metric
(``kindling_tick_job_seconds``). The dispatcher is never started: nothing is delivered, so the
outbox keeps every claimed check-in for the checks.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from pydantic import SecretStr
from sqlalchemy import Engine, and_, bindparam, delete, func, select, text, update

from bench.scale_seed import DAY, PREVIOUS_TICK, Population
from bench.seeding import OUTBOX, SCHEDULES, settle_database
from bot.app import Kindling, build_kindling
from bot.checkins.messages import CHECKIN
from bot.checkins.service.claims import claim_due_checkins
from bot.config import Settings
from bot.core.localtime import MONDAY_TO_FRIDAY, next_occurrence
from tests.fakeslack.server import CLIENT_ID, CLIENT_SECRET
from tests.support.clock import ManualClock
from tests.support.signing import SIGNING_SECRET

CLAIM_JOB = "claim due check-ins"
MINUTES_IN_A_DAY = 1440
IDLE_RUNS = 20
BUSIEST_RUNS = 3
STATE_SECRET = "bench-scale-state-secret"


def oauth_settings(database_url: str, api_url: str) -> Settings:
    """Kindling with OAuth installs (no Slack call at start-up), immune to the environment."""
    return Settings(
        _env_file=None,
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret=SecretStr(CLIENT_SECRET),
        slack_state_secret=SecretStr(STATE_SECRET),
        slack_signing_secret=SecretStr(SIGNING_SECRET),
        slack_app_token=None,
        slack_api_url=api_url,
        database_url=SecretStr(database_url),
        port=0,
    )


@dataclass
class TickFigures:
    """What one database's run measured (seconds) and found wrong."""

    idle_claim: list[float] = field(default_factory=list)
    idle_tick: list[float] = field(default_factory=list)
    day_ticks: list[float] = field(default_factory=list)
    day_claims: list[float] = field(default_factory=list)
    day_claimed: list[int] = field(default_factory=list)
    busiest_at: datetime = DAY
    busiest_due: int = 0
    busiest_in_day: float = 0.0
    busiest_again: list[float] = field(default_factory=list)
    day_seconds: float = 0.0
    analyzed: int = 0  # tables analyzed in the day in autovacuum's stead
    idle_jobs: list[dict[str, float]] = field(default_factory=list)
    day_jobs: list[dict[str, float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def per_due(self) -> float:
        """The busiest minute's claim per due check-in (median of the repeats)."""
        return statistics.median(self.busiest_again) / max(1, self.busiest_due)


def measure(url: str, engine: Engine, population: Population) -> TickFigures:
    """Idle ticks, the day, its checks, then the busiest minute's claim again."""
    figures = TickFigures()
    expected = population.due_by_minute()
    figures.busiest_at, figures.busiest_due = expected.most_common(1)[0]
    clock = ManualClock(PREVIOUS_TICK)
    kindling = build_kindling(oauth_settings(url, "http://127.0.0.1:9/api/"), clock=clock)
    try:
        _idle(kindling, figures)
        _day(kindling, clock, expected, figures)
        figures.problems += check_outbox(engine, population)
        _busiest_again(kindling, engine, population, figures)
    finally:
        kindling.close()
    return figures


def _job_seconds(kindling: Kindling) -> dict[str, float]:
    """Seconds spent in each tick job so far (Kindling's ``kindling_tick_job_seconds``)."""
    return {
        sample.labels["job"]: sample.value
        for metric in kindling.metrics.registry.collect()
        for sample in metric.samples
        if sample.name == "kindling_tick_job_seconds_sum"
    }


def _timed_tick(kindling: Kindling) -> tuple[float, dict[str, float]]:
    """One ``tick_database()``: its seconds, and each job's share of them."""
    before = _job_seconds(kindling)
    started = time.perf_counter()
    kindling.ticker.tick_database()
    seconds = time.perf_counter() - started
    after = _job_seconds(kindling)
    return seconds, {job: after[job] - before.get(job, 0.0) for job in after}


def _idle(kindling: Kindling, figures: TickFigures) -> None:
    """At 23:59 the evening before: nothing is due yet."""
    for _ in range(IDLE_RUNS):
        started = time.perf_counter()
        with kindling.unit_of_work() as uow:
            claimed = claim_due_checkins(uow, PREVIOUS_TICK).claimed
        figures.idle_claim.append(time.perf_counter() - started)
        seconds, jobs = _timed_tick(kindling)
        figures.idle_tick.append(seconds)
        figures.idle_jobs.append(jobs)
        if claimed:
            figures.problems.append(f"{claimed} claimed before anything was due")


# Autovacuum's default: a table is analyzed once this many rows plus a tenth of it changed.
ANALYZE_THRESHOLD = 50
ANALYZE_SCALE_FACTOR = 0.1
_TABLES_TO_ANALYZE = text(
    "SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
    " WHERE s.n_mod_since_analyze > :threshold + :scale * greatest(c.reltuples, 0)"
)


def autovacuum_is_on(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.scalar(text("SHOW autovacuum")) == "on")


def analyze_as_autovacuum_would(engine: Engine) -> int:
    """``ANALYZE`` each table autovacuum's defaults would analyze now; how many. (This
    machine's server runs with autovacuum off: a simulated day of a million schedule updates
    would otherwise leave the planner believing every schedule is due and reading them all.)"""
    with engine.connect() as connection:
        tables = connection.scalars(
            _TABLES_TO_ANALYZE, {"threshold": ANALYZE_THRESHOLD, "scale": ANALYZE_SCALE_FACTOR}
        ).all()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in tables:
            connection.execute(text(f'ANALYZE "{table}"'))
    return len(tables)


def _day(
    kindling: Kindling, clock: ManualClock, expected: Counter[datetime], figures: TickFigures
) -> None:
    """1,440 ticks, one a minute from 00:00 UTC; each must claim exactly what fell due. With
    autovacuum off on the server, the bench analyzes between ticks (untimed) as it would."""
    emulate = not autovacuum_is_on(kindling.engine)
    started = time.perf_counter()
    for minute in range(MINUTES_IN_A_DAY):
        now = DAY + timedelta(minutes=minute)
        clock.advance(now - clock.now())
        seconds, jobs = _timed_tick(kindling)
        claim = jobs.get(CLAIM_JOB, 0.0)
        figures.day_ticks.append(seconds)
        figures.day_claims.append(claim)
        figures.day_jobs.append(jobs)
        claimed = _claimed_at(kindling.engine, now)
        figures.day_claimed.append(claimed)
        if claimed != expected[now]:
            figures.problems.append(f"{now:%H:%M}: {claimed} claimed, {expected[now]} due")
        if now == figures.busiest_at:
            figures.busiest_in_day = claim
        if emulate:
            pause = time.perf_counter()
            figures.analyzed += analyze_as_autovacuum_would(kindling.engine)
            started += time.perf_counter() - pause
    figures.day_seconds = time.perf_counter() - started


def _claimed_at(engine: Engine, now: datetime) -> int:
    """Check-ins claimed for the minute ending at ``now`` (through the outbox's index)."""
    query = select(func.count()).where(
        OUTBOX.c.status == "pending",
        OUTBOX.c.not_before > now - timedelta(minutes=1),
        OUTBOX.c.not_before <= now,
        OUTBOX.c.kind == CHECKIN.name,
    )
    with engine.connect() as connection:
        return int(connection.scalar(query) or 0)


def check_outbox(engine: Engine, population: Population) -> list[str]:
    """After the day: one check-in per member, each for the local date and minute it was due,
    claimed in the tick of that minute; no schedule still due."""
    end = DAY + timedelta(days=1)
    with engine.connect() as connection:
        total, people, late = connection.execute(
            text(
                "SELECT count(*), count(DISTINCT (team_id, channel)),"
                " count(*) FILTER (WHERE created_at - not_before NOT BETWEEN"
                " interval '0' AND interval '59 seconds')"
                " FROM outbox WHERE kind = :kind"
            ),
            {"kind": CHECKIN.name},
        ).one()
        found = Counter(
            {
                (due, str(day)): int(count)
                for due, day, count in connection.execute(
                    text(
                        "SELECT not_before, payload->>'local_date', count(*) FROM outbox"
                        " WHERE kind = :kind GROUP BY 1, 2"
                    ),
                    {"kind": CHECKIN.name},
                )
            }
        )
        left = connection.scalar(
            select(func.count()).where(SCHEDULES.c.next_due_utc < end, SCHEDULES.c.status == "on")
        )
    problems = []
    if total != population.members or people != population.members:
        problems.append(f"{total} check-ins for {people} members; {population.members} expected")
    if late:
        problems.append(f"{late} check-ins claimed outside their minute")
    if found != population.due_by_day():
        problems.append("check-ins for other minutes or local dates than were due")
    if left:
        problems.append(f"{left} schedules still due after the day")
    return problems


def _busiest_again(
    kindling: Kindling, engine: Engine, population: Population, figures: TickFigures
) -> None:
    """Put the busiest minute's members back as they were before its tick (nothing else is due
    then: everyone else has moved on to another day), and claim that minute again."""
    at = figures.busiest_at
    groups = {key: day for key, (due, day) in population.occurrences.items() if due == at}
    for _ in range(BUSIEST_RUNS):
        _restore(engine, at, groups)
        started = time.perf_counter()
        with kindling.unit_of_work() as uow:
            claimed = claim_due_checkins(uow, at).claimed
        figures.busiest_again.append(time.perf_counter() - started)
        if claimed != figures.busiest_due:
            figures.problems.append(f"busiest minute again: {claimed} of {figures.busiest_due}")


def _restore(engine: Engine, at: datetime, groups: dict[tuple[str, int], date]) -> None:
    restore = (
        update(SCHEDULES)
        .where(
            SCHEDULES.c.next_due_utc == bindparam("b_moved"),
            SCHEDULES.c.tz == bindparam("b_tz"),
            SCHEDULES.c.local_minute == bindparam("b_minute"),
        )
        .values(next_due_utc=at, next_local_date=bindparam("b_day"))
    )
    rows = []
    for (tz, minute), day in groups.items():
        moved = next_occurrence(at, tz=tz, local_minute=minute, workdays=MONDAY_TO_FRIDAY)
        assert moved is not None
        rows.append({"b_moved": moved.due_utc, "b_tz": tz, "b_minute": minute, "b_day": day})
    with engine.begin() as connection:
        connection.execute(
            delete(OUTBOX).where(and_(OUTBOX.c.status == "pending", OUTBOX.c.not_before == at))
        )
        connection.execute(restore, rows)
    settle_database(engine)
