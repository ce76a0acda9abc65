"""Reaction kudos in the journal: the weekly kindness recap counts them, the export holds them
(with a link to the message, never its text), and the Home shows them with that link."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.fakeslack import FakeSlack
from tests.support.checkins import at, member_event, tick_and_deliver
from tests.support.kudos import BOB, CARA, GENERAL, GIVER, kudos_command, posted_json
from tests.support.privacy import forget_me, kindling
from tests.support.reactions import MESSAGE_TS, add_colleagues, heart, later
from tests.support.running import RunningApp
from tests.support.settings import ADMIN, submit

FRIDAY_1600_BERLIN = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
PERMALINK = f"https://kindling-test.slack.com/archives/{GENERAL}/p{MESSAGE_TS.replace('.', '')}"


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_colleagues(fake_slack)


def bob_is_appreciated(app: RunningApp, slack: FakeSlack) -> None:
    """Alice and Cara react to Bob's message; Bob is told (and the link kept)."""
    heart(app, slack, GIVER)
    heart(app, slack, CARA)
    later(app)


def test_the_weekly_kindness_recap_counts_reaction_kudos(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    submit(running_app, fake_slack, ADMIN)  # the kudos channel is CKUDOS
    kudos_command(running_app, fake_slack, f"<@{CARA}> for the calm release")
    bob_is_appreciated(running_app, fake_slack)
    at(running_app, FRIDAY_1600_BERLIN)
    tick_and_deliver(running_app)
    (recap,) = [
        call
        for call in fake_slack.calls("chat.postMessage")
        if call.args["channel"] == "CKUDOS" and "This week's kindness" in str(call.args["text"])
    ]
    shown = json.dumps(posted_json(recap.args, "blocks"), ensure_ascii=False)
    assert "3 kudos this week; 2 different people were appreciated." in shown


def contents(slack: FakeSlack) -> list[str]:
    return [str(shared["content"]) for shared in slack.files]


def test_the_export_holds_reaction_kudos_with_a_link_never_the_messages_text(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    bob_is_appreciated(running_app, fake_slack)
    for user in (BOB, GIVER):
        assert "on its way" in kindling(running_app, fake_slack, "export", user=user)["text"]
    running_app.kindling.dispatcher.drain()
    exports = {export["user_id"]: export for export in map(json.loads, contents(fake_slack))}
    bobs, alices = exports[BOB], exports[GIVER]
    message = {"channel": GENERAL, "ts": MESSAGE_TS, "link": PERMALINK}
    assert [(k["from"], k["reaction"], k["for_message"]) for k in bobs["kudos_received"]] == [
        (CARA, "yellow_heart", message),
        (GIVER, "yellow_heart", message),
    ]
    assert [(k["to"], k["for_message"]) for k in alices["kudos_given"]] == [([BOB], message)]
    assert {k["message"] for k in bobs["kudos_received"]} == {""}


def test_the_home_shows_reaction_kudos_with_a_link_to_the_message(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    bob_is_appreciated(running_app, fake_slack)
    event = {"type": "app_home_opened", "user": BOB, "tab": "home", "channel": "DBOB"}
    assert member_event(running_app, fake_slack, event).status == 200
    running_app.kindling.dispatcher.drain()
    home = [c for c in fake_slack.calls("views.publish") if c.args["user_id"] == BOB][-1]
    shown = json.dumps(posted_json(home.args, "view"), ensure_ascii=False)
    assert f"💛 from <@{GIVER}>: :yellow_heart: on a message <{PERMALINK}|see it>" in shown
    assert f"💛 from <@{CARA}>: :yellow_heart: on a message" in shown


def test_two_people_who_reacted_to_one_message_can_both_be_forgotten(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    bob_is_appreciated(running_app, fake_slack)  # Alice and Cara reacted
    forget_me(running_app, fake_slack, GIVER)
    forget_me(running_app, fake_slack, CARA)
    assert kindling(running_app, fake_slack, "export", user=BOB)["text"]
    running_app.kindling.dispatcher.drain()
    (bobs,) = map(json.loads, contents(fake_slack))
    assert [k["from"] for k in bobs["kudos_received"]] == ["former-teammate"] * 2
