"""A tick looks for every job's work in one statement and runs only the jobs that have some."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Select, event

from bot.core.events.ledger import claim_event, old_events
from bot.core.scheduling.ticker import LOOK_FOR_WORK, Job, Ticker
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory
from tests.support.clock import ManualClock
from tests.support.running import RunningApp


def _recorder(ran: list[str], name: str) -> Job:
    def run(_uow: UnitOfWork, _now: datetime) -> None:
        ran.append(name)

    return Job(name, run)


def test_a_job_runs_only_when_its_pending_query_finds_work(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    ran: list[str] = []
    forget = _recorder(ran, "forget")
    jobs = [Job(forget.name, forget.run, pending=old_events), _recorder(ran, "always")]
    ticker = Ticker(clock=clock, unit_of_work=unit_of_work, jobs=jobs)
    with unit_of_work() as uow:
        claim_event(uow, team_id="T1", event_id="Ev1", now=clock.now())

    ticker.tick()
    assert ran == ["always"], "the event is not old yet"

    clock.advance(timedelta(days=2))
    ran.clear()
    ticker.tick()
    assert ran == ["forget", "always"]


def test_when_the_look_itself_fails_every_job_runs_and_it_is_logged(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[str] = []
    job = _recorder(ran, "job")

    def broken(_now: datetime) -> Select[Any]:
        raise ValueError("a query that cannot be built")

    ticker = Ticker(clock=clock, unit_of_work=unit_of_work, jobs=[Job("job", job.run, broken)])
    with caplog.at_level(logging.ERROR):
        ticker.tick()
    assert ran == ["job"]
    assert "Looking for the jobs' work failed; every job runs" in caplog.text


def test_a_tick_with_nothing_due_is_one_statement(running_app: RunningApp) -> None:
    """Every database job of the app says how to find its work: a quiet tick (most of the
    day's 1,440) reads the database once, instead of a transaction per job."""
    kindling = running_app.kindling
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    kindling.ticker.tick_database()  # whatever the first tick finds to do
    event.listen(kindling.engine, "before_cursor_execute", record)
    try:
        kindling.ticker.tick_database()
    finally:
        event.remove(kindling.engine, "before_cursor_execute", record)
    looks = [sql for sql in statements if not sql.startswith("PRAGMA wal_checkpoint")]
    assert len(looks) == 1, statements
    seconds = kindling.metrics.registry.get_sample_value(
        "kindling_tick_job_seconds_count", {"job": LOOK_FOR_WORK}
    )
    assert seconds == 2
