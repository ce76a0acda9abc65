"""The real Kindling app served over HTTP, talking to the fake Slack."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from pydantic import SecretStr

from bot.app import Kindling, build_kindling
from bot.config import Settings
from bot.server import HttpServer, KindlingWsgiApp
from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.signing import SIGNING_SECRET, SlackSender


@dataclass
class RunningApp:
    """Kindling serving on a local port."""

    kindling: Kindling
    base_url: str
    slack: SlackSender


def settings_for(fake_slack: FakeSlack, database_url: str) -> Settings:
    """Settings for tests, immune to the developer's environment and ``.env``."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]  # pydantic-settings' init-only option
        slack_bot_token=SecretStr(fake_slack.bot_token),
        slack_signing_secret=SecretStr(SIGNING_SECRET),
        slack_app_token=None,
        slack_api_url=fake_slack.api_url,
        database_url=SecretStr(database_url),
        port=0,
    )


@contextmanager
def serving(kindling: Kindling) -> Iterator[RunningApp]:
    """Serve ``kindling`` over HTTP on a free local port until the block ends."""
    server = HttpServer(
        KindlingWsgiApp(engine=kindling.engine, bolt=kindling.bolt, metrics=kindling.metrics),
        host="127.0.0.1",
        port=0,
    )
    server.start()
    base_url = f"http://127.0.0.1:{server.port}"
    try:
        yield RunningApp(kindling, base_url, SlackSender(f"{base_url}/slack/events"))
    finally:
        server.stop()
        kindling.close()


@pytest.fixture
def running_app(
    fake_slack: FakeSlack, migrated_database_url: str, clock: ManualClock
) -> Iterator[RunningApp]:
    kindling = build_kindling(settings_for(fake_slack, migrated_database_url), clock=clock)
    with serving(kindling) as app:
        yield app
