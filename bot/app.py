"""Composition root: builds everything from the settings. Nothing happens at import time."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from slack_bolt import App
from sqlalchemy import Engine

from bot.config import Settings
from bot.core.clock import Clock, SystemClock
from bot.core.listeners import register_middleware
from bot.core.listeners.dependencies import Dependencies
from bot.core.metrics import Metrics
from bot.core.outbox.dispatcher import Dispatcher
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.sender import SlackSender
from bot.core.outbox.statements import lease_sweep_work
from bot.core.scheduling.ticker import DEFAULT_JOBS, Job, Ticker
from bot.core.slack.access import SlackAccess, slack_access
from bot.core.slack.workspace_clients import (
    WorkspaceClients,
)
from bot.core.store.engine import build_engine, build_session_factory
from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.features import FEATURE_LISTENERS, message_kinds
from bot.jobs import feature_jobs
from bot.kudos.service import KudosRulesCache
from bot.lifecycle.service import reinstall_workspace
from bot.members.directory import MemberDirectory
from bot.members.service.hours import MembersQuietHours

logger = logging.getLogger(__name__)

DIRECTORY_SYNC_INTERVAL = timedelta(days=1)
# users.info can sit on the ack path (a person missing from the directory): keep it short.
DIRECTORY_TIMEOUT_SECONDS = 2


@dataclass
class Kindling:
    """The assembled application: what ``kindling run`` serves and what tests drive."""

    settings: Settings
    engine: Engine
    unit_of_work: UnitOfWorkFactory
    bolt: App
    dispatcher: Dispatcher
    posting: WorkspaceClients  # the outbox's clients (no retries), by workspace
    directory: MemberDirectory
    ticker: Ticker
    clock: Clock
    metrics: Metrics

    def close(self) -> None:
        """Stop delivering and release database connections."""
        self.dispatcher.stop()
        self.engine.dispose()


def build_kindling(settings: Settings, *, clock: Clock | None = None) -> Kindling:
    """Assemble Kindling. Checks the bot token with Slack's ``auth.test`` once."""
    settings.require_slack()
    clock = clock or SystemClock()
    engine = build_engine(settings.database_url.get_secret_value())
    try:
        return _assemble(settings, engine, clock)
    except BaseException:
        engine.dispose()
        raise


def _assemble(settings: Settings, engine: Engine, clock: Clock) -> Kindling:
    unit_of_work = UnitOfWorkFactory(build_session_factory(engine))
    metrics = Metrics(outbox_counts=_outbox_counts(unit_of_work))
    access = slack_access(settings, engine, on_installed=_reinstaller(unit_of_work, clock))
    lookups = access.clients(timeout=DIRECTORY_TIMEOUT_SECONDS, retry=False)
    call_timeout = settings.kindling_slack_timeout_seconds
    posting = access.clients(timeout=call_timeout, retry=False)
    directory = MemberDirectory(client_for=lookups, clock=clock)
    limiter = RateLimiter(messages_per_minute=settings.kindling_workspace_messages_per_minute)
    dispatcher = Dispatcher(
        unit_of_work=unit_of_work,
        sender=SlackSender(posting, clock=clock, timeout=call_timeout),
        limiter=limiter,
        kinds=message_kinds(),
        clock=clock,
        metrics=metrics,
        quiet_hours=MembersQuietHours(),
        call_timeout=timedelta(seconds=call_timeout),
    )
    unit_of_work.when_outbox_committed(dispatcher.wake)  # a commit with new messages rings it
    metrics.count_paused(lambda: limiter.paused_count(clock.now()))
    dependencies = Dependencies(
        clock=clock,
        unit_of_work=unit_of_work,
        services=(directory, KudosRulesCache()),
        uninstall_grace=timedelta(days=settings.kindling_uninstall_grace_days),
        revocations=access.revocations,
        teams_in_enterprise=access.teams_in_enterprise,
    )
    bolt = _build_bolt_app(settings, access, dependencies)
    ticker = Ticker(
        clock=clock,
        unit_of_work=unit_of_work,
        jobs=(
            *DEFAULT_JOBS,
            Job("expire outbox leases", dispatcher.expire_leases, pending=lease_sweep_work),
            *feature_jobs(
                settings, access=access, directory=directory, lookups=lookups, metrics=metrics
            ),
        ),
        after_tick=dispatcher.wake,
        metrics=metrics,
    )
    return Kindling(
        settings=settings,
        engine=engine,
        unit_of_work=unit_of_work,
        bolt=bolt,
        dispatcher=dispatcher,
        posting=posting,
        directory=directory,
        ticker=ticker,
        clock=clock,
        metrics=metrics,
    )


def _reinstaller(unit_of_work: UnitOfWorkFactory, clock: Clock) -> Callable[[str], None]:
    """What an OAuth install does: the workspace is (again) one Kindling serves."""

    def installed(team_id: str) -> None:
        with unit_of_work() as uow:
            reinstall_workspace(uow, team_id, now=clock.now())

    return installed


def _outbox_counts(unit_of_work: UnitOfWorkFactory) -> Callable[[], list[tuple[str, str, int]]]:
    """How many outbox messages there are of each kind in each status (the metrics' gauge)."""

    def counts() -> list[tuple[str, str, int]]:
        with unit_of_work() as uow:
            return uow.outbox.counts_by_kind_and_status()

    return counts


def _build_bolt_app(settings: Settings, access: SlackAccess, dependencies: Dependencies) -> App:
    """The Bolt app with every listener registered.

    ``process_before_response`` runs listeners before the HTTP response is sent, which is safe
    because listeners write rows and ack (the only Slack calls before an ack are ``views.open``,
    whose trigger expires in 3 s, and ``users.info`` for someone missing from the directory);
    it removes Bolt's 10 ms ack-polling floor.
    """
    signing_secret = settings.slack_signing_secret
    app = App(
        client=access.request_client,  # carries SLACK_API_URL (and the token, if one)
        signing_secret=signing_secret.get_secret_value() if signing_secret else "",
        request_verification_enabled=not settings.socket_mode,
        process_before_response=True,
        oauth_settings=access.oauth,
        authorize=access.authorize,  # type: ignore[arg-type]  # an Authorize is accepted too
    )
    register_middleware(app, dependencies)
    for register in FEATURE_LISTENERS:
        register(app)
    return app
