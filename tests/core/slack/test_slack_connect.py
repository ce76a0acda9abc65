"""Slack Connect: a channel shared with another organisation. Kindling acts only for the
workspace it is installed in; the other side's people are guests, answered kindly, and no row
ever holds their ids or their workspace's."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from sqlalchemy import select

from bot.breaks.models import BreakTaken
from bot.core.slack import ids
from bot.kudos.models import Kudos, KudosRecipient
from tests.fakeslack import FakeSlack
from tests.support.breaks import GENERAL, posted_reminder, reminder_button
from tests.support.checkins import (
    ALICE,
    BOB,
    CARA,
    TEAM_CHANNEL,
    add_people,
    schedule,
    tick_and_deliver,
)
from tests.support.kudos import count, ephemeral_text, kudos_command, submission
from tests.support.lifecycle import revocation
from tests.support.privacy import every_value, kindling
from tests.support.running import RunningApp
from tests.support.signing import block_action
from tests.support.team import enrol_team

OTHER_TEAM = "T0OTHERORG"
GUEST = "U0GUEST"
_event_ids = itertools.count(1)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)
    fake_slack.add_user(GUEST, team_id=OTHER_TEAM, display_name="Guest")
    fake_slack.connect(GUEST)  # they share a channel with the installed workspace
    fake_slack.channel_members[TEAM_CHANNEL] = [ALICE, BOB]


def shared_channel_event(slack: FakeSlack, event: dict[str, Any]) -> dict[str, Any]:
    """An event in a channel shared with another organisation, as Slack sends it to the
    installed side: the envelope's ``team_id`` is the other side's, ``authorizations`` ours."""
    return {
        "token": "legacy-verification-token",
        "team_id": OTHER_TEAM,
        "context_team_id": OTHER_TEAM,
        "context_enterprise_id": None,
        "api_app_id": "AKINDLING",
        "event": event,
        "type": "event_callback",
        "event_id": f"EvShared{next(_event_ids):06d}",
        "event_time": 1764063000,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": slack.team_id,
                "user_id": "UKINDLINGBOT",
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": True,
    }


def traces_of_the_other_side(app: RunningApp) -> list[str]:
    return [value for value in every_value(app) if OTHER_TEAM in value or GUEST in value]


def test_shared_channel_events_act_for_the_installed_workspace_only(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    enrol_team(running_app, fake_slack, TEAM_CHANNEL)
    tick_and_deliver(running_app)
    joins = [
        {"type": "member_joined_channel", "user": GUEST, "channel": TEAM_CHANNEL,
         "channel_type": "C", "team": OTHER_TEAM},
        {"type": "member_joined_channel", "user": CARA, "channel": TEAM_CHANNEL,
         "channel_type": "C", "team": fake_slack.team_id},
    ]  # fmt: skip
    changed = {"type": "user_change", "user": {**fake_slack.users[GUEST], "tz": "Asia/Tokyo"}}
    for event in [*joins, changed]:
        envelope = shared_channel_event(fake_slack, event)
        assert running_app.slack.event(envelope).status == 200
    tick_and_deliver(running_app)
    invited = schedule(running_app, CARA)
    assert invited is not None  # the home member who joined is invited, under the home team
    assert invited.team_id == fake_slack.team_id
    assert schedule(running_app, GUEST) is None
    assert traces_of_the_other_side(running_app) == []  # no workspace row, no member row
    kindling(running_app, fake_slack, "forget-me", user=ALICE)
    for event in ("app_uninstalled", "tokens_revoked"):
        envelope = shared_channel_event(fake_slack, revocation(event))
        assert running_app.slack.event(envelope).status == 200
    assert every_value(running_app) == []  # the installed workspace's uninstall cleaned all


def guest_presses(app: RunningApp, slack: FakeSlack, element: dict[str, Any]) -> None:
    payload = block_action(
        element,
        team_id=OTHER_TEAM,
        user_id=GUEST,
        channel_id=GENERAL,
        response_url=slack.response_url("guest"),
    )
    payload["is_enterprise_install"] = False
    payload["channel"] = {"id": GENERAL, "name": "general"}
    assert app.slack.interaction(payload).status == 200


def test_a_guest_pressing_i_took_a_break_hears_kindly_and_nothing_is_kept(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reminder = posted_reminder(running_app, fake_slack)
    guest_presses(running_app, fake_slack, reminder_button(reminder, ids.BREAK_TOOK))
    running_app.kindling.dispatcher.drain()
    (notice,) = fake_slack.calls("response_url:guest")
    assert "nothing was recorded for you" in notice.args["text"]
    assert notice.args["response_type"] == "ephemeral"
    assert count(running_app, BreakTaken) == 0
    assert fake_slack.calls("chat.update") == []
    assert traces_of_the_other_side(running_app) == []


def shared_kudos_form(slack: FakeSlack) -> dict[str, Any]:
    """The kudos modal as it comes back from a shared channel: opened on the other side's
    surface (``team_id``), for the workspace that installed Kindling."""
    return {
        "type": "modal",
        "callback_id": ids.KUDOS_MODAL,
        "blocks": [{"type": "input", "block_id": ids.KUDOS_PEOPLE_BLOCK}],
        "private_metadata": json.dumps({"channel_id": GENERAL, "can_post": True}),
        "team_id": OTHER_TEAM,
        "app_installed_team_id": slack.team_id,
    }


def test_a_guests_kudos_form_is_kept_open_with_a_kind_reason(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    payload = submission(
        fake_slack, shared_kudos_form(fake_slack), users=[BOB], message="thanks from afar"
    )
    payload["team"] = {"id": OTHER_TEAM, "domain": "otherorg"}
    payload["user"] = {"id": GUEST, "team_id": OTHER_TEAM}
    answer = running_app.slack.interaction(payload)
    assert answer.status == 200
    reply = answer.json()
    assert reply["response_action"] == "errors"
    assert "people of this workspace only" in reply["errors"][ids.KUDOS_PEOPLE_BLOCK]
    assert count(running_app, Kudos) == 0
    assert traces_of_the_other_side(running_app) == []


def test_a_home_members_kudos_from_a_modal_opened_in_a_shared_channel_is_filed_at_home(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    form = shared_kudos_form(fake_slack)
    payload = submission(fake_slack, form, users=[BOB], message="thanks for the review")
    payload["team"] = {"id": OTHER_TEAM, "domain": "otherorg"}
    answer = running_app.slack.interaction(payload)
    assert answer.status == 200
    assert answer.json()["response_action"] == "update"
    running_app.kindling.dispatcher.drain()
    assert count(running_app, Kudos) == 1
    assert traces_of_the_other_side(running_app) == []


def test_a_guest_mentioned_in_kudos_is_left_out_and_not_kept(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    answer = kudos_command(running_app, fake_slack, f"<@{GUEST}> <@{BOB}> for the joint demo")
    assert "couldn't find" in ephemeral_text(answer)
    running_app.kindling.dispatcher.drain()
    with running_app.kindling.engine.connect() as connection:
        recipients = connection.execute(select(KudosRecipient.recipient_id)).scalars().all()
    assert recipients == [BOB]  # the home member is thanked; the guest is left out
    assert not [v for v in every_value(running_app) if v.startswith("members:") and GUEST in v]
