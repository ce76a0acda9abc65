"""Composition root: builds everything from the settings. Nothing happens at import time."""

from __future__ import annotations

from dataclasses import dataclass, field

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from bot.clock import Clock, SystemClock
from bot.config import ConfigError, Settings
from bot.listeners import register_all
from bot.listeners.dependencies import Dependencies
from bot.scheduling.ticker import Ticker
from bot.slack.client import build_web_client
from bot.store.engine import build_engine, build_session_factory
from bot.store.unit_of_work import UnitOfWorkFactory


class SlackUnreachableError(Exception):
    """Slack's Web API did not answer at start-up; the message is meant for a person."""


@dataclass
class Kindling:
    """The assembled application: what ``kindling run`` serves and what tests drive."""

    settings: Settings
    engine: Engine
    unit_of_work: UnitOfWorkFactory
    bolt: App
    ticker: Ticker
    clock: Clock = field(default_factory=SystemClock)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()


def build_kindling(settings: Settings, *, clock: Clock | None = None) -> Kindling:
    """Assemble Kindling. Checks the bot token with Slack's ``auth.test`` once."""
    settings.require_slack()
    clock = clock or SystemClock()
    engine = build_engine(settings.database_url.get_secret_value())
    unit_of_work = UnitOfWorkFactory(build_session_factory(engine))
    try:
        bolt = build_bolt_app(settings, Dependencies(clock=clock, unit_of_work=unit_of_work))
    except BaseException:
        engine.dispose()
        raise
    ticker = Ticker(clock=clock, unit_of_work=unit_of_work)
    return Kindling(
        settings=settings,
        engine=engine,
        unit_of_work=unit_of_work,
        bolt=bolt,
        ticker=ticker,
        clock=clock,
    )


def build_bolt_app(settings: Settings, dependencies: Dependencies) -> App:
    """The Bolt app with every listener registered.

    ``process_before_response`` runs listeners before the HTTP response is sent, which is safe
    because listeners only write rows and ack; it removes Bolt's 10 ms ack-polling floor.
    """
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN is not set")
    token = settings.slack_bot_token.get_secret_value()
    signing_secret = settings.slack_signing_secret
    client = build_web_client(token=token, base_url=settings.slack_api_url)
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
