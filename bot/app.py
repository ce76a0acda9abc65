"""Composition root: builds everything from the settings. Nothing happens at import time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from bot.clock import Clock, SystemClock
from bot.config import ConfigError, Settings
from bot.listeners import register_all
from bot.listeners.dependencies import Dependencies
from bot.outbox.dispatcher import Dispatcher
from bot.outbox.limiter import RateLimiter
from bot.outbox.sender import SlackSender
from bot.scheduling.ticker import DEFAULT_JOBS, Job, SlackJob, Ticker
from bot.services import home, kindness_recap, kudos, privacy, recaps
from bot.services.breaks import schedules as break_schedules
from bot.services.breaks.claims import claim_due_breaks
from bot.services.checkins import enrolment
from bot.services.checkins.claims import claim_due_checkins
from bot.services.kudos import KudosRulesCache
from bot.slack.checkin_channels import ChannelEnroller
from bot.slack.client import WEB_API_TIMEOUT_SECONDS, build_web_client
from bot.slack.directory import MemberDirectory
from bot.slack.phrases import break_prompt_keys
from bot.store.engine import build_engine, build_session_factory
from bot.store.unit_of_work import UnitOfWork, UnitOfWorkFactory

DIRECTORY_SYNC_INTERVAL = timedelta(days=1)
# users.info can sit on the ack path (a person missing from the directory): keep it short.
DIRECTORY_TIMEOUT_SECONDS = 2


class SlackUnreachableError(Exception):
    """Slack's Web API did not answer at start-up; the message is meant for a person."""


@dataclass
class Kindling:
    """The assembled application: what ``kindling run`` serves and what tests drive."""

    settings: Settings
    engine: Engine
    unit_of_work: UnitOfWorkFactory
    bolt: App
    dispatcher: Dispatcher
    posting_client: WebClient
    directory: MemberDirectory
    ticker: Ticker
    clock: Clock

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
    client = _web_client(settings)
    # One workspace per token; OAuth installs (a later issue) bring clients per workspace.
    lookups = _web_client(settings, timeout=DIRECTORY_TIMEOUT_SECONDS, retry=False)
    posting = _web_client(settings, retry=False)
    directory = MemberDirectory(client_for=lambda _team_id: lookups, clock=clock)
    dispatcher = Dispatcher(
        unit_of_work=unit_of_work,
        sender=SlackSender(lambda _team_id: posting),
        limiter=RateLimiter(messages_per_minute=settings.kindling_workspace_messages_per_minute),
        hooks={
            **kudos.DELIVERY_HOOKS,
            **enrolment.DELIVERY_HOOKS,
            **break_schedules.DELIVERY_HOOKS,
        },
        clock=clock,
        loaders={
            home.APP_HOME: lambda uow, message, now: home.home_state(
                uow,
                message.team_id,
                message.channel or "",
                now,
                show=int(message.payload.get("show", home.LIST_LENGTH)),
            ),
            recaps.WEEKLY_RECAP: recaps.recap_figures,
            kindness_recap.KINDNESS_RECAP: kindness_recap.kindness_figures,
            privacy.EXPORT: privacy.export_payload,
        },
    )
    dependencies = Dependencies(
        clock=clock,
        unit_of_work=unit_of_work,
        directory=directory,
        kudos_rules=KudosRulesCache(),
        outbox_written=dispatcher.wake,
    )
    bolt = build_bolt_app(settings, client, dependencies)
    home_team_id = str(client.auth_test()["team_id"])  # the token's own workspace

    def sync_directories(unit_of_work: UnitOfWorkFactory, now: datetime) -> None:
        with unit_of_work() as uow:
            uow.workspaces.ensure(home_team_id, now=now)
            due = uow.workspaces.members_synced_before(now - DIRECTORY_SYNC_INTERVAL)
        for team_id in due:
            directory.sync(unit_of_work, team_id, now)

    late_after = timedelta(minutes=settings.kindling_checkin_late_minutes)

    def claim_checkins(uow: UnitOfWork, now: datetime) -> None:
        claim_due_checkins(uow, now, late_after=late_after)

    def claim_breaks(uow: UnitOfWork, now: datetime) -> None:
        claim_due_breaks(uow, now, prompt_keys=break_prompt_keys())

    ticker = Ticker(
        clock=clock,
        unit_of_work=unit_of_work,
        jobs=(
            *DEFAULT_JOBS,
            Job("expire outbox leases", dispatcher.expire_leases),
            SlackJob("sync member directories", sync_directories),
            SlackJob(
                "invite the members of enrolled channels",
                ChannelEnroller(client_for=lambda _team_id: lookups, directory=directory),
            ),
            Job("claim due check-ins", claim_checkins),
            Job("claim due break reminders", claim_breaks),
            Job("claim due weekly recaps", recaps.claim_due_recaps),
            Job("claim due kindness recaps", kindness_recap.claim_due_kindness_recaps),
        ),
        after_tick=dispatcher.wake,
    )
    return Kindling(
        settings=settings,
        engine=engine,
        unit_of_work=unit_of_work,
        bolt=bolt,
        dispatcher=dispatcher,
        posting_client=posting,
        directory=directory,
        ticker=ticker,
        clock=clock,
    )


def _web_client(
    settings: Settings, *, timeout: float = WEB_API_TIMEOUT_SECONDS, retry: bool = True
) -> WebClient:
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN is not set")
    return build_web_client(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry=retry,
    )


def build_bolt_app(settings: Settings, client: WebClient, dependencies: Dependencies) -> App:
    """The Bolt app with every listener registered.

    ``process_before_response`` runs listeners before the HTTP response is sent, which is safe
    because listeners only write rows and ack; it removes Bolt's 10 ms ack-polling floor.
    """
    signing_secret = settings.slack_signing_secret
    try:
        app = App(
            client=client,  # carries the token and SLACK_API_URL
            signing_secret=signing_secret.get_secret_value() if signing_secret else "",
            request_verification_enabled=not settings.socket_mode,
            process_before_response=True,
        )
    except BoltError as error:
        cause = error.__context__
        if isinstance(cause, SlackApiError):
            code = cause.response.get("error", "unknown_error")
            raise ConfigError(
                f"SLACK_BOT_TOKEN was refused by Slack ({code}): copy the Bot User OAuth Token "
                "(xoxb-...) again from your app's OAuth & Permissions page"
            ) from None
        raise
    except OSError as error:  # urllib's URLError, refused connections, timeouts
        reason = getattr(error, "reason", error)
        raise SlackUnreachableError(
            f"Slack does not answer at SLACK_API_URL ({settings.slack_api_url}): {reason}"
        ) from None
    register_all(app, dependencies)
    return app
