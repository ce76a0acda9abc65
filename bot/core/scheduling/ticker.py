"""Run each periodic job at the time the clock says: a database job in a unit of work of its
own, a job that talks to Slack with the factory (it opens short units of work itself).

The scheduler runs the two kinds as two jobs side by side, so a slow Slack (a directory sync
of many workspaces) never holds up the claim of what is due this minute."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Select
from sqlalchemy.exc import OperationalError

from bot.core.clock import Clock
from bot.core.events.ledger import forget_old_events, old_events
from bot.core.metrics import Metrics
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory

logger = logging.getLogger(__name__)

TICK_JOB_ID = "kindling-tick"
SLACK_TICK_JOB_ID = "kindling-slack-tick"
LOOK_FOR_WORK = "look for the jobs' work"  # its seconds are kept beside the jobs'


@dataclass(frozen=True, slots=True)
class Job:
    """A named piece of periodic work; ``run`` gets its own unit of work and the tick's time.

    ``pending(now)``, when given, is a query that finds the job's work (the same condition
    its run selects by, best ordered by an indexed due time): the tick looks for every job's
    work in one statement and runs only the jobs that have some, so a tick with nothing due
    costs one round trip, not a transaction per job."""

    name: str
    run: Callable[[UnitOfWork, datetime], object]
    pending: Callable[[datetime], Select[Any]] | None = None


@dataclass(frozen=True, slots=True)
class SlackJob:
    """Periodic work that talks to Slack: it opens its own short units of work, so no
    transaction stays open while Slack answers."""

    name: str
    run: Callable[[UnitOfWorkFactory, datetime], object]


def _checkpoint(uow: UnitOfWork, _now: datetime) -> None:
    uow.maintenance.checkpoint()


DEFAULT_JOBS: tuple[Job, ...] = (
    Job("forget old event ids", forget_old_events, pending=old_events),
    Job("fold the SQLite write-ahead log", _checkpoint),
)


class Ticker:
    """Runs every job once per tick; one job failing does not stop the others."""

    def __init__(
        self,
        *,
        clock: Clock,
        unit_of_work: UnitOfWorkFactory,
        jobs: Sequence[Job | SlackJob] = DEFAULT_JOBS,
        after_tick: Callable[[], None] | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self._clock = clock
        self._unit_of_work = unit_of_work
        self._jobs = tuple(jobs)
        self._after_tick = after_tick
        self._metrics = metrics or Metrics()
        self._database_away = False  # the last tick found the database not answering

    def tick(self) -> None:
        """Run every job for the current time: the database jobs, then those that call Slack."""
        self.tick_database()
        self.tick_slack()

    def tick_database(self) -> None:
        """Run the database jobs that have work (the claims of what is due), then wake the
        dispatcher."""
        now = self._clock.now()
        jobs = self._with_work([job for job in self._jobs if isinstance(job, Job)], now)
        self._run(jobs, now)
        if self._after_tick is not None:
            self._after_tick()  # e.g. sweep the outbox for what other processes left

    def tick_slack(self) -> None:
        """Run the jobs that call Slack (directory syncs, channel-member reads)."""
        self._run([job for job in self._jobs if isinstance(job, SlackJob)], self._clock.now())

    def _with_work(self, jobs: Sequence[Job], now: datetime) -> list[Job]:
        """``jobs`` without those whose ``pending`` query finds nothing (one statement for all
        of them). If the look fails, every job runs and meets the failure itself."""
        pending = {job.name: job.pending for job in jobs if job.pending is not None}
        if not pending:
            return list(jobs)
        try:
            with (
                self._metrics.job_seconds.labels(LOOK_FOR_WORK).time(),
                self._unit_of_work() as uow,
            ):
                found = uow.maintenance.finds_rows([look(now) for look in pending.values()])
        except OperationalError:  # the database is away: the jobs report it
            return list(jobs)
        except Exception:
            logger.exception("Looking for the jobs' work failed; every job runs")
            return list(jobs)
        self._database_answers()
        idle = {name for name, has_work in zip(pending, found, strict=True) if not has_work}
        return [job for job in jobs if job.name not in idle]

    def _run(self, jobs: Sequence[Job | SlackJob], now: datetime) -> None:
        """Run ``jobs`` in order. When the database does not answer, the rest of them would
        fail the same way: one warning when it goes away, one when it is back."""
        if not jobs:
            return
        for job in jobs:
            with self._metrics.job_seconds.labels(job.name).time():
                try:
                    if isinstance(job, SlackJob):
                        job.run(self._unit_of_work, now)
                    else:
                        with self._unit_of_work() as uow:
                            job.run(uow, now)
                except OperationalError as error:
                    self._metrics.job_failures.labels(job.name).inc()
                    if not self._database_away:
                        logger.warning(
                            "The database does not answer (%s); the tick's jobs wait for it",
                            type(error.orig).__name__,
                        )
                    self._database_away = True
                    return
                except Exception:
                    self._metrics.job_failures.labels(job.name).inc()
                    logger.exception("Scheduled job %r failed; it runs again next tick", job.name)
        self._database_answers()

    def _database_answers(self) -> None:
        if self._database_away:
            self._database_away = False
            logger.warning("The database answers again; the tick's jobs run")


def build_scheduler(ticker: Ticker, *, tick_seconds: int) -> BackgroundScheduler:
    """An in-memory APScheduler that runs the ticker's database jobs and its Slack jobs every
    ``tick_seconds``, as two jobs in its thread pool: neither waits for the other.

    Never a shared job store (APScheduler 3 cannot share one between processes): the schedule
    lives in Kindling's tables and several processes may tick at once.
    """
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": tick_seconds,
        },
    )
    for run, job_id, name in (
        (ticker.tick_database, TICK_JOB_ID, "Kindling tick"),
        (ticker.tick_slack, SLACK_TICK_JOB_ID, "Kindling tick: Slack calls"),
    ):
        scheduler.add_job(
            run,
            IntervalTrigger(seconds=tick_seconds, timezone=UTC),
            id=job_id,
            name=name,
            next_run_time=datetime.now(UTC),
        )
    return scheduler
