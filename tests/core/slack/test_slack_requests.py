"""Requests Slack really sends that Bolt or Kindling once got wrong: a command whose form body
says "payload", ``app_rate_limited`` (sent without a subscription) and a person writing in
Kindling's Messages tab."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from bot.wins.models import Win
from tests.fakeslack import FakeSlack
from tests.support.checkins import ALICE, add_people
from tests.support.kudos import count, posted_json
from tests.support.privacy import every_value
from tests.support.running import RunningApp
from tests.support.signing import SlackSender, command_payload, event_callback

FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def command(
    app: RunningApp, slack: FakeSlack, name: str, text: str, *, channel_name: str = "general"
) -> dict[str, object]:
    fields = command_payload(name, text, team_id=slack.team_id, user_id=ALICE)
    fields["channel_name"] = channel_name
    answer = app.slack.command(fields)
    assert answer.status == 200, answer.body
    reply = answer.json()
    assert reply["response_type"] == "ephemeral"
    return dict(reply)


def test_a_command_whose_text_says_payload_is_answered(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reply = command(running_app, fake_slack, "/win", "fixed the payload parser")
    assert "fixed the payload parser" in json.dumps(reply["blocks"])
    assert count(running_app, Win) == 1


def test_a_command_in_a_channel_named_payloads_is_answered(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reply = command(running_app, fake_slack, "/kindling", "help", channel_name="payloads-team")
    assert "/kudos" in json.dumps(reply["blocks"])


def test_such_a_command_still_needs_slacks_signature(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fields = command_payload("/win", "the payload of a forger", team_id=fake_slack.team_id)
    forger = SlackSender(running_app.slack.events_url, secret="not-the-signing-secret")
    assert forger.post(urlencode(fields), content_type=FORM).status == 401
    assert count(running_app, Win) == 0


def test_app_rate_limited_is_acknowledged(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    notice = {
        "token": "legacy-verification-token",
        "type": "app_rate_limited",
        "team_id": fake_slack.team_id,
        "minute_rate_limited": 1764063000,
        "api_app_id": "AKINDLING",
    }
    assert running_app.slack.event(notice).status == 200


def test_a_message_in_the_messages_tab_gets_the_help_and_is_not_kept(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    written = {
        "type": "message",
        "channel": "DALICE",
        "channel_type": "im",
        "user": ALICE,
        "text": "hello kindling, my secret worry",
        "ts": "1764063000.000100",
        "event_ts": "1764063000.000100",
    }
    envelope = event_callback(written, team_id=fake_slack.team_id, event_id="EvDM1")
    assert running_app.slack.event(envelope).status == 200
    assert running_app.slack.event(envelope, retry_num=1).status == 200  # answered once
    edited = {**written, "subtype": "message_changed", "ts": "1764063001.000100"}
    edit = event_callback(edited, team_id=fake_slack.team_id, event_id="EvDM2")
    assert running_app.slack.event(edit).status == 200
    running_app.kindling.dispatcher.drain()
    (reply,) = fake_slack.calls("chat.postMessage")
    assert reply.args["channel"] == "DALICE"
    assert "/kudos" in json.dumps(posted_json(reply.args, "blocks"))
    assert not [value for value in every_value(running_app) if "secret worry" in value]
