"""Seeding shared by the benchmarks: members and check-in schedules spread over real zones the
way a company has them, and fresh, migrated SQLite and PostgreSQL databases to seed."""

from __future__ import annotations

import os
import random
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

from sqlalchemy import Engine, bindparam, create_engine, delete, insert, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.checkins.models import CheckinSchedule
from bot.core.localtime import MONDAY_TO_FRIDAY, next_occurrence
from bot.core.store import migrate
from bot.core.store.base import Base
from bot.core.store.models import OutboxMessage, Workspace
from bot.members.models import Member

LOCAL_MINUTE = 9 * 60 + 30  # 09:30, the check-in time bench.tick seeds

BENCH_TEAMS = tuple(f"T{number:04d}BENCH" for number in range(10))
INSERT_CHUNK = 10_000
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
# Links and legacy names in the zone database that no Slack profile names.
NOT_PEOPLES_ZONES = ("Etc/", "SystemV/", "posix/", "right/")
# Where most of a large company works (share of all members); everyone else is spread evenly
# over every zone. Of these, only Europe/Berlin is at 09:30 at NOW.
POPULAR_ZONES = {
    "America/New_York": 0.20,
    "America/Los_Angeles": 0.12,
    "Europe/London": 0.12,
    "Asia/Kolkata": 0.10,
    "America/Chicago": 0.08,
    "Asia/Tokyo": 0.06,
    "Australia/Sydney": 0.04,
    "America/Sao_Paulo": 0.04,
    "Europe/Berlin": 0.03,
}

SCHEDULES = Base.metadata.tables[CheckinSchedule.__tablename__]
OUTBOX = Base.metadata.tables[OutboxMessage.__tablename__]
MEMBERS = Base.metadata.tables[Member.__tablename__]
WORKSPACES = Base.metadata.tables[Workspace.__tablename__]

_RESTORE = (
    update(SCHEDULES)
    .where(
        SCHEDULES.c.team_id == bindparam("b_team_id"),
        SCHEDULES.c.user_id == bindparam("b_user_id"),
    )
    .values(next_due_utc=bindparam("b_due"), next_local_date=bindparam("b_date"))
)


@dataclass(frozen=True, slots=True)
class Schedule:
    """One seeded schedule's identity and its next check-in."""

    team_id: str
    user_id: str
    tz: str
    due_utc: datetime
    local_date: date


@dataclass
class Seeded:
    """What was seeded, and who is due at ``now``."""

    members: int
    zones: int
    seconds: float
    due: list[Schedule] = field(default_factory=list)

    @property
    def due_users(self) -> set[str]:
        return {schedule.user_id for schedule in self.due}


def peoples_zones() -> list[str]:
    """The IANA zones a person's profile may name (``Area/Location``), sorted."""
    return sorted(
        name
        for name in available_timezones()
        if "/" in name and not name.startswith(NOT_PEOPLES_ZONES)
    )


def spread_over_zones(members: int, *, seed: int = 42) -> list[str]:
    """A zone for each member: the popular zones' shares, the rest evenly over all zones,
    in a shuffled order (rows are not grouped by zone)."""
    zones = peoples_zones()
    assigned = [name for name, share in POPULAR_ZONES.items() for _ in range(int(members * share))]
    assigned += [zones[i % len(zones)] for i in range(members - len(assigned))]
    random.Random(seed).shuffle(assigned)  # noqa: S311  # a repeatable order, not a secret
    return assigned


def seed(
    engine: Engine,
    zones: Sequence[str],
    *,
    now: datetime,
    previous_tick: datetime,
    teams: Sequence[str] = BENCH_TEAMS,
    local_minute: int = LOCAL_MINUTE,
    workdays: int = MONDAY_TO_FRIDAY,
) -> Seeded:
    """Bulk-insert one member and schedule per entry of ``zones`` (round-robin over
    ``teams``), each next due after ``previous_tick`` (as if the previous tick ran then);
    returns who is due at ``now``."""
    started = time.perf_counter()
    created = now - timedelta(days=30)
    upcoming = {
        name: next_occurrence(previous_tick, tz=name, local_minute=local_minute, workdays=workdays)
        for name in set(zones)
    }
    workspaces = [{"team_id": team, "name": team, "created_at": created} for team in teams]
    members: list[dict[str, Any]] = []
    schedules: list[dict[str, Any]] = []
    seeded = Seeded(members=len(zones), zones=len(set(zones)), seconds=0.0)
    for number, tz in enumerate(zones):
        team_id, user_id = teams[number % len(teams)], f"U{number:08d}"
        occurrence = upcoming[tz]
        assert occurrence is not None  # Monday to Friday always has a next workday
        members.append(
            {
                "team_id": team_id,
                "user_id": user_id,
                "display_name": f"Person {number}",
                "tz": tz,
                "is_bot": False,
                "deleted": False,
                "refreshed_at": created,
            }
        )
        schedules.append(
            {
                "team_id": team_id,
                "user_id": user_id,
                "status": "on",
                "tz": tz,
                "local_minute": local_minute,
                "workdays": workdays,
                "resume_on": None,
                "next_due_utc": occurrence.due_utc,
                "next_local_date": occurrence.local_date,
                "created_at": created,
                "updated_at": created,
            }
        )
        if occurrence.due_utc <= now:
            seeded.due.append(
                Schedule(team_id, user_id, tz, occurrence.due_utc, occurrence.local_date)
            )
    with engine.begin() as connection:
        connection.execute(insert(WORKSPACES), workspaces)
        for table, rows in ((MEMBERS, members), (SCHEDULES, schedules)):
            for start in range(0, len(rows), INSERT_CHUNK):
                connection.execute(insert(table), rows[start : start + INSERT_CHUNK])
    seeded.seconds = time.perf_counter() - started
    return seeded


def settle_database(engine: Engine) -> None:
    """What the database would get soon in production: a WAL checkpoint on SQLite (the
    tick's job), ``VACUUM ANALYZE`` on PostgreSQL (autovacuum's)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


@contextmanager
def sqlite_database() -> Iterator[str]:
    """A fresh, migrated SQLite file."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate.upgrade(url)
        yield url


def postgres_server(given: str | None) -> URL:
    """The server to create databases on, with the psycopg 3 driver."""
    url = make_url(given or os.environ.get("TEST_DATABASE_URL") or DEFAULT_POSTGRES)
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    return url


def postgres_problem(server: URL) -> str | None:
    """Why databases cannot be made on ``server``, or None when they can."""
    admin = create_engine(server, connect_args={"connect_timeout": 5})
    try:
        with admin.connect() as connection:
            allowed = connection.execute(
                text("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
            ).scalar()
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        return f"{server.render_as_string()} is unreachable: {' '.join(str(reason).split())}"
    finally:
        admin.dispose()
    return None if allowed else f"{server.username} may not create databases"


@contextmanager
def postgres_database(server: URL, purpose: str) -> Iterator[str]:
    """A fresh, migrated database on ``server``, dropped afterwards."""
    name = f"kindling_bench_{purpose}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = server.set(database=name).render_as_string(hide_password=False)
            migrate.upgrade(url)
            yield url
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def reset(engine: Engine, due: Sequence[Schedule]) -> None:
    """Empty the outbox and put the claimed schedules back where they were."""
    with engine.begin() as connection:
        connection.execute(delete(OUTBOX))
        connection.execute(
            _RESTORE,
            [
                {
                    "b_team_id": item.team_id,
                    "b_user_id": item.user_id,
                    "b_due": item.due_utc,
                    "b_date": item.local_date,
                }
                for item in due
            ],
        )
    settle_database(engine)
