"""``kindling run`` as a user starts it: the console script, environment variables, signals."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from bot.core.store.models import ProcessedEvent
from tests.fakeslack import FakeSlack
from tests.support.process import KindlingProcess, clean_environment, run_kindling
from tests.support.signing import (
    SIGNING_SECRET,
    SlackSender,
    command_payload,
    event_callback,
    http_request,
    slack_headers,
)


def http_mode_environment(tmp_path: Path, *, token: str, api_url: str) -> dict[str, str]:
    """What an HTTP-mode deployment sets, with a SQLite file in ``tmp_path`` and a free port."""
    return clean_environment(
        SLACK_BOT_TOKEN=token,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'kindling.db'}",
        PORT="0",
    )


def test_run_without_slack_settings_exits_2_naming_the_token(tmp_path: Path) -> None:
    result = run_kindling("run", cwd=tmp_path, env=clean_environment())
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SLACK_BOT_TOKEN" in lines[0]
    assert "manifest.yml" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1-2-test-token"}, "SLACK_APP_TOKEN and SLACK_SIGNING_SECRET"),
        (
            {"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_SIGNING_SECRET": SIGNING_SECRET},
            "SLACK_BOT_TOKEN",
        ),
        ({"PORT": "eighty"}, "PORT"),
        ({"KINDLING_TICK_SECONDS": "0"}, "KINDLING_TICK_SECONDS"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
    ],
)
def test_malformed_settings_exit_2_with_one_line(
    tmp_path: Path, variables: dict[str, str], named: str
) -> None:
    result = run_kindling("run", cwd=tmp_path, env=clean_environment(**variables))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith(f"kindling: {named} ")
    assert "Traceback" not in result.stderr


def test_a_token_slack_refuses_exits_2_naming_it(tmp_path: Path, fake_slack: FakeSlack) -> None:
    env = http_mode_environment(
        tmp_path, token="xoxb-revoked-test-token", api_url=fake_slack.api_url
    )
    result = run_kindling("run", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_an_unreachable_slack_exits_1_with_a_clear_line(tmp_path: Path) -> None:
    env = http_mode_environment(
        tmp_path, token="xoxb-1-2-test-token", api_url="http://127.0.0.1:1/api/"
    )
    result = run_kindling("run", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "Slack does not answer at SLACK_API_URL (http://127.0.0.1:1/api/)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_settings_are_read_from_a_dot_env_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-dotenv-file\n")
    result = run_kindling("run", cwd=tmp_path, env=clean_environment())
    assert result.returncode == 2
    assert result.stderr.startswith("kindling: SLACK_APP_TOKEN and SLACK_SIGNING_SECRET "), (
        "the token came from .env"
    )


def test_healthcheck_fails_when_nothing_listens(tmp_path: Path) -> None:
    result = run_kindling("healthcheck", cwd=tmp_path, env=clean_environment(PORT="1"))
    assert result.returncode == 1
    assert "is not healthy" in result.stderr


def test_version_and_help(tmp_path: Path) -> None:
    version = run_kindling("--version", cwd=tmp_path, env=clean_environment())
    assert re.fullmatch(r"kindling \d+\.\d+\.\d+.*\n", version.stdout)
    usage = run_kindling("--help", cwd=tmp_path, env=clean_environment())
    assert "run" in usage.stdout
    assert "db" in usage.stdout


def test_http_mode_serves_slack_and_stops_gracefully(tmp_path: Path, fake_slack: FakeSlack) -> None:
    database = tmp_path / "kindling.db"
    env = http_mode_environment(tmp_path, token=fake_slack.bot_token, api_url=fake_slack.api_url)
    with KindlingProcess("run", cwd=tmp_path, env=env) as kindling:
        line = kindling.wait_for("listening on port")
        port = int(re.search(r"port (\d+)", line).group(1))  # type: ignore[union-attr]
        base = f"http://127.0.0.1:{port}"

        health = http_request(f"{base}/healthz")
        assert (health.status, health.json()["database"]) == (200, True)
        probe = run_kindling("healthcheck", cwd=tmp_path, env={**env, "PORT": str(port)})
        assert probe.returncode == 0, "the Docker HEALTHCHECK command agrees"

        event = json.dumps(event_callback({"type": "user_change"}, team_id="T1", event_id="Ev1"))
        json_type = {"Content-Type": "application/json"}
        assert http_request(f"{base}/slack/events", body=event, headers=json_type).status == 401
        forged = {**json_type, **slack_headers(event, secret="guessed")}
        assert http_request(f"{base}/slack/events", body=event, headers=forged).status == 401
        stale = {**json_type, **slack_headers(event, timestamp=int(time.time()) - 360)}
        assert http_request(f"{base}/slack/events", body=event, headers=stale).status == 401

        sender = SlackSender(f"{base}/slack/events")
        payload = command_payload("/kindling", "help", team_id=fake_slack.team_id)
        answer = sender.command(payload)
        assert answer.status == 200
        assert "/kindling help" in answer.body

        challenge = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"})
        assert "c-123" in sender.post(challenge, content_type="application/json").body

        assert kindling.stop(signal.SIGTERM, timeout=10) == 0
        assert any("Kindling stopped" in line for line in kindling.output)

    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        claimed = connection.execute(select(func.count()).select_from(ProcessedEvent)).scalar()
    engine.dispose()
    assert claimed == 0, "refused requests wrote nothing"


def socket_mode_environment(tmp_path: Path, slack: FakeSlack) -> dict[str, str]:
    """What a Socket Mode deployment sets, with a SQLite file in ``tmp_path``."""
    return clean_environment(
        SLACK_BOT_TOKEN=slack.bot_token,
        SLACK_APP_TOKEN=slack.app_token,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'kindling.db'}",
        PORT="0",
    )


def free_port() -> int:
    """A port that is free now and that nothing else will be handed meanwhile.

    A port the kernel picks (bind to 0) comes from the ephemeral range, where any outgoing
    connection of a parallel test may take it before Kindling binds it. So the port comes from
    below that range, from a block of its own for each xdist worker, and is checked to be free.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    block_start = 20_000 + 200 * (int(worker) if worker.isdigit() else 0)
    for port in random.sample(range(block_start, block_start + 200), 200):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError(f"no free port in {block_start}-{block_start + 199}")


