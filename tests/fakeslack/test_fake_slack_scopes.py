"""The fake Slack enforces OAuth scopes and channel membership like Slack does."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakeslack import FakeSlack
from tests.fakeslack.scopes import EVENT_SCOPES, METHOD_SCOPES, manifest_bot_scopes
from tests.fakeslack.server import METHODS
from tests.support.manifest import load_manifest

ACME = "T0ACME"


def client_for(fake: FakeSlack, token: str | None = None) -> WebClient:
    return WebClient(token=token or fake.bot_token, base_url=fake.api_url, timeout=5)


def refusal(call: Any) -> dict[str, Any]:
    """Slack's whole answer to a call it refused."""
    with pytest.raises(SlackApiError) as failure:
        call()
    assert failure.value.response.status_code == 200
    answer = failure.value.response.data
    assert isinstance(answer, dict)
    return answer


def without(fake: FakeSlack, *scopes: str) -> str:
    """A bot token of the fake's workspace granted the manifest's scopes but ``scopes``."""
    return fake.issue_bot_token([s for s in fake.bot_scopes if s not in scopes])


def test_the_default_token_has_the_manifests_scopes(fake_slack: FakeSlack) -> None:
    expected = tuple(load_manifest()["oauth_config"]["scopes"]["bot"])
    assert fake_slack.bot_scopes == expected == manifest_bot_scopes()
    assert fake_slack.granted_scopes() == expected
    assert "files:write" in expected


def test_an_install_is_granted_the_manifests_scopes_or_fewer(fake_slack: FakeSlack) -> None:
    def install(code: str) -> dict[str, Any]:
        answer = client_for(fake_slack).oauth_v2_access(
            client_id=fake_slack.client_id, client_secret=fake_slack.client_secret, code=code
        )
        return dict(answer.data)  # type: ignore[arg-type]  # a JSON object here

    full = install(fake_slack.issue_oauth_code(ACME))
    assert full["scope"] == ",".join(manifest_bot_scopes())
    assert fake_slack.granted_scopes(full["access_token"]) == manifest_bot_scopes()
    narrow = install(fake_slack.issue_oauth_code(ACME, scopes=["chat:write", "users:read"]))
    assert narrow["scope"] == "chat:write,users:read"
    answer = refusal(lambda: client_for(fake_slack, narrow["access_token"]).dnd_info(user="U1"))
    assert answer["provided"] == "chat:write,users:read"


def test_a_method_needs_its_scope(fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UALICE")
    token = without(fake_slack, "users:read")
    answer = refusal(lambda: client_for(fake_slack, token).users_info(user="UALICE"))
    assert answer == {
        "ok": False,
        "error": "missing_scope",
        "needed": "users:read",
        "provided": ",".join(s for s in fake_slack.bot_scopes if s != "users:read"),
    }
    assert client_for(fake_slack).users_info(user="UALICE")["user"]["id"] == "UALICE"


@pytest.mark.parametrize(
    ("scope", "call"),
    [
        ("chat:write", lambda c: c.chat_postMessage(channel="UALICE", text="hi")),
        ("chat:write", lambda c: c.chat_update(channel="DALICE", ts="1.2", text="hi")),
        ("users:read", lambda c: c.users_list()),
        ("dnd:read", lambda c: c.dnd_info(user="UALICE")),
        ("im:write", lambda c: c.conversations_open(users="UALICE")),
        ("channels:join", lambda c: c.conversations_join(channel="CTEAM")),
        ("channels:read", lambda c: c.conversations_members(channel="CTEAM")),
        ("groups:read", lambda c: c.conversations_members(channel="GSECRET")),
        ("files:write", lambda c: c.files_getUploadURLExternal(filename="a.txt", length=1)),
        ("files:write", lambda c: c.files_completeUploadExternal(files=[{"id": "F1"}])),
    ],
)
def test_each_scope_guards_its_methods(fake_slack: FakeSlack, scope: str, call: Any) -> None:
    fake_slack.channel_members |= {"CTEAM": ["UALICE"], "GSECRET": ["UALICE", "UKINDLINGBOT"]}
    answer = refusal(lambda: call(client_for(fake_slack, without(fake_slack, scope))))
    assert (answer["error"], answer["needed"]) == ("missing_scope", scope)
    assert scope not in answer["provided"].split(",")


def test_the_scope_depends_on_the_conversation(fake_slack: FakeSlack) -> None:
    only_public = fake_slack.issue_bot_token(["channels:read"])
    fake_slack.channel_members |= {"CTEAM": ["UALICE"], "GSECRET": ["UKINDLINGBOT"]}
    client = client_for(fake_slack, only_public)
    assert client.conversations_members(channel="CTEAM")["members"] == ["UALICE"]
    assert refusal(lambda: client.conversations_members(channel="GSECRET"))["needed"] == (
        "groups:read"
    )
    assert refusal(lambda: client.conversations_members(channel="D0ALICE"))["needed"] == "im:read"
    several = refusal(lambda: client.conversations_open(users="UALICE,UBOB"))
    assert several["needed"] == "mpim:write"
    assert refusal(lambda: client.conversations_open(users="UALICE"))["needed"] == "im:write"


def test_scopes_are_checked_after_the_token_and_before_the_method(fake_slack: FakeSlack) -> None:
    no_scopes = fake_slack.issue_bot_token([])
    assert client_for(fake_slack, no_scopes).auth_test()["ok"] is True, "auth.test needs none"
    revoked = fake_slack.issue_bot_token([], team_id=fake_slack.team_id)
    fake_slack.revoke_workspace(fake_slack.team_id)
    assert refusal(lambda: client_for(fake_slack, revoked).dnd_info())["error"] == "token_revoked"
    assert refusal(lambda: client_for(fake_slack, "xoxb-x").dnd_info())["error"] == "invalid_auth"


def test_scopes_come_before_the_methods_own_errors(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack, without(fake_slack, "channels:read", "groups:read"))
    answer = refusal(lambda: client.conversations_members(channel="GUNKNOWN"))
    assert answer["error"] == "missing_scope", "not channel_not_found"
    fake_slack.fail_next("users.info", "ratelimited")
    scripted = refusal(lambda: client_for(fake_slack).users_info(user="U1"))
    assert scripted["error"] == "ratelimited", "scripted misbehaviours still come first"


def test_views_and_permalinks_need_no_scope(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack, fake_slack.issue_bot_token([]))
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]
    view = {"type": "home", "blocks": blocks}
    assert client.views_publish(user_id="UALICE", view=view)["ok"] is True
    assert client.chat_getPermalink(channel="C1", message_ts="1.2")["ok"] is True
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "Hi"}, "blocks": blocks}
    assert client.views_open(trigger_id="1.2.abc", view=modal)["ok"] is True


