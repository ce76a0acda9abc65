"""The weekly private recap: Friday 16:00 in the member's own time, once a week, their own
figures only, and one tap to turn it off."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.slack import ids
from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.checkins import (
    ALICE,
    BOB,
    TEAM_CHANNEL,
    add_people,
    at,
    checkin,
    member_event,
    press,
    tick_and_deliver,
    welcome_dms,
)
from tests.support.kudos import kudos_command, posted_json
from tests.support.running import RunningApp
from tests.support.signing import block_action
from tests.support.team import enrol_team
from tests.support.wins import win

FRIDAY_1600_BERLIN = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def recaps(slack: FakeSlack, user: str = ALICE) -> list[RecordedCall]:
    return [
        call
        for call in slack.calls("chat.postMessage")
        if call.args["channel"] == user and ids.RECAP_OFF in str(call.args.get("blocks"))
    ]


def test_the_recap_comes_once_on_friday_afternoon_with_the_members_week(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    win(running_app, fake_slack, "shipped the release")
    kudos_command(running_app, fake_slack, f"<@{ALICE}> for the calm review", user=BOB)
    running_app.kindling.dispatcher.drain()
    at(running_app, FRIDAY_1600_BERLIN - timedelta(minutes=1))
    tick_and_deliver(running_app)
    assert recaps(fake_slack) == []
    at(running_app, FRIDAY_1600_BERLIN)
    tick_and_deliver(running_app)
    tick_and_deliver(running_app)
    (recap,) = recaps(fake_slack)
    shown = json.dumps(posted_json(recap.args, "blocks"), ensure_ascii=False)
    assert "You gave 0 kudos and received 1" in shown
    assert f"<@{BOB}>" in shown
    assert "1 small wins: shipped the release" in shown
    assert recaps(fake_slack, BOB) == []  # Bob never used Kindling for himself


def test_one_tap_turns_the_recap_off(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    checkin(running_app, fake_slack, "on")
    win(running_app, fake_slack, "asked for help early")
    at(running_app, FRIDAY_1600_BERLIN)
    tick_and_deliver(running_app)
    (recap,) = recaps(fake_slack)
    button = posted_json(recap.args, "blocks")[-1]["elements"][0]
    payload = block_action(
        button,
        team_id=fake_slack.team_id,
        user_id=ALICE,
        channel_id="DALICE",
        response_url=fake_slack.response_url("recap"),
    )
    assert running_app.slack.interaction(payload).status == 200
    running_app.kindling.dispatcher.drain()
    (note,) = fake_slack.calls("response_url:recap")
    assert "Weekly recaps are off" in note.args["text"]
    at(running_app, FRIDAY_1600_BERLIN + timedelta(days=7))
    tick_and_deliver(running_app)
    assert len(recaps(fake_slack)) == 1


def test_a_week_with_nothing_in_it_brings_no_recap(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")  # recaps on; then a quiet week
    at(running_app, FRIDAY_1600_BERLIN)
    tick_and_deliver(running_app)
    assert recaps(fake_slack) == [], "no report card of nothing"
    at(running_app, FRIDAY_1600_BERLIN + timedelta(days=4))  # Tuesday of the next week
    win(running_app, fake_slack, "took a real lunch break")
    at(running_app, FRIDAY_1600_BERLIN + timedelta(days=7))
    tick_and_deliver(running_app)
    assert len(recaps(fake_slack)) == 1, "next week's comes, with its win"


def test_no_recap_reaches_someone_on_a_pause(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    win(running_app, fake_slack, "shipped the release")
    assert "pause" in checkin(running_app, fake_slack, "pause 10d").lower()
    at(running_app, FRIDAY_1600_BERLIN)
    tick_and_deliver(running_app)
    assert recaps(fake_slack) == [], "on holiday: nothing from Kindling"


def test_no_recap_reaches_someone_who_left_the_workspace(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    win(running_app, fake_slack, "shipped the release")
    fake_slack.users[ALICE]["deleted"] = True
    event = {"type": "user_change", "user": fake_slack.users[ALICE]}
    assert member_event(running_app, fake_slack, event).status == 200
    at(running_app, FRIDAY_1600_BERLIN)
    tick_and_deliver(running_app)
    assert recaps(fake_slack) == []


def test_no_recap_reaches_someone_who_said_not_for_me(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.channel_members[TEAM_CHANNEL] = [ALICE, BOB]
    enrol_team(running_app, fake_slack, TEAM_CHANNEL, user=ALICE)
    tick_and_deliver(running_app)
    at(running_app, datetime(2026, 11, 25, 14, 5, tzinfo=UTC))  # the welcome waits for 09:00 NY
    tick_and_deliver(running_app)
    (welcome,) = welcome_dms(fake_slack, BOB)  # Bob's recap came on with the enrolment
    assert press(running_app, fake_slack, welcome, ids.CHECKIN_NOT_FOR_ME, user=BOB).status == 200
    kudos_command(running_app, fake_slack, f"<@{BOB}> for the calm review")  # a week to tell
    running_app.kindling.dispatcher.drain()
    at(running_app, FRIDAY_1600_BERLIN + timedelta(hours=6))  # 16:00 in Bob's New York
    tick_and_deliver(running_app)
    at(running_app, FRIDAY_1600_BERLIN + timedelta(hours=6, seconds=2))  # one DM a second
    running_app.kindling.dispatcher.drain()
    assert recaps(fake_slack, BOB) == [], "Not for me means nothing from Kindling"
