"""``/kudos`` over real HTTP, signed, against the fake Slack; the outbox drained by a call."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest

from bot.core.store.models import OutboxMessage
from bot.kudos.models import Kudos
from bot.kudos.repository import KudosRepository
from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.kudos import (
    APP,
    BOB,
    CARA,
    DEPLOYBOT,
    GENERAL,
    GIVER,
    GONE,
    add_people,
    count,
    ephemeral_text,
    kudos_command,
    nothing_recorded,
    posted_json,
)
from tests.support.running import RunningApp


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def test_a_kudos_is_recorded_announced_and_each_recipient_gets_a_dm(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    text = f"<@{BOB}|bob> <@{CARA}> for untangling the deploy at midnight #teamwork"
    reply = ephemeral_text(kudos_command(running_app, fake_slack, text))
    assert f"<@{BOB}> and <@{CARA}>" in reply
    assert fake_slack.calls("chat.postMessage") == [], "nothing is posted before the ack"

    assert running_app.kindling.dispatcher.drain() == 3
    shoutout, *dms = fake_slack.calls("chat.postMessage")
    assert shoutout.args["channel"] == GENERAL
    shout_blocks = json.dumps(posted_json(shoutout.args, "blocks"))
    assert f"<@{GIVER}> sent kudos to <@{BOB}> and <@{CARA}>" in shout_blocks
    assert ">for untangling the deploy at midnight" in shout_blocks
    assert "#teamwork" in shout_blocks

    assert sorted(dm.args["channel"] for dm in dms) == [BOB, CARA]
    dm_blocks = posted_json(dms[0].args, "blocks")
    rendered = json.dumps(dm_blocks)
    assert "See the shout-out" in rendered
    assert "/archives/CGENERAL/p" in rendered, "the DM links to the shout-out"
    button = dm_blocks[-1]["elements"][0]
    assert button["action_id"] == "kudos_say_thanks"
    assert len(fake_slack.calls("chat.getPermalink")) == 2

    with running_app.kindling.unit_of_work() as uow:
        kudos = uow.repository(KudosRepository).get(fake_slack.team_id, int(button["value"]))
        assert kudos is not None
        assert (kudos.announcement, kudos.shout_channel_id) == ("announced", GENERAL)
        assert kudos.shout_ts is not None
        assert uow.repository(KudosRepository).recipients(kudos.id) == [BOB, CARA]
        assert uow.repository(KudosRepository).values(kudos.id) == ["teamwork"]
    assert running_app.kindling.dispatcher.drain() == 0, "everything is sent exactly once"


def test_the_dms_wait_for_the_shoutout_even_with_calls_in_flight_side_by_side(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    kudos_command(running_app, fake_slack, f"<@{BOB}> <@{CARA}> for the calm release")
    fake_slack.hold_next("chat.postMessage", until_calls=2, timeout=0.5)  # Slack is slow
    assert running_app.kindling.dispatcher.drain() == 3
    assert fake_slack.held_released is False, "no DM went out while the shout-out was held"
    shoutout, *dms = fake_slack.calls("chat.postMessage")
    assert shoutout.args["channel"] == GENERAL
    assert sorted(dm.args["channel"] for dm in dms) == [BOB, CARA]
    assert all("/archives/CGENERAL/p" in json.dumps(dm.args) for dm in dms)


def test_the_workspace_kudos_channel_gets_a_copy(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    with running_app.kindling.unit_of_work() as uow:
        uow.workspaces.ensure(fake_slack.team_id, now=running_app.kindling.clock.now())
        uow.workspaces.set_kudos_channel(fake_slack.team_id, "CKUDOS")
    kudos_command(running_app, fake_slack, f"<@{BOB}> thanks for the review")
    running_app.kindling.dispatcher.drain()
    channels = [call.args["channel"] for call in fake_slack.calls("chat.postMessage")]
    assert channels.count(GENERAL) == 1
    assert channels.count("CKUDOS") == 1


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found"])
def test_a_channel_the_bot_cannot_post_in_gets_the_shoutout_through_response_url(
    running_app: RunningApp, fake_slack: FakeSlack, error: str
) -> None:
    fake_slack.fail_next("chat.postMessage", error)
    kudos_command(running_app, fake_slack, f"<@{BOB}> for the pairing")
    running_app.kindling.dispatcher.drain()
    (fallback,) = fake_slack.calls("response_url:kudos")
    assert fallback.args["response_type"] == "in_channel"
    assert f"<@{BOB}>" in fallback.args["text"]
    dm = next(c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == BOB)
    assert "See the shout-out" not in json.dumps(posted_json(dm.args, "blocks"))
    with running_app.kindling.unit_of_work() as uow:
        (kudos,) = uow.repository(KudosRepository).given_by(fake_slack.team_id, GIVER, limit=5)
        assert kudos.announcement == "announced"


@pytest.mark.parametrize(
    ("channel", "name"),
    [("DALICE", "directmessage"), ("C0PRIVATE", "privategroup"), ("C0GROUP", "mpdm-alice--bob-1")],
)
def test_dms_group_dms_and_private_channels_use_response_url_directly(
    running_app: RunningApp, fake_slack: FakeSlack, channel: str, name: str
) -> None:
    kudos_command(
        running_app, fake_slack, f"<@{BOB}> thank you", channel=channel, channel_name=name
    )
    running_app.kindling.dispatcher.drain()
    assert len(fake_slack.calls("response_url:kudos")) == 1
    posted_to = [call.args["channel"] for call in fake_slack.calls("chat.postMessage")]
    assert posted_to == [BOB], "only the recipient's DM goes through chat.postMessage"


def test_a_refused_shoutout_keeps_the_kudos_and_tells_the_giver_kindly(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next("chat.postMessage", "msg_too_long")
    kudos_command(running_app, fake_slack, f"<@{BOB}> for staying calm")
    running_app.kindling.dispatcher.drain()
    with running_app.kindling.unit_of_work() as uow:
        (kudos,) = uow.repository(KudosRepository).given_by(fake_slack.team_id, GIVER, limit=5)
        assert kudos.announcement == "not_announced"
    to_giver = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == GIVER]
    assert len(to_giver) == 1
    assert "is recorded" in to_giver[0].args["text"]
    assert fake_slack.calls("response_url:kudos") == [], "Slack refused it: no second try"
    assert any(c.args["channel"] == BOB for c in fake_slack.calls("chat.postMessage"))


def test_a_shoutout_slack_may_have_posted_is_neither_resent_nor_called_lost(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.http_error_next("chat.postMessage", status=500)
    kudos_command(running_app, fake_slack, f"<@{BOB}> for staying calm")
    running_app.kindling.dispatcher.drain()
    with running_app.kindling.unit_of_work() as uow:
        (kudos,) = uow.repository(KudosRepository).given_by(fake_slack.team_id, GIVER, limit=5)
        assert kudos.announcement == "pending", "nobody knows whether it was posted"
        shoutout = uow.outbox.by_key(fake_slack.team_id, f"kudos:{kudos.id}:shoutout")
        assert shoutout is not None
        assert shoutout.status == "unknown"
    posted_to = [c.args["channel"] for c in fake_slack.calls("chat.postMessage")]
    assert GIVER not in posted_to, "the giver is not told it failed: it may be in the channel"
    assert posted_to.count("CGENERAL") == 1, "a 500 may have posted: no second try"
    assert fake_slack.calls("response_url:kudos") == []
    assert BOB in posted_to, "the recipient's DM still goes"


def test_say_thank_you_reaches_the_giver_once_however_often_it_is_pressed(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    kudos_command(running_app, fake_slack, f"<@{BOB}> for the lovely notes")
    running_app.kindling.dispatcher.drain()
    dm = next(c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == BOB)
    button = posted_json(dm.args, "blocks")[-1]["elements"][0]
    press = {
        "type": "block_actions",
        "team": {"id": fake_slack.team_id, "domain": "kindling-test"},
        "user": {"id": BOB, "team_id": fake_slack.team_id},
        "api_app_id": "AKINDLING",
        "container": {"type": "message", "channel_id": "DBOB", "message_ts": "1700000000.000002"},
        "channel": {"id": "DBOB", "name": "directmessage"},
        "trigger_id": "1.2.3",
        "response_url": fake_slack.response_url("thanks"),
        "actions": [{**button, "block_id": "b1", "type": "button", "action_ts": "1.2"}],
    }
    for _ in range(3):
        assert running_app.slack.interaction(press).status == 200
        running_app.kindling.dispatcher.drain()
    thanks = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == GIVER]
    assert len(thanks) == 1
    assert thanks[0].args["text"] == f"<@{BOB}> says thank you for your kudos 💛"
    (update,) = fake_slack.calls("chat.update")
    assert update.args["channel"] == "DBOB"
    assert "You said thank you" in json.dumps(posted_json(update.args, "blocks"))


def test_a_thank_you_from_someone_else_changes_nothing(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    kudos_command(running_app, fake_slack, f"<@{BOB}> for the lovely notes")
    running_app.kindling.dispatcher.drain()
    before = count(running_app, OutboxMessage)
    press = {
        "type": "block_actions",
        "team": {"id": fake_slack.team_id},
        "user": {"id": CARA},
        "container": {"channel_id": "DCARA", "message_ts": "1.1"},
        "actions": [
            {"action_id": "kudos_say_thanks", "value": "1", "block_id": "b", "type": "button"}
        ],
    }
    assert running_app.slack.interaction(press).status == 200
    assert count(running_app, OutboxMessage) == before


# -- bad input: a clear, kind, ephemeral answer, and nothing changes ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("great job everyone", "Mention someone with @", id="no-mention"),
        pytest.param("", None, id="empty-opens-modal"),
        pytest.param("@bob thanks", "autocomplete", id="plain-at-name"),
        pytest.param(f"<@{GIVER}> I did great", "Self-kindness counts too", id="only-yourself"),
        pytest.param("<!here> you are all great", "Kudos are personal", id="here"),
        pytest.param("<!channel> thanks", "Kudos are personal", id="channel"),
        pytest.param("<!everyone> thanks", "Kudos are personal", id="everyone"),
        pytest.param("<!subteam^S0DEVS|@devs> thanks", "Kudos are personal", id="user-group"),
        pytest.param(f"<@{BOB}> <!here> thanks", "Kudos are personal", id="person-and-here"),
        pytest.param(
            " ".join(f"<@U{n:03d}>" for n in range(11)) + " thanks", "at most 10", id="eleven"
        ),
        pytest.param(f"<@{BOB}> " + "x" * 1001, "kudos hold up to 1000", id="too-long"),
        pytest.param(f"<@{DEPLOYBOT}> thanks", "is a bot", id="only-a-bot"),
        pytest.param(f"<@{APP}> thanks", "I was left out", id="only-the-app"),
        pytest.param(f"<@{GONE}> thanks", "has left the workspace", id="only-deactivated"),
        pytest.param("<@UNOBODY> thanks", "couldn't find", id="only-unknown"),
    ],
)
def test_bad_input_is_answered_kindly_and_changes_nothing(
    running_app: RunningApp, fake_slack: FakeSlack, text: str, expected: str | None
) -> None:
    answer = kudos_command(running_app, fake_slack, text)
    if expected is None:
        assert answer.status == 200
        assert len(fake_slack.calls("views.open")) == 1
    else:
        assert expected in ephemeral_text(answer)
    assert nothing_recorded(running_app)
    assert fake_slack.calls("chat.postMessage") == []


def test_yourself_bots_and_leavers_among_others_are_left_out_and_named(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    text = f"<@{GIVER}> <@{BOB}> <@{DEPLOYBOT}> <@{GONE}> <@{APP}> for the launch"
    reply = ephemeral_text(kudos_command(running_app, fake_slack, text))
    assert f"Your kudos to <@{BOB}> is on its way" in reply
    assert "you were left out" in reply
    assert f"<@{DEPLOYBOT}> is a bot" in reply
    assert f"<@{GONE}> has left the workspace" in reply
    assert "I was left out" in reply
    with running_app.kindling.unit_of_work() as uow:
        (kudos,) = uow.repository(KudosRepository).given_by(fake_slack.team_id, GIVER, limit=5)
        assert uow.repository(KudosRepository).recipients(kudos.id) == [BOB]


def test_mention_formats_and_duplicates(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    fake_slack.add_user("W0GRID", display_name="Grid")
    text = f"<@{BOB}|bob> <@{BOB}> <@W0GRID> for ✨ الرحمة and\nnewlines 🎉"
    ephemeral_text(kudos_command(running_app, fake_slack, text))
    running_app.kindling.dispatcher.drain()
    with running_app.kindling.unit_of_work() as uow:
        (kudos,) = uow.repository(KudosRepository).given_by(fake_slack.team_id, GIVER, limit=5)
        assert uow.repository(KudosRepository).recipients(kudos.id) == [BOB, "W0GRID"]
        assert kudos.message == "for ✨ الرحمة and\nnewlines 🎉"
    shoutout = fake_slack.calls("chat.postMessage")[0]
    assert ">for ✨ الرحمة and\\n>newlines 🎉" in json.dumps(
        posted_json(shoutout.args, "blocks"), ensure_ascii=False
    )


def test_a_double_enter_within_a_minute_records_one_kudos(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    text = f"<@{BOB}> <@{CARA}> for the demo"
    ephemeral_text(kudos_command(running_app, fake_slack, text))
    clock.advance(timedelta(seconds=30))
    again = ephemeral_text(
        kudos_command(running_app, fake_slack, f"<@{CARA}> <@{BOB}>  for the demo")
    )
    assert "I kept it once" in again
    assert count(running_app, Kudos) == 1
    clock.advance(timedelta(seconds=31))
    ephemeral_text(kudos_command(running_app, fake_slack, text))
    assert count(running_app, Kudos) == 2, "a minute later it is a new kudos"


def test_the_daily_limit_follows_the_givers_own_midnight(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    fake_slack.add_user(GIVER, display_name="Alice", tz="Pacific/Kiritimati")  # UTC+14
    # 09:30 UTC is 23:30 on the giver's clock.
    for n in range(10):
        ephemeral_text(kudos_command(running_app, fake_slack, f"<@{BOB}> thanks #{n}"))
    refused = ephemeral_text(kudos_command(running_app, fake_slack, f"<@{BOB}> one more"))
    assert "You've given 10 kudos today" in refused
    assert "00:00 on Thu 26 Nov" in refused
    assert "in 30 min" in refused
    assert count(running_app, Kudos) == 10

    clock.advance(timedelta(minutes=31))  # 00:01 for the giver, still the same UTC day
    assert "on its way" in ephemeral_text(
        kudos_command(running_app, fake_slack, f"<@{BOB}> new day")
    )
    assert count(running_app, Kudos) == 11


def test_simultaneous_double_enters_record_one_kudos(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    text = f"<@{BOB}> for the hotfix at 3am"
    answers: list[str] = []
    # Slow directory lookups line the presses up, so they decide at nearly the same moment.
    fake_slack.slow_next("users.info", seconds=0.3, times=16)

    def press_enter() -> None:
        answers.append(ephemeral_text(kudos_command(running_app, fake_slack, text)))

    presses = [threading.Thread(target=press_enter) for _ in range(6)]
    for press in presses:
        press.start()
    for press in presses:
        press.join(30)
    assert len(answers) == 6
    assert count(running_app, Kudos) == 1
    assert sum("I kept it once" in answer for answer in answers) == 5