def test_posting_in_a_public_channel_needs_membership_or_chat_write_public(
    fake_slack: FakeSlack,
) -> None:
    client = client_for(fake_slack, without(fake_slack, "chat:write.public"))
    assert refusal(lambda: client.chat_postMessage(channel="CTEAM", text="hi")) == {
        "ok": False,
        "error": "not_in_channel",
    }
    assert client_for(fake_slack).chat_postMessage(channel="CTEAM", text="hi")["ok"] is True
    fake_slack.joined_channels.add("CTEAM")
    assert client.chat_postMessage(channel="CTEAM", text="hi")["ok"] is True
    fake_slack.channel_members["CWINS"] = ["UALICE", "UKINDLINGBOT"]
    assert client.chat_postMessage(channel="CWINS", text="hi")["ok"] is True


def test_a_private_channel_the_bot_is_not_in_does_not_exist_for_it(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)  # chat:write.public does not reach private channels
    fake_slack.channel_members["GSECRET"] = ["UALICE"]
    assert refusal(lambda: client.chat_postMessage(channel="GSECRET", text="hi"))["error"] == (
        "channel_not_found"
    )
    fake_slack.channel_members["GSECRET"].append("UKINDLINGBOT")
    assert client.chat_postMessage(channel="GSECRET", text="hi")["ok"] is True


def test_dms_need_only_chat_write(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack, fake_slack.issue_bot_token(["chat:write"]))
    for channel in ("UALICE", "WGRID", "DALICE"):
        assert client.chat_postMessage(channel=channel, text="hi")["ok"] is True
    mute = client_for(fake_slack, without(fake_slack, "chat:write"))
    answer = refusal(lambda: mute.chat_postMessage(channel="UALICE", text="hi"))
    assert answer["needed"] == "chat:write"


def test_membership_is_per_workspace(fake_slack: FakeSlack) -> None:
    fake_slack.issue_oauth_code(ACME)
    acme_bot = fake_slack.workspaces[ACME].bot_user_id
    acme = client_for(fake_slack, fake_slack.issue_bot_token(["chat:write"], team_id=ACME))
    fake_slack.channel_members["GACME"] = ["UKINDLINGBOT"]
    assert refusal(lambda: acme.chat_postMessage(channel="GACME", text="hi"))["error"] == (
        "channel_not_found"
    )
    fake_slack.channel_members["GACME"].append(acme_bot)
    assert acme.chat_postMessage(channel="GACME", text="hi")["ok"] is True


def test_every_method_the_fake_serves_has_a_scope_entry() -> None:
    assert set(METHODS) <= set(METHOD_SCOPES)
    assert {"team_join", "member_joined_channel", "reaction_added"} <= set(EVENT_SCOPES)
