"""The fake Slack answers like Slack, including when Slack misbehaves."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakeslack import FakeSlack
from tests.fakeslack.server import BOT_USER_ID
from tests.support.signing import http_request


def client_for(fake: FakeSlack, *, token: str | None = None, timeout: int = 5) -> WebClient:
    return WebClient(token=token or fake.bot_token, base_url=fake.api_url, timeout=timeout)


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def test_calls_are_recorded_and_answered(fake_slack: FakeSlack) -> None:
    answer = client_for(fake_slack).chat_postMessage(
        channel="UALICE", text="hello", blocks=[section("hello")]
    )
    assert answer["ok"] is True
    assert answer["channel"] == "DALICE", "a DM to a user id lands in their DM channel"
    (call,) = fake_slack.calls("chat.postMessage")
    assert call.args["channel"] == "UALICE"
    assert call.token == fake_slack.bot_token


def test_errors_can_be_scripted(fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("chat.postMessage", "channel_not_found")
    client = client_for(fake_slack)
    with pytest.raises(SlackApiError) as failure:
        client.chat_postMessage(channel="CGONE", text="hi")
    assert failure.value.response["error"] == "channel_not_found"
    assert client.chat_postMessage(channel="CGONE", text="hi")["ok"] is True


def test_rate_limits_answer_429_with_retry_after(fake_slack: FakeSlack) -> None:
    fake_slack.rate_limit_next("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as failure:
        client_for(fake_slack).chat_postMessage(channel="C1", text="hi")
    assert failure.value.response.status_code == 429
    assert failure.value.response.headers["Retry-After"] == "7"
    assert failure.value.response["error"] == "ratelimited"


def test_server_errors_answer_500(fake_slack: FakeSlack) -> None:
    fake_slack.http_error_next("users.info", status=500)
    with pytest.raises(SlackApiError) as failure:
        client_for(fake_slack).users_info(user="UALICE")
    assert failure.value.response.status_code == 500


def test_slow_replies_outlast_a_short_client_timeout(fake_slack: FakeSlack) -> None:
    fake_slack.slow_next("auth.test", seconds=5)
    with pytest.raises((TimeoutError, socket.timeout, OSError)):
        client_for(fake_slack, timeout=1).auth_test()


def test_wrong_tokens_are_refused(fake_slack: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as failure:
        client_for(fake_slack, token="xoxb-stolen").auth_test()
    assert failure.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as failure:
        client_for(fake_slack).apps_connections_open(app_token=fake_slack.bot_token)
    assert failure.value.response["error"] == "invalid_auth"


def test_too_many_blocks_are_refused_and_fail_the_test(fake_slack: FakeSlack) -> None:
    blocks = [section(f"line {n}") for n in range(51)]
    with pytest.raises(SlackApiError) as failure:
        client_for(fake_slack).chat_postMessage(channel="C1", text="long", blocks=blocks)
    assert failure.value.response["error"] == "invalid_blocks"
    assert fake_slack.violations == ["chat.postMessage: 51 blocks is over Slack's limit of 50"]
    fake_slack.violations.clear()  # seen on purpose; otherwise the fixture fails the test


def test_block_kit_limits_are_checked_with_slack_sdk_models(fake_slack: FakeSlack) -> None:
    with pytest.raises(SlackApiError):
        client_for(fake_slack).chat_update(
            channel="C1", ts="1.1", text="x", blocks=[section("x" * 3001)]
        )
    with pytest.raises(SlackApiError):
        client_for(fake_slack).chat_postMessage(
            channel="C1", text="x", blocks=[{"type": "sparkles"}]
        )
    assert len(fake_slack.violations) == 2
    assert "3000" in fake_slack.violations[0]
    assert "unknown type" in fake_slack.violations[1]
    fake_slack.violations.clear()


def test_views_are_limited_to_100_blocks(fake_slack: FakeSlack) -> None:
    home = {"type": "home", "blocks": [section(f"row {n}") for n in range(100)]}
    assert client_for(fake_slack).views_publish(user_id="UALICE", view=home)["ok"] is True
    home["blocks"].append(section("one too many"))
    with pytest.raises(SlackApiError):
        client_for(fake_slack).views_publish(user_id="UALICE", view=home)
    assert fake_slack.violations[0] == "views.publish: 101 blocks is over Slack's limit of 100"
    fake_slack.violations.clear()


def test_users_list_pages_with_a_cursor(fake_slack: FakeSlack) -> None:
    for user_id in ("UA", "UB", "UC"):
        fake_slack.add_user(user_id)
    client = client_for(fake_slack)
    first = client.users_list(limit=2)
    assert [member["id"] for member in first["members"]] == ["UA", "UB"]
    cursor = first["response_metadata"]["next_cursor"]
    second = client.users_list(limit=2, cursor=cursor)
    assert [member["id"] for member in second["members"]] == ["UC"]
    assert second["response_metadata"]["next_cursor"] == ""


def test_users_info_knows_only_added_users(fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UALICE", tz="Australia/Lord_Howe")
    client = client_for(fake_slack)
    assert client.users_info(user="UALICE")["user"]["tz"] == "Australia/Lord_Howe"
    with pytest.raises(SlackApiError) as failure:
        client.users_info(user="UNOBODY")
    assert failure.value.response["error"] == "user_not_found"


def test_the_other_methods_answer_like_slack(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)
    fake_slack.channel_members["C1"] = [BOT_USER_ID, "UALICE"]
    assert client.chat_postEphemeral(channel="C1", user="UALICE", text="psst")["message_ts"]
    for channel, user, error in (
        ("C1", "UBOB", "user_not_in_channel"),
        ("C2", "UALICE", "not_in_channel"),
        ("G2", "UALICE", "channel_not_found"),
    ):
        with pytest.raises(SlackApiError) as refused:
            client.chat_postEphemeral(channel=channel, user=user, text="psst")
        assert refused.value.response["error"] == error
    link = client.chat_getPermalink(channel="C1", message_ts="1700000000.000001")
    assert link["permalink"].endswith("/archives/C1/p1700000000000001")
    assert client.conversations_open(users="UALICE")["channel"]["id"] == "DALICE"
    modal = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Kudos"},
        "blocks": [section("hi")],
    }
    assert client.views_open(trigger_id="1.2.3", view=modal)["view"]["id"]
    assert client.views_update(view_id="V1", view=modal)["view"]["id"] == "V1"
    assert client.auth_test()["team_id"] == fake_slack.team_id
    with pytest.raises(SlackApiError) as failure:
        client.api_call("emoji.list")
    assert failure.value.response["error"] == "unknown_method"


def test_response_url_posts_are_recorded_and_validated(fake_slack: FakeSlack) -> None:
    url = fake_slack.response_url("kudos")
    body = {"response_type": "in_channel", "text": "Thank you!", "blocks": [section("Thanks")]}
    answer = http_request(url, body=json.dumps(body), headers={"Content-Type": "application/json"})
    assert answer.json() == {"ok": True}
    (call,) = fake_slack.calls("response_url:kudos")
    assert call.args["response_type"] == "in_channel"


def test_socket_mode_connections_are_opened_with_the_app_token(fake_slack: FakeSlack) -> None:
    answer = client_for(fake_slack).apps_connections_open(app_token=fake_slack.app_token)
    assert answer["url"].startswith("ws://127.0.0.1:")
