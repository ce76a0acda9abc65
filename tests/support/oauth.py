"""The app served with OAuth installs (a fixture), and installing it as a person would."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from bot.app import build_kindling
from bot.config import Settings
from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.running import RunningApp, serving, settings_for
from tests.support.signing import HttpAnswer, http_request

STATE_SECRET = "state-secret-for-tests"


def oauth_settings(fake_slack: FakeSlack, database_url: str) -> Settings:
    """OAuth installs instead of one bot token."""
    return settings_for(fake_slack, database_url).model_copy(
        update={
            "slack_bot_token": None,
            "slack_client_id": fake_slack.client_id,
            "slack_client_secret": SecretStr(fake_slack.client_secret),
            "slack_state_secret": SecretStr(STATE_SECRET),
        }
    )


def get(url: str, *, cookie: str = "") -> HttpAnswer:
    return http_request(url, headers={"Cookie": cookie} if cookie else {})


def state_cookie(answer: HttpAnswer) -> str:
    cookies = [value for name, value in answer.headers.items() if name.lower() == "set-cookie"]
    return cookies[0].split(";")[0] if cookies else ""


@pytest.fixture
def oauth_app(
    fake_slack: FakeSlack, migrated_database_url: str, clock: ManualClock
) -> Iterator[RunningApp]:
    kindling = build_kindling(oauth_settings(fake_slack, migrated_database_url), clock=clock)
    with serving(kindling) as app:
        yield app


def install(
    app: RunningApp,
    slack: FakeSlack,
    team_id: str,
    *,
    expires_in: int | None = None,
    enterprise_id: str | None = None,
) -> HttpAnswer:
    """A person opens /slack/install, approves in Slack, and comes back with a code."""
    start = get(f"{app.base_url}/slack/install")
    assert start.status == 200
    state = re.search(r"state=([^&\"']+)", start.body)
    assert state is not None, start.body
    code = slack.issue_oauth_code(team_id, expires_in=expires_in, enterprise_id=enterprise_id)
    query = urllib.parse.urlencode({"code": code, "state": urllib.parse.unquote(state[1])})
    return get(f"{app.base_url}/slack/oauth_redirect?{query}", cookie=state_cookie(start))
