"""Multi-workspace installs over real HTTP: ``/slack/install``, Slack's redirect with a code,
the fake Slack's ``oauth.v2.access``, then each workspace served with its own token."""

from __future__ import annotations

import urllib.parse

from bot.core.slack.installations import installation_store
from tests.fakeslack import FakeSlack
from tests.support.kudos import kudos_command
from tests.support.lifecycle import revocation
from tests.support.oauth import get, install, state_cookie
from tests.support.privacy import every_value
from tests.support.running import RunningApp
from tests.support.signing import command_payload, event_callback

SECOND = "T0SECOND"
ORG = "E0GRIDORG"
THIRD = "T0THIRD"


def bot_token_of(app: RunningApp, slack: FakeSlack, team_id: str) -> str | None:
    store = installation_store(slack.client_id, app.kindling.engine)
    bot = store.find_bot(enterprise_id=None, team_id=team_id)
    return bot.bot_token if bot is not None else None


def test_install_then_a_command_from_that_workspace_uses_its_own_token(
    oauth_app: RunningApp, fake_slack: FakeSlack
) -> None:
    page = install(oauth_app, fake_slack, SECOND)
    assert page.status == 200, page.body
    token = bot_token_of(oauth_app, fake_slack, SECOND)
    assert token is not None
    assert fake_slack.team_of(token) == SECOND
    fake_slack.add_user("UANNA", team_id=SECOND, display_name="Anna", tz="Europe/Berlin")
    fake_slack.add_user("UBEN", team_id=SECOND, display_name="Ben", tz="Europe/Berlin")
    answer = kudos_command(
        oauth_app, fake_slack, "<@UBEN> for the warm welcome", user="UANNA", team_id=SECOND
    )
    assert answer.status == 200
    oauth_app.kindling.dispatcher.drain()
    sent = fake_slack.calls("chat.postMessage")
    assert sent, "the kudos was not delivered"
    assert {call.token for call in sent} == {token}


def test_a_second_workspace_installed_beside_it_keeps_its_own_token(
    oauth_app: RunningApp, fake_slack: FakeSlack
) -> None:
    for team_id, people in ((SECOND, ("UANNA", "UBEN")), (THIRD, ("UCLEO", "UDAN"))):
        assert install(oauth_app, fake_slack, team_id).status == 200
        for user in people:
            fake_slack.add_user(user, team_id=team_id, display_name=user[1:].title())
    kudos_command(oauth_app, fake_slack, "<@UBEN> thanks", user="UANNA", team_id=SECOND)
    kudos_command(oauth_app, fake_slack, "<@UDAN> thanks", user="UCLEO", team_id=THIRD)
    oauth_app.kindling.dispatcher.drain()
    by_team = {
        (call.team_id, call.args.get("channel")) for call in fake_slack.calls("chat.postMessage")
    }
    assert {team for team, _ in by_team} == {SECOND, THIRD}
    for call in fake_slack.calls("chat.postMessage"):
        assert call.token == bot_token_of(oauth_app, fake_slack, str(call.team_id))


def test_an_expiring_token_is_rotated_and_saved(
    oauth_app: RunningApp, fake_slack: FakeSlack
) -> None:
    assert install(oauth_app, fake_slack, SECOND, expires_in=3600).status == 200
    first = bot_token_of(oauth_app, fake_slack, SECOND)
    fake_slack.add_user("UANNA", team_id=SECOND, display_name="Anna")
    fake_slack.add_user("UBEN", team_id=SECOND, display_name="Ben")
    kudos_command(oauth_app, fake_slack, "<@UBEN> thanks", user="UANNA", team_id=SECOND)
    oauth_app.kindling.dispatcher.drain()
    assert fake_slack.rotations >= 1
    rotated = bot_token_of(oauth_app, fake_slack, SECOND)
    assert rotated not in (None, first)
    posts = fake_slack.calls("chat.postMessage")
    assert {call.team_id for call in posts} == {SECOND}
    assert posts[-1].token == rotated  # the newest token, as saved


def test_a_forged_state_installs_nothing(oauth_app: RunningApp, fake_slack: FakeSlack) -> None:
    start = get(f"{oauth_app.base_url}/slack/install")
    code = fake_slack.issue_oauth_code(SECOND)
    query = urllib.parse.urlencode({"code": code, "state": "forged.0000"})
    page = get(f"{oauth_app.base_url}/slack/oauth_redirect?{query}", cookie=state_cookie(start))
    assert page.status == 400
    assert bot_token_of(oauth_app, fake_slack, SECOND) is None
    assert fake_slack.calls("oauth.v2.access") == []


def test_uninstalling_one_workspace_forgets_its_install_and_data_only(
    oauth_app: RunningApp, fake_slack: FakeSlack
) -> None:
    for team_id, people in ((SECOND, ("UANNA", "UBEN")), (THIRD, ("UCLEO", "UDAN"))):
        assert install(oauth_app, fake_slack, team_id).status == 200
        for user in people:
            fake_slack.add_user(user, team_id=team_id, display_name=user[1:].title())
    kudos_command(oauth_app, fake_slack, "<@UBEN> thanks", user="UANNA", team_id=SECOND)
    kudos_command(oauth_app, fake_slack, "<@UDAN> thanks", user="UCLEO", team_id=THIRD)
    oauth_app.kindling.dispatcher.drain()
    fake_slack.revoke_workspace(SECOND)
    for number, event in enumerate(({"type": "app_uninstalled"}, revocation("tokens_revoked"))):
        envelope = event_callback(event, team_id=SECOND, event_id=f"EvGone{number}")
        assert oauth_app.slack.event(envelope).status == 200
    assert bot_token_of(oauth_app, fake_slack, SECOND) is None  # Bolt's revocation listener
    assert bot_token_of(oauth_app, fake_slack, THIRD) is not None
    values = every_value(oauth_app)
    assert [value for value in values if SECOND in value] == []
    assert any(THIRD in value for value in values)


def test_a_workspace_of_a_grid_org_is_served_and_an_org_wide_revocation_deletes_it(
    oauth_app: RunningApp, fake_slack: FakeSlack
) -> None:
    assert install(oauth_app, fake_slack, SECOND, enterprise_id=ORG).status == 200
    fake_slack.add_user("WANNA", team_id=SECOND, display_name="Anna", tz="Europe/Berlin")
    fake_slack.add_user("WBEN", team_id=SECOND, display_name="Ben", tz="Europe/Berlin")
    fields = command_payload("/kudos", "<@WBEN> for the demo", team_id=SECOND, user_id="WANNA")
    fields |= {"enterprise_id": ORG, "channel_id": "CGENERAL"}
    assert oauth_app.slack.command(fields).status == 200
    oauth_app.kindling.dispatcher.drain()
    assert {call.team_id for call in fake_slack.calls("chat.postMessage")} == {SECOND}
    envelope = {
        **event_callback(revocation("tokens_revoked"), team_id=SECOND, event_id="EvOrg1"),
        "enterprise_id": ORG,
    }
    del envelope["team_id"], envelope["authorizations"]  # an org-wide revocation names no team
    assert oauth_app.slack.event(envelope).status == 200
    assert every_value(oauth_app) == []  # its data and its installation are gone
