"""Quiet hours: what can wait for a person waits for their working hours and do-not-disturb.

Over real HTTP against the fake Slack, the outbox drained by a call and the clock moved by
hand. A held message is an outbox row with a later ``not_before``, never a timer.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.core.slack import ids
from bot.core.store.models import OutboxMessage
from bot.core.working_hours import WorkingHours
from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.checkins import checkin
from tests.support.clock import ManualClock
from tests.support.kudos import GENERAL, kudos_command, posted_json
from tests.support.running import RunningApp
from tests.support.signing import block_action

ALICE, CARA = "UALICE", "UCARA"  # Berlin, Kathmandu (+05:45)
WED_2145_KATHMANDU = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)
THU_0900_KATHMANDU = datetime(2026, 11, 26, 3, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    fake_slack.add_user(ALICE, display_name="Alice", tz="Europe/Berlin")
    fake_slack.add_user(CARA, display_name="Cara", tz="Asia/Kathmandu")


def dms_to(slack: FakeSlack, user: str) -> list[str]:
    """The text of each DM ``user`` received, oldest first."""
    return [c.args["text"] for c in slack.calls("chat.postMessage") if c.args["channel"] == user]


def deliver_at(app: RunningApp, clock: ManualClock, moment: datetime) -> None:
    clock.advance(moment - clock.now())
    app.kindling.dispatcher.drain()


def held_rows(app: RunningApp, user: str) -> list[tuple[str, datetime]]:
    with app.kindling.engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.status, OutboxMessage.not_before).where(
                OutboxMessage.channel == user, OutboxMessage.kind == "kudos.received"
            )
        )
        return [(status, at.replace(tzinfo=UTC)) for status, at in rows]


def test_a_kudos_at_2145_in_kathmandu_reaches_its_recipient_at_0900_there_once(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    clock.advance(WED_2145_KATHMANDU - clock.now())  # 17:00 in Alice's Berlin
    kudos_command(running_app, fake_slack, f"<@{CARA}> for the calm handover")
    running_app.kindling.dispatcher.drain()
    (shoutout,) = fake_slack.calls("chat.postMessage")
    assert shoutout.args["channel"] == GENERAL, "a channel post is not held"
    assert dms_to(fake_slack, CARA) == []
    assert held_rows(running_app, CARA) == [("pending", THU_0900_KATHMANDU)]

    deliver_at(running_app, clock, THU_0900_KATHMANDU - timedelta(minutes=1))
    assert dms_to(fake_slack, CARA) == []
    deliver_at(running_app, clock, THU_0900_KATHMANDU)
    deliver_at(running_app, clock, THU_0900_KATHMANDU + timedelta(hours=1))
    assert len(dms_to(fake_slack, CARA)) == 1, "delivered once, at their morning"
    assert held_rows(running_app, CARA)[0][0] == "sent"


def test_do_not_disturb_holds_it_until_it_ends(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    now = THU_0900_KATHMANDU + timedelta(hours=2)
    clock.advance(now - clock.now())
    fake_slack.do_not_disturb[CARA] = (now - timedelta(minutes=5), now + timedelta(minutes=40))
    kudos_command(running_app, fake_slack, f"<@{CARA}> for the calm handover")
    running_app.kindling.dispatcher.drain()
    assert dms_to(fake_slack, CARA) == []
    assert [call.args["user"] for call in fake_slack.calls("dnd.info")] == [CARA]
    assert held_rows(running_app, CARA) == [("pending", now + timedelta(minutes=40))]
    del fake_slack.do_not_disturb[CARA]
    deliver_at(running_app, clock, now + timedelta(minutes=40))
    assert len(dms_to(fake_slack, CARA)) == 1


def test_the_weekend_waits_for_monday_and_a_direct_answer_never_waits(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    saturday = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)  # 11:45 in Kathmandu
    clock.advance(saturday - clock.now())
    reply = checkin(running_app, fake_slack, "", user=CARA)  # a direct answer: at once
    assert "check-in" in reply.lower()
    kudos_command(running_app, fake_slack, f"<@{CARA}> for the calm handover")
    running_app.kindling.dispatcher.drain()
    assert dms_to(fake_slack, CARA) == []
    monday = datetime(2026, 11, 30, 3, 15, tzinfo=UTC)
    assert held_rows(running_app, CARA) == [("pending", monday)]


def test_own_working_hours_set_by_command_move_what_waits(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    answer = checkin(running_app, fake_slack, "hours 14:00-22:00", user=CARA)
    assert "14:00-22:00" in answer
    clock.advance(WED_2145_KATHMANDU - clock.now())
    kudos_command(running_app, fake_slack, f"<@{CARA}> for the calm handover")
    running_app.kindling.dispatcher.drain()
    assert len(dms_to(fake_slack, CARA)) == 1, "21:45 is inside 14:00-22:00"
    refused = checkin(running_app, fake_slack, "hours 9-5", user=CARA)
    assert "09:00-18:00" in refused, "an example of hours it understands"


# -- a simulated week, members in six zones -------------------------------------------------

ZONES = {
    "UKATHMANDU": "Asia/Kathmandu",
    "UNEWYORK": "America/New_York",
    "UBERLIN": "Europe/Berlin",
    "UTOKYO": "Asia/Tokyo",
    "ULOSANGELES": "America/Los_Angeles",
    "USYDNEY": "Australia/Sydney",
}
MONDAY = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)
STEP = timedelta(minutes=50)  # kudos at every minute of the clock, over the week


def kudos_ids_told(slack: FakeSlack, user: str) -> list[str]:
    """The kudos each of ``user``'s received DMs carries (its thank-you button's value)."""
    told = []
    for call in slack.calls("chat.postMessage"):
        if call.args["channel"] == user and "kudos_say_thanks" in json.dumps(call.args["blocks"]):
            blocks = call.args["blocks"]
            blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
            told += [
                element["value"]
                for block in blocks
                if block["type"] == "actions"
                for element in block["elements"]
                if element.get("action_id") == "kudos_say_thanks"
            ]
    return told


@pytest.mark.heavy
def test_a_week_in_six_zones_delivers_nothing_that_can_wait_out_of_hours_and_loses_nothing(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    for user, tz in ZONES.items():
        fake_slack.add_user(user, display_name=user[1:].title(), tz=tz)
    people = list(ZONES)
    # Tokyo is on do-not-disturb over its Wednesday afternoon.
    dnd = (datetime(2026, 12, 2, 5, 0, tzinfo=UTC), datetime(2026, 12, 2, 7, 30, tzinfo=UTC))
    fake_slack.do_not_disturb["UTOKYO"] = dnd
    hours = {user: WorkingHours(tz=tz) for user, tz in ZONES.items()}
    clock.advance(MONDAY - clock.now())
    given, seen = 0, 0
    while clock.now() < MONDAY + timedelta(days=7):
        giver, recipient = people[given % 6], people[(given * 5 + 1) % 6]
        if giver != recipient:
            kudos_command(running_app, fake_slack, f"<@{recipient}> for step {given}", user=giver)
        given += 1
        clock.advance(STEP)
        running_app.kindling.dispatcher.drain()
        calls = fake_slack.calls("chat.postMessage")
        for call in calls[seen:]:
            person, now = call.args["channel"], clock.now()
            if person in hours:
                assert hours[person].is_open(now), f"{person} told at {now}"
                assert not (person == "UTOKYO" and dnd[0] <= now < dnd[1]), "on do-not-disturb"
        seen = len(calls)
    during_the_week = len(fake_slack.calls("chat.postMessage"))
    clock.advance(timedelta(days=3))  # past every weekend, into every zone's Monday
    for _ in range(24 * 6):
        running_app.kindling.dispatcher.drain()
        clock.advance(timedelta(minutes=10))
    for person in people:
        with running_app.kindling.engine.connect() as connection:
            expected = connection.execute(
                select(OutboxMessage.idempotency_key).where(
                    OutboxMessage.kind == "kudos.received", OutboxMessage.channel == person
                )
            ).all()
        told = kudos_ids_told(fake_slack, person)
        assert len(told) == len(set(told)) == len(expected) > 0, person  # each once, none lost
    assert len(fake_slack.calls("chat.postMessage")) > during_the_week, "the weekend's, later"


# -- kudos held overnight arrive together ---------------------------------------------------


def press_thanks(app: RunningApp, slack: FakeSlack, dm: RecordedCall, kudos_value: str) -> None:
    """Cara presses "Say thank you" under one kudos of the DM ``dm``."""
    button = next(
        element
        for block in posted_json(dm.args, "blocks")
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == ids.KUDOS_SAY_THANKS and element["value"] == kudos_value
    )
    channel, ts = dm.result["channel"], dm.result["ts"]
    payload = block_action(
        button,
        team_id=slack.team_id,
        user_id=CARA,
        channel_id=channel,
        message_ts=ts,
        response_url=slack.response_url("thanks"),
    )
    assert app.slack.interaction(payload).status == 200
    app.kindling.dispatcher.drain()


def test_kudos_held_overnight_arrive_as_one_dm_and_each_can_be_thanked(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    givers = [ALICE, "UBEN", "UDANA"]
    for giver in givers[1:]:
        fake_slack.add_user(giver, display_name=giver[1:].title(), tz="Europe/Berlin")
    clock.advance(WED_2145_KATHMANDU - clock.now())
    for minutes, giver in enumerate(givers):
        kudos_command(running_app, fake_slack, f"<@{CARA}> for evening {minutes}", user=giver)
        clock.advance(timedelta(minutes=1))
        running_app.kindling.dispatcher.drain()
    assert dms_to(fake_slack, CARA) == []
    deliver_at(running_app, clock, THU_0900_KATHMANDU)
    deliver_at(running_app, clock, THU_0900_KATHMANDU + timedelta(minutes=5))
    (dm,) = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == CARA]
    assert dm.args["text"] == "💛 3 kudos came your way while you were away"
    shown = json.dumps(posted_json(dm.args, "blocks"))
    assert all(f"for evening {n}" in shown for n in range(3))
    values = [
        element["value"]
        for block in posted_json(dm.args, "blocks")
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == ids.KUDOS_SAY_THANKS
    ]
    assert len(values) == 3, "a thank-you for each"
    with running_app.kindling.engine.connect() as connection:
        statuses = sorted(
            status
            for (status,) in connection.execute(
                select(OutboxMessage.status).where(OutboxMessage.kind == "kudos.received")
            )
        )
    assert statuses == ["sent", "superseded", "superseded"], "delivered once, none lost"

    press_thanks(running_app, fake_slack, dm, values[1])
    (update,) = fake_slack.calls("chat.update")
    updated = json.dumps(posted_json(update.args, "blocks"))
    assert all(f"for evening {n}" in updated for n in range(3)), "the update keeps every kudos"
    assert updated.count("You said thank you") == 1
    assert updated.count(ids.KUDOS_SAY_THANKS) == 2, "the others can still be thanked"
