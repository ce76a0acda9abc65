"""Each bot scope in ``manifest.yml`` is there for something the real app does: without it,
Slack (the strict fake) would refuse or never deliver what these flows need."""

from __future__ import annotations

import pytest

from tests.fakeslack import FakeSlack
from tests.fakeslack.scopes import FEATURE_SCOPES
from tests.support.checkins import (
    ALICE,
    CARA,
    add_people,
    tick_and_deliver,
    welcome_dms,
)
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer, command_payload
from tests.support.team import enrol_team

PRIVATE_TEAM = "GQUIETTEAM"


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def delivered_command(app: RunningApp, slack: FakeSlack, text: str) -> HttpAnswer | None:
    """``/kindling text`` as Slack delivers it: only to an install granted ``commands``."""
    if FEATURE_SCOPES["slash_commands"] not in slack.granted_scopes():
        return None
    payload = command_payload("/kindling", text, team_id=slack.team_id)
    return app.slack.command(payload)


def test_slash_commands_reach_kindling(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    answer = delivered_command(running_app, fake_slack, "help")
    assert answer is not None, "Slack delivers slash commands only to apps granted `commands`"
    assert answer.status == 200
    assert "Kindling" in answer.json()["text"]


def test_checkin_team_invites_the_people_of_a_private_channel(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """A private channel cannot be joined; Kindling, added to it, reads its members (which
    needs groups:read) and welcomes them."""
    kindling = fake_slack.workspaces[fake_slack.team_id].bot_user_id
    fake_slack.channel_members[PRIVATE_TEAM] = [ALICE, CARA, kindling]
    answer = enrol_team(running_app, fake_slack, PRIVATE_TEAM, channel_name="quiet-team")
    assert "*2 people*" in answer
    tick_and_deliver(running_app)
    (listed, *_) = fake_slack.calls("conversations.members")
    assert listed.result["members"] == [ALICE, CARA, kindling], "Slack answered the member list"
    assert sorted(c.args["channel"] for c in welcome_dms(fake_slack)) == [ALICE, CARA]
