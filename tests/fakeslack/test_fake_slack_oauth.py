"""The fake Slack installs the app into many workspaces, rotates and revokes their tokens."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakeslack import FakeSlack

ACME = "T0ACME"


def client_for(fake: FakeSlack, token: str | None = None) -> WebClient:
    return WebClient(token=token, base_url=fake.api_url, timeout=5)


def exchange(fake: FakeSlack, code: str, *, client_secret: str | None = None) -> dict[str, Any]:
    answer = client_for(fake).oauth_v2_access(
        client_id=fake.client_id, client_secret=client_secret or fake.client_secret, code=code
    )
    return dict(answer.data)  # type: ignore[arg-type]  # a JSON object here


def slack_error(call: Any) -> str:
    with pytest.raises(SlackApiError) as failure:
        call()
    error: str = failure.value.response["error"]
    return error


def test_a_code_installs_the_app_once(fake_slack: FakeSlack) -> None:
    code = fake_slack.issue_oauth_code(ACME, team_name="Acme Corp", installer="U0ADA")
    install = exchange(fake_slack, code)
    token = install.pop("access_token")
    assert token.startswith("xoxb-")
    assert token != fake_slack.bot_token
    assert install == {
        "ok": True,
        "app_id": fake_slack.app_id,
        "authed_user": {"id": "U0ADA"},
        "scope": install["scope"],
        "token_type": "bot",
        "bot_user_id": install["bot_user_id"],
        "team": {"id": ACME, "name": "Acme Corp"},
        "enterprise": None,
        "is_enterprise_install": False,
    }
    assert "chat:write" in install["scope"].split(",")
    assert install["bot_user_id"].startswith("U0BOT")
    assert fake_slack.team_of(token) == ACME
    assert fake_slack.team_of(fake_slack.bot_token) == fake_slack.team_id, "still installed"

    assert slack_error(lambda: exchange(fake_slack, code)) == "invalid_code", "codes are one-time"
    assert slack_error(lambda: exchange(fake_slack, "made-up")) == "invalid_code"
    other = fake_slack.issue_oauth_code(ACME)
    wrong_secret = lambda: exchange(fake_slack, other, client_secret="guessed")  # noqa: E731
    assert slack_error(wrong_secret) == "bad_client_secret"
    (call, *_) = fake_slack.calls("oauth.v2.access")
    assert call.args["code"] == code
    assert call.token is None
    assert call.team_id is None


def test_client_credentials_may_come_as_form_fields(fake_slack: FakeSlack) -> None:
    code = fake_slack.issue_oauth_code(ACME)
    data = {"client_id": fake_slack.client_id, "client_secret": fake_slack.client_secret}
    answer = client_for(fake_slack).api_call("oauth.v2.access", data={**data, "code": code})
    assert answer["team"] == {"id": ACME, "name": f"Workspace {ACME}"}


def test_rotation_gives_a_new_token_and_retires_the_refresh_token(fake_slack: FakeSlack) -> None:
    install = exchange(fake_slack, fake_slack.issue_oauth_code(ACME, expires_in=43200))
    assert install["expires_in"] == 43200
    assert install["refresh_token"].startswith("xoxe-1-")
    assert fake_slack.rotations == 0

    def rotate(refresh_token: str) -> dict[str, Any]:
        answer = client_for(fake_slack).oauth_v2_access(
            client_id=fake_slack.client_id,
            client_secret=fake_slack.client_secret,
            grant_type="refresh_token",
            refresh_token=refresh_token,
        )
        return dict(answer.data)  # type: ignore[arg-type]  # a JSON object here

    rotated = rotate(install["refresh_token"])
    assert rotated["access_token"] not in (install["access_token"], fake_slack.bot_token)
    assert rotated["refresh_token"] != install["refresh_token"]
    assert rotated["expires_in"] == 43200
    assert rotated["token_type"] == "bot"
    assert rotated["team"]["id"] == ACME
    assert "authed_user" not in rotated
    assert fake_slack.rotations == 1
    assert fake_slack.team_of(rotated["access_token"]) == ACME
    assert client_for(fake_slack, rotated["access_token"]).auth_test()["team_id"] == ACME
    used = install["refresh_token"]
    assert slack_error(lambda: rotate(used)) == "invalid_refresh_token"
    assert rotate(rotated["refresh_token"])["expires_in"] == 43200, "the new one works, once"
    assert fake_slack.rotations == 2


def test_a_revoked_workspace_s_tokens_are_refused(fake_slack: FakeSlack) -> None:
    install = exchange(fake_slack, fake_slack.issue_oauth_code(ACME, expires_in=3600))
    acme = client_for(fake_slack, install["access_token"])
    assert acme.auth_test()["ok"] is True

    fake_slack.revoke_workspace(ACME)
    assert slack_error(acme.auth_test) == "token_revoked"
    assert fake_slack.team_of(install["access_token"]) is None
    refresh = install["refresh_token"]
    rotate = lambda: client_for(fake_slack).oauth_v2_access(  # noqa: E731
        client_id=fake_slack.client_id,
        client_secret=fake_slack.client_secret,
        grant_type="refresh_token",
        refresh_token=refresh,
    )
    assert slack_error(rotate) == "invalid_refresh_token"
    assert client_for(fake_slack, fake_slack.bot_token).auth_test()["ok"] is True, "others live"
    assert [call.team_id for call in fake_slack.calls("auth.test")] == [
        ACME,
        ACME,
        fake_slack.team_id,
    ]

    again = exchange(fake_slack, fake_slack.issue_oauth_code(ACME))
    assert client_for(fake_slack, again["access_token"]).auth_test()["team_id"] == ACME


def test_users_belong_to_one_workspace(fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UHOME", display_name="Home")
    fake_slack.add_user("UACME1", team_id=ACME)
    fake_slack.add_user("UACME2", team_id=ACME)
    acme = client_for(
        fake_slack, exchange(fake_slack, fake_slack.issue_oauth_code(ACME))["access_token"]
    )
    home = client_for(fake_slack, fake_slack.bot_token)

    assert acme.users_info(user="UACME1")["user"]["team_id"] == ACME
    assert slack_error(lambda: acme.users_info(user="UHOME")) == "user_not_found"
    assert slack_error(lambda: home.users_info(user="UACME1")) == "user_not_found"
    assert [member["id"] for member in acme.users_list()["members"]] == ["UACME1", "UACME2"]
    assert [member["id"] for member in home.users_list()["members"]] == ["UHOME"]


def test_a_grid_user_belongs_to_each_workspace_of_the_org_they_are_in(
    fake_slack: FakeSlack,
) -> None:
    teams = [fake_slack.team_id, ACME]
    fake_slack.add_user("WGRID", enterprise_user={"id": "WGRID", "teams": teams})
    fake_slack.add_user("UHOME")
    acme = client_for(
        fake_slack, exchange(fake_slack, fake_slack.issue_oauth_code(ACME))["access_token"]
    )
    home = client_for(fake_slack, fake_slack.bot_token)
    assert acme.users_info(user="WGRID")["user"]["team_id"] == fake_slack.team_id
    assert [member["id"] for member in acme.users_list()["members"]] == ["WGRID"]
    assert [member["id"] for member in home.users_list()["members"]] == ["WGRID", "UHOME"]


def test_auth_test_names_the_token_s_workspace(fake_slack: FakeSlack) -> None:
    install = exchange(fake_slack, fake_slack.issue_oauth_code(ACME, team_name="Acme Corp"))
    acme = client_for(fake_slack, install["access_token"]).auth_test()
    assert acme["team_id"] == ACME
    assert acme["team"] == "Acme Corp"
    assert acme["url"] == "https://acme-corp.slack.com/"
    assert acme["user_id"] == install["bot_user_id"]
    assert acme["bot_id"].startswith("B")
    home = client_for(fake_slack, fake_slack.bot_token).auth_test()
    assert (home["team_id"], home["team"], home["user_id"]) == (
        fake_slack.team_id,
        "Kindling Test",
        "UKINDLINGBOT",
    )
    posted = client_for(fake_slack, install["access_token"]).chat_postMessage(
        channel="C1", text="hi"
    )
    assert posted["message"]["user"] == install["bot_user_id"], "posted by Acme's bot user"
    (call,) = fake_slack.calls("chat.postMessage")
    assert call.team_id == ACME