@pytest.mark.heavy
def test_socket_mode_connects_and_answers_a_pushed_command(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    env = socket_mode_environment(tmp_path, fake_slack)
    with KindlingProcess("run", cwd=tmp_path, env=env) as kindling:
        kindling.wait_for("connected over Socket Mode")
        assert fake_slack.socket_mode.wait_for_connection()
        payload = command_payload("/kindling", "help", team_id=fake_slack.team_id)
        envelope_id = fake_slack.socket_mode.push("slash_commands", payload)
        ack = fake_slack.socket_mode.wait_for_ack(envelope_id)
        assert ack["payload"]["response_type"] == "ephemeral"
        assert "/kindling help" in json.dumps(ack["payload"]["blocks"])
        assert kindling.stop(signal.SIGINT, timeout=10) == 0


def test_run_serves_metrics_on_their_own_port(tmp_path: Path, fake_slack: FakeSlack) -> None:
    metrics_port = free_port()
    env = http_mode_environment(tmp_path, token=fake_slack.bot_token, api_url=fake_slack.api_url)
    env["KINDLING_METRICS_PORT"] = str(metrics_port)
    with KindlingProcess("run", cwd=tmp_path, env=env) as kindling:
        kindling.wait_for("listening on port")
        scraped = http_request(f"http://127.0.0.1:{metrics_port}/metrics")
        assert scraped.status == 200
        assert "kindling_outbox_messages" in scraped.body
        assert kindling.stop() == 0


@pytest.mark.heavy
def test_socket_mode_requests_are_counted_in_the_metrics(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    metrics_port = free_port()
    env = {
        **socket_mode_environment(tmp_path, fake_slack),
        "KINDLING_METRICS_PORT": str(metrics_port),
    }
    with KindlingProcess("run", cwd=tmp_path, env=env) as kindling:
        kindling.wait_for("connected over Socket Mode")
        assert fake_slack.socket_mode.wait_for_connection()
        payload = command_payload("/kindling", "help", team_id=fake_slack.team_id)
        fake_slack.socket_mode.wait_for_ack(fake_slack.socket_mode.push("slash_commands", payload))
        scraped = http_request(f"http://127.0.0.1:{metrics_port}/metrics").body
        assert 'kindling_requests_total{outcome="ok",surface="command"} 1.0' in scraped
        assert 'kindling_request_seconds_count{surface="command"} 1.0' in scraped
        assert kindling.stop() == 0
