"""Slack's requests over real HTTP with real signatures, to the real app."""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import Ack
from sqlalchemy import func, select

from bot.core.store.models import ProcessedEvent, Workspace
from bot.members.models import Member
from bot.members.repository import MemberRepository
from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.running import RunningApp
from tests.support.signing import (
    command_payload,
    event_callback,
    http_request,
    slack_headers,
)

FORM = "application/x-www-form-urlencoded"


def rows(app: RunningApp, model: type[Any]) -> int:
    with app.kindling.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def user_change(user_id: str, display_name: str, *, tz: str = "Europe/Berlin") -> dict[str, Any]:
    return {
        "type": "user_change",
        "user": {
            "id": user_id,
            "name": user_id.lower(),
            "tz": tz,
            "deleted": False,
            "is_bot": False,
            "profile": {"display_name": display_name},
        },
    }


def test_health_check_reports_the_database(running_app: RunningApp) -> None:
    answer = http_request(f"{running_app.base_url}/healthz")
    assert answer.status == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["database"] is True


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="unsigned"),
        pytest.param(
            slack_headers("something else", secret="not-the-secret"), id="wrong-signature"
        ),
        pytest.param("stale", id="just-over-five-minutes-old"),
    ],
)
def test_requests_not_signed_by_slack_are_refused_and_change_nothing(
    running_app: RunningApp, fake_slack: FakeSlack, headers: dict[str, str] | str
) -> None:
    body = json.dumps(
        event_callback(user_change("UALICE", "Alice"), team_id=fake_slack.team_id, event_id="Ev1")
    )
    if headers == "stale":  # Slack's replay window is five minutes
        headers = slack_headers(body, timestamp=int(time.time()) - 5 * 60 - 10)
    assert isinstance(headers, dict)
    answer = http_request(
        f"{running_app.base_url}/slack/events",
        body=body,
        headers={"Content-Type": "application/json", **headers},
    )
    assert answer.status == 401
    assert rows(running_app, ProcessedEvent) == 0
    assert rows(running_app, Member) == 0
    assert rows(running_app, Workspace) == 0


def test_a_request_signed_just_under_five_minutes_ago_is_taken(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """The other side of the replay window: a slow network is not a replay."""
    body = json.dumps(
        event_callback(user_change("UALICE", "Alice"), team_id=fake_slack.team_id, event_id="Ev2")
    )
    headers = slack_headers(body, timestamp=int(time.time()) - 5 * 60 + 10)
    answer = http_request(
        f"{running_app.base_url}/slack/events",
        body=body,
        headers={"Content-Type": "application/json", **headers},
    )
    assert answer.status == 200
    assert rows(running_app, ProcessedEvent) == 1


def test_kindling_help_answers_ephemerally_in_the_ack(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    calls_before = len(fake_slack.calls())
    payload = command_payload("/kindling", "help", team_id=fake_slack.team_id)
    answer = running_app.slack.command(payload)
    assert answer.status == 200
    reply = answer.json()
    assert reply["response_type"] == "ephemeral"
    assert "Kindling" in reply["text"]
    assert any("/kindling help" in json.dumps(block) for block in reply["blocks"])
    assert len(fake_slack.calls()) == calls_before, "no Slack call may happen before the ack"


def test_help_reply_is_valid_block_kit(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    reply = running_app.slack.command(
        command_payload("/kindling", "", team_id=fake_slack.team_id)
    ).json()
    response_url = fake_slack.response_url("help")
    assert http_request(
        response_url, body=json.dumps(reply), headers={"Content-Type": "application/json"}
    ).json() == {"ok": True}


def test_unknown_kindling_subcommand_is_named_and_help_follows(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reply = running_app.slack.command(
        command_payload("/kindling", "dance wildly", team_id=fake_slack.team_id)
    ).json()
    assert reply["response_type"] == "ephemeral"
    assert "`dance`" in reply["blocks"][0]["text"]["text"]


def test_url_verification_is_answered(running_app: RunningApp) -> None:
    body = json.dumps({"token": "t", "challenge": "kindle-me", "type": "url_verification"})
    answer = running_app.slack.post(body, content_type="application/json")
    assert answer.status == 200
    assert "kindle-me" in answer.body


def test_member_events_fill_the_directory(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    envelope = event_callback(
        user_change("UALICE", "Alice", tz="Asia/Kathmandu"),
        team_id=fake_slack.team_id,
        event_id="Ev1",
    )
    assert running_app.slack.event(envelope).status == 200
    with running_app.kindling.unit_of_work() as uow:
        member = uow.repository(MemberRepository).get(fake_slack.team_id, "UALICE")
        assert member is not None
        assert (member.display_name, member.tz) == ("Alice", "Asia/Kathmandu")


def test_event_retries_are_handled_once(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    team = fake_slack.team_id
    first = event_callback(user_change("UALICE", "Alice"), team_id=team, event_id="Ev42")
    assert running_app.slack.event(first).status == 200
    handled_at = clock.now()

    clock.advance(timedelta(minutes=1))
    retry = running_app.slack.event(first, retry_num=1)
    assert retry.status == 200
    with running_app.kindling.unit_of_work() as uow:
        member = uow.repository(MemberRepository).get(team, "UALICE")
        assert member is not None
        assert member.refreshed_at == handled_at, "the retry must not be handled again"

    fresh = event_callback(user_change("UALICE", "Alice B."), team_id=team, event_id="Ev43")
    assert running_app.slack.event(fresh).status == 200
    with running_app.kindling.unit_of_work() as uow:
        member = uow.repository(MemberRepository).get(team, "UALICE")
        assert member is not None
        assert member.display_name == "Alice B."
        assert member.refreshed_at == clock.now()


def test_a_failing_command_gets_a_kind_message_and_a_logged_traceback(
    running_app: RunningApp, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(ack: Ack) -> None:
        raise RuntimeError("the kettle exploded")

    running_app.kindling.bolt.command("/broken")(broken)
    with caplog.at_level(logging.ERROR):
        answer = running_app.slack.command(
            command_payload("/broken", "", team_id=fake_slack.team_id)
        )
    assert answer.status == 200
    reply = answer.json()
    assert reply["response_type"] == "ephemeral"
    assert "try again" in reply["text"]
    assert "kettle" not in answer.body, "no internals may reach Slack"
    failure = next(record for record in caplog.records if record.exc_info)
    assert "the kettle exploded" in str(failure.exc_info[1])  # type: ignore[index]


def test_a_failing_event_is_retried_by_slack_and_then_handled(
    running_app: RunningApp, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[str] = []

    def flaky(event: dict[str, Any]) -> None:
        seen.append(event["text"])
        if len(seen) == 1:
            raise RuntimeError("first delivery fails")

    running_app.kindling.bolt.event("app_mention")(flaky)
    mention = {"type": "app_mention", "user": "UALICE", "text": "hi", "channel": "C1", "ts": "1.2"}
    envelope = event_callback(mention, team_id=fake_slack.team_id, event_id="EvFlaky")
    with caplog.at_level(logging.CRITICAL):
        assert running_app.slack.event(envelope).status == 500
    assert running_app.slack.event(envelope, retry_num=1).status == 200
    assert running_app.slack.event(envelope, retry_num=2).status == 200
    assert seen == ["hi", "hi"], "handled again after the failure, then never a third time"


def test_unknown_paths_are_not_found(running_app: RunningApp) -> None:
    assert http_request(f"{running_app.base_url}/nope").status == 404
    form = urlencode({"a": "b"})
    answer = http_request(
        f"{running_app.base_url}/slack/install", body=form, headers={"Content-Type": FORM}
    )
    assert answer.status == 404
