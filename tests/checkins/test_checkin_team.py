"""``/checkin team``: only people who may enrol a channel can; they see how many would be
invited and confirm first; the channel's people (and later joiners) are invited once, with
consent; ``/checkin team off`` stops inviting newcomers."""

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
from tests.support.team import ask_for_team, enrol_team, press_team_button, team_answers


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)
    fake_slack.channel_members[TEAM_CHANNEL] = [ALICE, BOB, DEPLOYBOT, GONE]


def until_bobs_morning(app: RunningApp, clock: ManualClock) -> None:
    """From the default 09:30 UTC to 09:05 in New York (Bob's), delivering what is due then."""
    clock.advance(timedelta(hours=4, minutes=35))
    tick_and_deliver(app)


def test_nobody_is_invited_before_the_asker_confirms_the_count_shown(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.channel_creators[TEAM_CHANNEL] = ALICE
    ack = ask_for_team(running_app, fake_slack)
    assert "nobody is invited until you confirm" in ack
    (count,) = team_answers(fake_slack)
    assert "*2 people*" in count.args["text"], "Alice and Bob: never the bot or the deactivated"
    assert count.args["response_type"] == "ephemeral"
    assert welcome_dms(fake_slack) == []
    assert schedule(running_app, BOB) is None
    tick_and_deliver(running_app)
    assert welcome_dms(fake_slack) == [], "waiting for the confirmation, however many ticks"
    assert TEAM_CHANNEL not in fake_slack.joined_channels


def test_team_invites_the_channels_people_once_never_bots_or_deactivated(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    assert "*2 people*" in enrol_team(running_app, fake_slack)
    (confirmed,) = fake_slack.calls(f"response_url:team-{ALICE}")
    assert confirmed.args["replace_original"] is True
    assert "Inviting 2 people" in confirmed.args["text"]
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
    assert "already invites" in checkin(
        running_app, fake_slack, "team", channel=TEAM_CHANNEL, channel_name="team"
    )
    tick_and_deliver(running_app)
    assert len(welcome_dms(fake_slack)) == 2, "nobody is welcomed twice"


def test_only_the_creator_and_admins_may_enrol_a_channel(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.channel_creators[TEAM_CHANNEL] = CARA
    ask_for_team(running_app, fake_slack, user=BOB)
    (refused,) = team_answers(fake_slack)
    assert (
        "Only the channel's creator, workspace admins and Kindling's admins"
        in (refused.args["text"])
    )
    assert "actions" not in str(refused.args["blocks"]), "no button to press"
    assert [c.args["user"] for c in fake_slack.calls("users.info") if c.args["user"] == BOB]
    tick_and_deliver(running_app)
    assert welcome_dms(fake_slack) == []
    fake_slack.users[BOB]["is_admin"] = True  # a workspace admin (the directory re-reads him)
    with running_app.kindling.unit_of_work() as uow:
        workspace = uow.workspaces.get(fake_slack.team_id)
        assert workspace is not None
        workspace.admin_user_ids = ALICE  # and a Kindling admin
    for asker in (ALICE, CARA):
        ask_for_team(running_app, fake_slack, user=asker)
        assert "*2 people*" in team_answers(fake_slack)[-1].args["text"], asker


def test_cancel_invites_nobody_and_only_the_asker_can_confirm(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.channel_creators[TEAM_CHANNEL] = ALICE
    ask_for_team(running_app, fake_slack)
    (count,) = team_answers(fake_slack)
    press_team_button(running_app, fake_slack, count, ids.CHECKIN_TEAM_CONFIRM, user=BOB)
    tick_and_deliver(running_app)
    assert welcome_dms(fake_slack) == [], "Bob's press of Alice's count changes nothing"
    press_team_button(running_app, fake_slack, count, ids.CHECKIN_TEAM_CANCEL)
    tick_and_deliver(running_app)
    (cancelled,) = fake_slack.calls(f"response_url:team-{ALICE}")
    assert "Nobody in" in cancelled.args["text"]
    assert cancelled.args["replace_original"] is True
    press_team_button(running_app, fake_slack, count, ids.CHECKIN_TEAM_CONFIRM)
    tick_and_deliver(running_app)
    assert welcome_dms(fake_slack) == [], "a cancelled request cannot be confirmed later"
    joined = {"type": "member_joined_channel", "user": CARA, "channel": TEAM_CHANNEL}
    member_event(running_app, fake_slack, joined)
    assert welcome_dms(fake_slack, CARA) == []


def test_people_who_join_the_channel_later_are_invited_until_team_off(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    enrol_team(running_app, fake_slack)
    event = {"type": "member_joined_channel", "user": CARA, "channel": TEAM_CHANNEL}
    assert member_event(running_app, fake_slack, event).status == 200
    running_app.kindling.dispatcher.drain()
    assert len(welcome_dms(fake_slack, CARA)) == 1
    other = {"type": "member_joined_channel", "user": CARA, "channel": "CRANDOM"}
    member_event(running_app, fake_slack, other)
    running_app.kindling.dispatcher.drain()
    assert len(welcome_dms(fake_slack, CARA)) == 1

    off = checkin(running_app, fake_slack, "team off", channel=TEAM_CHANNEL, channel_name="team")
    assert "Everyone keeps their own choice" in off
    fake_slack.add_user("UDAN", display_name="Dan", tz="Europe/Berlin")
    joined = {"type": "member_joined_channel", "user": "UDAN", "channel": TEAM_CHANNEL}
    member_event(running_app, fake_slack, joined)
    running_app.kindling.dispatcher.drain()
    assert welcome_dms(fake_slack, "UDAN") == [], "nobody new is invited"
    stored = schedule(running_app, CARA)
    assert stored is not None
    assert stored.status == CheckinStatus.ON, "each member's own choice stays theirs"


def test_team_off_is_for_whoever_enrolled_the_channel_or_an_admin(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    enrol_team(running_app, fake_slack)
    answer = checkin(
        running_app, fake_slack, "team off", user=BOB, channel=TEAM_CHANNEL, channel_name="team"
    )
    assert "Only whoever enrolled this channel" in answer
    nothing = checkin(running_app, fake_slack, "team off", channel="CRANDOM", channel_name="r")
    assert "nothing to stop" in nothing


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
    assert "*0 people*" in enrol_team(running_app, fake_slack, "COTHER"), "Bob chose already"
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
    ask_for_team(running_app, fake_slack, "GSECRET", channel_name="secret")
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
