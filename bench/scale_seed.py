"""The population of ``bench.scale``, written to PostgreSQL with ``COPY``.

Workspaces of 100 members each. Every workspace has a home zone, drawn from the few dozen zones
where most people work (weighted roughly by how many people each has); of its members 60% work
in the home zone, 30% in one of those zones (same weights) and 10% anywhere on Earth. Check-in
times lie in 08:00-10:30 local: 40% keep the workspace default (09:30), 35% chose a
quarter-hour, 25% any minute. Everyone is on, Monday to Friday, seeded as if the previous tick
ran at 23:59 UTC the evening before ``DAY``: so each member is due exactly once during that
UTC day (a Tuesday; their local dates are that Tuesday or Wednesday, both workdays).

A population is a deterministic function of its size: the first 1,000 workspaces of the
1,000,000-member population are the 100,000-member one.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table

from bench.seeding import MEMBERS, SCHEDULES, WORKSPACES, peoples_zones
from bot.core.localtime import DEFAULT_LOCAL_MINUTE, MONDAY_TO_FRIDAY, next_occurrence

DAY = datetime(2025, 6, 10, tzinfo=UTC)  # a Tuesday; no zone changes its offset that week
PREVIOUS_TICK = DAY - timedelta(minutes=1)
MEMBERS_PER_WORKSPACE = 100
# Where most people work, weighted roughly by how many people each zone has.
TEAM_ZONES = {
    "America/New_York": 14,
    "America/Los_Angeles": 10,
    "America/Chicago": 7,
    "Europe/London": 7,
    "Asia/Kolkata": 6,
    "Europe/Berlin": 4,
    "Europe/Paris": 4,
    "America/Toronto": 3,
    "America/Denver": 3,
    "Asia/Tokyo": 3,
    "America/Sao_Paulo": 3,
    "Australia/Sydney": 3,
    "Europe/Amsterdam": 2,
    "Europe/Madrid": 2,
    "Europe/Dublin": 2,
    "Asia/Singapore": 2,
    "America/Mexico_City": 2,
    "Asia/Manila": 2,
    "Europe/Warsaw": 1.5,
    "Europe/Stockholm": 1,
    "Europe/Zurich": 1,
    "Europe/Istanbul": 1,
    "Europe/Kyiv": 1,
    "Asia/Jerusalem": 1,
    "Asia/Dubai": 1,
    "Asia/Shanghai": 1,
    "Asia/Seoul": 1,
    "Asia/Jakarta": 1,
    "Asia/Ho_Chi_Minh": 1,
    "America/Bogota": 1,
    "America/Argentina/Buenos_Aires": 1,
    "America/Phoenix": 1,
    "Africa/Lagos": 1,
    "Africa/Johannesburg": 1,
    "Pacific/Auckland": 1,
    "Australia/Adelaide": 0.5,
    "Asia/Kathmandu": 0.3,
}
HOME_SHARE, POPULAR_SHARE = 0.6, 0.3  # the rest: anywhere
DEFAULT_SHARE, QUARTER_SHARE = 0.40, 0.35  # the rest: any minute of 08:00-10:30
FIRST_MINUTE, LAST_MINUTE = 8 * 60, 10 * 60 + 30
QUARTERS = tuple(range(FIRST_MINUTE, LAST_MINUTE + 1, 15))


@dataclass
class Population:
    """Each member's zone and check-in minute, and when each is due on ``DAY``."""

    workspaces: int
    per_workspace: int
    zones: list[str]  # member number -> zone
    minutes: list[int]  # member number -> local minute
    occurrences: dict[tuple[str, int], tuple[datetime, date]] = field(default_factory=dict)

    @property
    def members(self) -> int:
        return len(self.zones)

    def team_of(self, number: int) -> str:
        return team_id(number // self.per_workspace)

    def due_by_minute(self) -> Counter[datetime]:
        """How many check-ins fall due at each UTC minute (all of them on ``DAY``)."""
        return Counter(
            self.occurrences[key][0] for key in zip(self.zones, self.minutes, strict=True)
        )

    def due_by_day(self) -> Counter[tuple[datetime, str]]:
        """How many check-ins fall due at each (UTC minute, local date)."""
        return Counter(
            (due, day.isoformat())
            for due, day in (
                self.occurrences[key] for key in zip(self.zones, self.minutes, strict=True)
            )
        )


def team_id(number: int) -> str:
    return f"T{number:05d}SCALE"


def user_id(number: int) -> str:
    return f"U{number:08d}"


def populate(
    workspaces: int, *, per_workspace: int = MEMBERS_PER_WORKSPACE, seed: int = 15
) -> Population:
    """The members of ``workspaces`` workspaces (see the module's note), deterministic."""
    rng = random.Random(seed)  # noqa: S311  # a repeatable population, not a secret
    popular, weights = list(TEAM_ZONES), list(TEAM_ZONES.values())
    everywhere = peoples_zones()
    zones: list[str] = []
    for _ in range(workspaces):
        home = rng.choices(popular, weights)[0]
        for _ in range(per_workspace):
            draw = rng.random()
            if draw < HOME_SHARE:
                zones.append(home)
            elif draw < HOME_SHARE + POPULAR_SHARE:
                zones.append(rng.choices(popular, weights)[0])
            else:
                zones.append(rng.choice(everywhere))
    population = Population(workspaces, per_workspace, zones, [_minute(rng) for _ in zones])
    for key in set(zip(zones, population.minutes, strict=True)):
        found = next_occurrence(
            PREVIOUS_TICK, tz=key[0], local_minute=key[1], workdays=MONDAY_TO_FRIDAY
        )
        assert found is not None  # Monday to Friday always has a next workday
        if not DAY <= found.due_utc < DAY + timedelta(days=1):
            raise AssertionError(f"{key} is not due on {DAY:%Y-%m-%d}: the day is wrong")
        population.occurrences[key] = (found.due_utc, found.local_date)
    return population


def _minute(rng: random.Random) -> int:
    draw = rng.random()
    if draw < DEFAULT_SHARE:
        return DEFAULT_LOCAL_MINUTE
    if draw < DEFAULT_SHARE + QUARTER_SHARE:
        return rng.choice(QUARTERS)
    return rng.randint(FIRST_MINUTE, LAST_MINUTE)


def write_population(engine: Engine, population: Population) -> float:
    """COPY the workspaces, members and schedules; returns the seconds it took."""
    started = time.perf_counter()
    created = DAY - timedelta(days=30)
    copy_rows(engine, WORKSPACES, _workspace_rows(population.workspaces))
    copy_rows(engine, MEMBERS, _member_rows(population, created))
    copy_rows(engine, SCHEDULES, _schedule_rows(population, created))
    return time.perf_counter() - started


def _workspace_rows(workspaces: int) -> Iterator[dict[str, Any]]:
    """Each workspace's directory sync and retention sweep last ran at its own moment of the
    day before, so each falls due once during ``DAY``, spread over it (as they would be)."""
    for number in range(workspaces):
        last = DAY - timedelta(days=1) + timedelta(days=1) * (number + 0.5) / workspaces
        yield {
            "team_id": team_id(number),
            "name": f"Workspace {number}",
            "created_at": DAY - timedelta(days=30),
            "members_synced_at": last,
            "retention_swept_at": last,
        }


def _member_rows(population: Population, created: datetime) -> Iterator[dict[str, Any]]:
    for number, tz in enumerate(population.zones):
        yield {
            "team_id": population.team_of(number),
            "user_id": user_id(number),
            "display_name": f"Person {number}",
            "tz": tz,
            "is_bot": False,
            "deleted": False,
            "refreshed_at": created,
        }


def _schedule_rows(population: Population, created: datetime) -> Iterator[dict[str, Any]]:
    for number, (tz, minute) in enumerate(zip(population.zones, population.minutes, strict=True)):
        due, local_date = population.occurrences[(tz, minute)]
        yield {
            "team_id": population.team_of(number),
            "user_id": user_id(number),
            "status": "on",
            "tz": tz,
            "local_minute": minute,
            "workdays": MONDAY_TO_FRIDAY,
            "next_due_utc": due,
            "next_local_date": local_date,
            "created_at": created,
            "updated_at": created,
        }


def copy_rows(engine: Engine, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """``COPY`` ``rows`` (dicts with the same keys) into ``table`` in one transaction."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    columns: Sequence[str] = list(first)
    raw = engine.raw_connection()
    try:
        driver: Any = raw.driver_connection  # a psycopg 3 connection
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write_row([first[name] for name in columns])
            for row in iterator:
                copy.write_row([row[name] for name in columns])
        raw.commit()
    finally:
        raw.close()
