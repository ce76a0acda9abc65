"""``/checkin team``: a channel's people (and later joiners) are invited once, with consent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.checkins.values import CheckinStatus
from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.support.checkins import (
    ALICE,
    BOB,
    CARA,
    DEPLOYBOT,
    GONE,
    TEAM_CHANNEL,
    add_people,
    checkin,
    member_event,
    press,
    schedule,
    tick_and_deliver,
    welcome_dms,
)
from tests.support.clock import ManualClock
from tests.support.running import RunningApp


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)
    fake_slack.channel_members[TEAM_CHANNEL] = [ALICE, BOB, DEPLOYBOT, GONE]


def until_bobs_morning(app: RunningApp, clock: ManualClock) -> None:
    """From the default 09:30 UTC to 09:05 in New York (Bob's), delivering what is due then."""
    clock.advance(timedelta(hours=4, minutes=35))
    tick_and_deliver(app)


def enrol_team(app: RunningApp, slack: FakeSlack, channel: str = TEAM_CHANNEL) -> str:
    return checkin(app, slack, "team", user=ALICE, channel=channel, channel_name="team")


def test_team_invites_the_channels_people_once_never_bots_or_deactivated(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    assert "invite everyone in this channel" in enrol_team(running_app, fake_slack)
    tick_and_deliver(running_app)
    tick_and_deliver(running_app)
    assert [c.args["channel"] for c in welcome_dms(fake_slack)] == [ALICE]
    until_bobs_morning(running_app, clock)  # a welcome can wait for New York's working hours
    assert sorted(c.args["channel"] for c in welcome_dms(fake_slack)) == [ALICE, BOB]
    assert TEAM_CHANNEL in fake_slack.joined_channels  # so Slack tells it who joins later
    welcome = welcome_dms(fake_slack, BOB)[0].args
    assert f"<@{ALICE}> invited <#{TEAM_CHANNEL}>" in welcome["text"]
    assert "only you" in str(welcome["blocks"])
    for user in (ALICE, BOB):
        stored = schedule(running_app, user)
        assert stored is not None
        assert (stored.status, stored.joined_via) == (CheckinStatus.ON, TEAM_CHANNEL)
    assert schedule(running_app, DEPLOYBOT) is None
    assert schedule(running_app, GONE) is None
    enrol_team(running_app, fake_slack)  # again: nobody is welcomed twice
    tick_and_deliver(running_app)
    assert len(welcome_dms(fake_slack)) == 2


def test_people_who_join_the_channel_later_are_invited_too(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    enrol_team(running_app, fake_slack)
    tick_and_deliver(running_app)
    event = {"type": "member_joined_channel", "user": CARA, "channel": TEAM_CHANNEL}
    assert member_event(running_app, fake_slack, event).status == 200
    running_app.kindling.dispatcher.drain()
    assert len(welcome_dms(fake_slack, CARA)) == 1
    other = {"type": "member_joined_channel", "user": CARA, "channel": "CRANDOM"}
    member_event(running_app, fake_slack, other)
    running_app.kindling.dispatcher.drain()
    assert len(welcome_dms(fake_slack, CARA)) == 1


def test_not_for_me_opts_out_for_good_until_they_opt_in_themselves(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    enrol_team(running_app, fake_slack)
    until_bobs_morning(running_app, clock)
    (welcome,) = welcome_dms(fake_slack, BOB)
    assert press(running_app, fake_slack, welcome, ids.CHECKIN_NOT_FOR_ME, user=BOB).status == 200
    running_app.kindling.dispatcher.drain()
    (replaced,) = fake_slack.calls(f"response_url:press-{BOB}")
    assert replaced.args["replace_original"] is True
    assert "no channel will sign you up again" in replaced.args["text"]
    stored = schedule(running_app, BOB)
    assert stored is not None
    assert (stored.status, stored.next_due_utc) == (CheckinStatus.OPTED_OUT, None)
    fake_slack.channel_members["COTHER"] = [BOB]
    enrol_team(running_app, fake_slack, "COTHER")
    tick_and_deliver(running_app)
    stored = schedule(running_app, BOB)
    assert stored is not None
    assert stored.status == CheckinStatus.OPTED_OUT
    assert len(welcome_dms(fake_slack, BOB)) == 1
    assert "You're in" in checkin(running_app, fake_slack, "on", user=BOB)


def test_a_channel_kindling_cannot_read_is_reported_to_whoever_asked(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.refuse_channel("GSECRET", "channel_not_found")
    enrol_team(running_app, fake_slack, "GSECRET")
    tick_and_deliver(running_app)
    tick_and_deliver(running_app)
    told = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == ALICE]
    assert len(told) == 1
    assert "invite me first" in told[0].args["text"]
    assert welcome_dms(fake_slack) == []


def test_team_in_a_direct_message_is_explained(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    answer = checkin(
        running_app, fake_slack, "team", channel="DALICE", channel_name="directmessage"
    )
    assert "works in a channel" in answer
