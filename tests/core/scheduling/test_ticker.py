"""The tick runs each job in its own unit of work at the clock's time."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from bot.core.events.ledger import claim_event
from bot.core.scheduling.ticker import TICK_JOB_ID, Job, Ticker, build_scheduler
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory
from tests.support.clock import ManualClock
from tests.support.databases import FlakyDatabase


def test_the_default_tick_forgets_old_event_ids(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with unit_of_work() as uow:
        claim_event(uow, team_id="T1", event_id="Ev1", now=clock.now())
    clock.advance(timedelta(days=2))
    Ticker(clock=clock, unit_of_work=unit_of_work).tick()
    with unit_of_work() as uow:
        assert claim_event(uow, team_id="T1", event_id="Ev1", now=clock.now()) is True


def test_a_failing_job_is_logged_and_rolled_back_and_the_others_still_run(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    ran_at: list[datetime] = []

    def broken(uow: UnitOfWork, now: datetime) -> None:
        claim_event(uow, team_id="T1", event_id="EvBroken", now=now)
        raise RuntimeError("job failed")

    def healthy(uow: UnitOfWork, now: datetime) -> None:
        ran_at.append(now)

    ticker = Ticker(
        clock=clock,
        unit_of_work=unit_of_work,
        jobs=[Job("broken", broken), Job("healthy", healthy)],
    )
    with caplog.at_level(logging.ERROR):
        ticker.tick()
    assert ran_at == [clock.now()]
    assert "'broken' failed" in caplog.text
    with unit_of_work() as uow:
        assert claim_event(uow, team_id="T1", event_id="EvBroken", now=clock.now()) is True


def test_the_scheduler_ticks_in_memory_without_overlap(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    scheduler = build_scheduler(Ticker(clock=clock, unit_of_work=unit_of_work), tick_seconds=30)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job(TICK_JOB_ID)
        assert job.coalesce is True
        assert job.max_instances == 1
        assert job.misfire_grace_time >= 30
        assert job.trigger.interval == timedelta(seconds=30)
        stores = scheduler._jobstores  # noqa: SLF001  # APScheduler has no public accessor
        assert [type(store).__name__ for store in stores.values()] == ["MemoryJobStore"]
    finally:
        scheduler.shutdown(wait=False)


def test_requests_never_pay_for_a_sqlite_checkpoint_the_tick_does(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock, migrated_database_url: str
) -> None:
    if not migrated_database_url.startswith("sqlite"):
        with unit_of_work() as uow:
            uow.maintenance.checkpoint()  # nothing to do on PostgreSQL
        return
    with unit_of_work() as uow:
        setting = uow.maintenance._session.execute(text("PRAGMA wal_autocheckpoint")).scalar()  # noqa: SLF001
        assert setting == 0
        claim_event(uow, team_id="T1", event_id="EvWal", now=clock.now())
    Ticker(clock=clock, unit_of_work=unit_of_work).tick()
    raw = sqlite3.connect(migrated_database_url.removeprefix("sqlite:///"))
    try:
        busy, log_frames, checkpointed = raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        raw.close()
    assert busy == 0
    assert log_frames == checkpointed


def test_a_database_that_goes_away_is_one_warning_and_its_return_another(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    database = FlakyDatabase(unit_of_work)
    ran: list[str] = []
    jobs = [Job(name, lambda _uow, _now, name=name: ran.append(name)) for name in ("a", "b")]
    ticker = Ticker(clock=clock, unit_of_work=database, jobs=jobs)  # type: ignore[arg-type]
    database.down = True
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            ticker.tick()
        database.down = False
        ticker.tick()
    assert ran == ["a", "b"]
    messages = [record.getMessage() for record in caplog.records]
    assert messages == [
        "The database does not answer (ConnectionRefusedError); the tick's jobs wait for it",
        "The database answers again; the tick's jobs run",
    ]
    assert all(record.exc_info is None for record in caplog.records), "no tracebacks"
