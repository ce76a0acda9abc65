"""``kindling run`` at LOG_LEVEL=DEBUG through a whole day's traffic (an OAuth install with
token rotation, commands, deliveries, a refused request, an uninstall): no secret is ever
logged, though slack_sdk logs whole request and response bodies at DEBUG."""

from __future__ import annotations

import re
import signal
import urllib.parse
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.fakeslack import FakeSlack
from tests.support.process import KindlingProcess, clean_environment
from tests.support.signing import (
    SIGNING_SECRET,
    SlackSender,
    command_payload,
    event_callback,
    http_request,
)

STATE_SECRET = "state-secret-never-logged"
DATABASE_PASSWORD = "database-password-never-logged"
TEAM = "T0LOGGED"
SLACK_TOKEN = re.compile(r"x(?:ox[a-z]|app)(?:\.xox[a-z])?-")


def with_password(database_url: str) -> str:
    """The same database, reached with a password (trust auth ignores it; SQLite has none)."""
    url = make_url(database_url)
    if url.drivername.startswith("sqlite"):
        return database_url
    return url.set(password=DATABASE_PASSWORD).render_as_string(hide_password=False)


def test_no_secret_reaches_the_log_at_debug(
    tmp_path: Path, fake_slack: FakeSlack, migrated_database_url: str
) -> None:
    env = clean_environment(
        SLACK_CLIENT_ID=fake_slack.client_id,
        SLACK_CLIENT_SECRET=fake_slack.client_secret,
        SLACK_STATE_SECRET=STATE_SECRET,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=with_password(migrated_database_url),
        LOG_LEVEL="DEBUG",
        KINDLING_TICK_SECONDS="1",
        PORT="0",
    )
    fake_slack.add_user("ULOGANNA", team_id=TEAM, display_name="Anna")
    fake_slack.add_user("ULOGBEN", team_id=TEAM, display_name="Ben")
    with KindlingProcess("run", cwd=tmp_path, env=env) as kindling:
        line = kindling.wait_for("listening on port")
        port = re.search(r"port (\d+)", line)
        assert port is not None
        base = f"http://127.0.0.1:{port[1]}"
        start = http_request(f"{base}/slack/install")
        state = re.search(r"state=([^&\"']+)", start.body)
        assert state is not None, start.body
        cookie = next(v for k, v in start.headers.items() if k.lower() == "set-cookie")
        code = fake_slack.issue_oauth_code(TEAM, expires_in=3600)  # rotated at first use
        query = urllib.parse.urlencode({"code": code, "state": urllib.parse.unquote(state[1])})
        done = http_request(
            f"{base}/slack/oauth_redirect?{query}", headers={"Cookie": cookie.split(";")[0]}
        )
        assert done.status == 200, done.body
        slack = SlackSender(f"{base}/slack/events")
        kudos = command_payload(
            "/kudos", "<@ULOGBEN> for the calm", team_id=TEAM, user_id="ULOGANNA"
        )
        assert slack.command(kudos).status == 200
        fake_slack.wait_for_calls("chat.postMessage", 1)
        assert fake_slack.rotations >= 1
        forged = SlackSender(f"{base}/slack/events", secret="a-guessed-secret")
        assert forged.command(kudos).status == 401
        uninstalled = event_callback({"type": "app_uninstalled"}, team_id=TEAM, event_id="EvBye")
        assert slack.event(uninstalled).status == 200
        assert kindling.stop(signal.SIGTERM) == 0
    log = "\n".join(kindling.output)
    assert "oauth.v2.access" in log  # slack_sdk logged the bodies, and they were redacted
    secrets = (fake_slack.client_secret, STATE_SECRET, SIGNING_SECRET, DATABASE_PASSWORD)
    leaks = [
        line
        for line in kindling.output
        if SLACK_TOKEN.search(line) or any(secret in line for secret in secrets)
    ]
    assert leaks == []
