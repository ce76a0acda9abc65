"""Composition root: builds everything from the settings. Nothing happens at import time."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_bolt import App
from sqlalchemy import Engine

from bot.breaks.service.claims import claim_due_breaks
from bot.checkins.jobs import ChannelEnroller
from bot.checkins.service.claims import claim_due_checkins
from bot.config import Settings
from bot.core.clock import Clock, SystemClock
from bot.core.listeners import register_middleware
from bot.core.listeners.dependencies import Dependencies
from bot.core.metrics import Metrics
from bot.core.outbox.dispatcher import Dispatcher
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.sender import SlackSender
from bot.core.phrases import break_prompt_keys, phrase
from bot.core.scheduling.ticker import DEFAULT_JOBS, Job, SlackJob, Ticker
from bot.core.slack.access import SlackAccess, slack_access
from bot.core.slack.workspace_clients import (
    WorkspaceClients,
    WorkspaceNotInstalledError,
)
from bot.core.store.engine import build_engine, build_session_factory
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory
from bot.features import FEATURE_LISTENERS, message_kinds
from bot.kudos.service import KudosRulesCache
from bot.lifecycle import service as lifecycle
from bot.lifecycle.service import reinstall_workspace
from bot.members.directory import MemberDirectory
from bot.recaps.service import kindness as kindness_recap
from bot.recaps.service import weekly as recaps

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

    def outbox_counts() -> list[tuple[str, str, int]]:
        with unit_of_work() as uow:
            return uow.outbox.counts_by_kind_and_status()

    metrics = Metrics(outbox_counts=outbox_counts)

    def installed(team_id: str) -> None:
        with unit_of_work() as uow:
            reinstall_workspace(uow, team_id, now=clock.now())

    access = slack_access(settings, engine, on_installed=installed)
    lookups = access.clients(timeout=DIRECTORY_TIMEOUT_SECONDS, retry=False)
    posting = access.clients(retry=False)
    directory = MemberDirectory(client_for=lookups, clock=clock)
    dispatcher = Dispatcher(
        unit_of_work=unit_of_work,
        sender=SlackSender(posting),
        limiter=RateLimiter(messages_per_minute=settings.kindling_workspace_messages_per_minute),
        kinds=message_kinds(),
        clock=clock,
        metrics=metrics,
    )
    unit_of_work.when_outbox_committed(dispatcher.wake)
    dependencies = Dependencies(
        clock=clock,
        unit_of_work=unit_of_work,
        services=(directory, KudosRulesCache()),
        outbox_written=dispatcher.wake,
        uninstall_grace=timedelta(days=settings.kindling_uninstall_grace_days),
        revocations=access.revocations,
        teams_in_enterprise=access.teams_in_enterprise,
    )
    bolt = _build_bolt_app(settings, access, dependencies)
    home_remembered = threading.Event()

    def sync_directories(unit_of_work: UnitOfWorkFactory, now: datetime) -> None:
        # The token's own workspace is remembered once per process, never after an uninstall.
        home = access.home_team_id if not home_remembered.is_set() else None
        with unit_of_work() as uow:
            if home is not None:  # the token was just checked: the app is installed there
                reinstall_workspace(uow, home, now=now)
            due = uow.workspaces.members_synced_before(now - DIRECTORY_SYNC_INTERVAL)
        if home is not None:
            home_remembered.set()
        for team_id in due:
            try:
                directory.sync(unit_of_work, team_id, now)
            except WorkspaceNotInstalledError:
                logger.info("Not syncing the directory of %s: Kindling is not installed", team_id)

    late_after = timedelta(minutes=settings.kindling_checkin_late_minutes)

    def claim_checkins(uow: UnitOfWork, now: datetime) -> None:
        claim_due_checkins(uow, now, late_after=late_after)

    def claim_breaks(uow: UnitOfWork, now: datetime) -> None:
        claim_due_breaks(uow, now, prompt_keys=break_prompt_keys())

    def sweep_retention(uow: UnitOfWork, now: datetime) -> None:
        lifecycle.sweep_retention(uow, now, former_name=phrase("privacy.former_teammate"))

    ticker = Ticker(
        clock=clock,
        unit_of_work=unit_of_work,
        jobs=(
            *DEFAULT_JOBS,
            Job("expire outbox leases", dispatcher.expire_leases),
            SlackJob("sync member directories", sync_directories),
            SlackJob(
                "invite the members of enrolled channels",
                ChannelEnroller(client_for=lookups, directory=directory),
            ),
            Job("claim due check-ins", claim_checkins),
            Job("claim due break reminders", claim_breaks),
            Job("claim due weekly recaps", recaps.claim_due_recaps),
            Job("claim due kindness recaps", kindness_recap.claim_due_kindness_recaps),
            Job("sweep data past its retention", sweep_retention),
            Job("delete uninstalled workspaces' data", lifecycle.purge_uninstalled),
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


def _build_bolt_app(settings: Settings, access: SlackAccess, dependencies: Dependencies) -> App:
    """The Bolt app with every listener registered.

    ``process_before_response`` runs listeners before the HTTP response is sent, which is safe
    because listeners only write rows and ack; it removes Bolt's 10 ms ack-polling floor.
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
