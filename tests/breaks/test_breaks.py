"""``/breaks`` over signed HTTP: channel reminders, their buttons, snooze, unreachable
channels, personal reminders around do-not-disturb, and the low-energy follow-up."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.breaks.models import BreakReminder, BreakSchedule, BreakTaken
from bot.breaks.repository import BreakRepository
from bot.breaks.values import BreakStatus
from bot.core.slack import ids
from bot.core.store.models import OutboxMessage
from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.breaks import (
    BERLIN_1130,
    GENERAL,
    breaks,
    posted_reminder,
    press_reminder,
    reminders,
)
from tests.support.checkins import (
    ALICE,
    BOB,
    add_people,
    at,
    checkin,
    checkin_dms,
    member_event,
    press,
    tick_and_deliver,
)
from tests.support.kudos import count, posted_json
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer

HOUR = timedelta(hours=1)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def private_text(answer: HttpAnswer) -> str:
    reply = answer.json()
    assert reply["response_type"] == "ephemeral"
    return str(reply["text"])


def lines(slack: FakeSlack, channel: str = GENERAL) -> list[str]:
    """The quiet lines Kindling posted in the channel about its settings."""
    return [
        str(call.args["text"])
        for call in slack.calls("chat.postMessage")
        if call.args["channel"] == channel and "break reminders here" in str(call.args["text"])
    ]


def shown(call: RecordedCall) -> str:
    return json.dumps(posted_json(call.args, "blocks"), ensure_ascii=False)


def test_breaks_on_confirms_in_the_channel_and_posts_each_slot_once(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    answer = breaks(running_app, fake_slack, "on")
    assert answer.body == ""  # the answer is the quiet line in the channel
    running_app.kindling.dispatcher.drain()
    assert lines(fake_slack) == [
        f"<@{ALICE}> turned on break reminders here: every 90 min, 10:00-17:00, Mon-Fri "
        "(Europe/Berlin)."
    ]
    status = private_text(breaks(running_app, fake_slack, "status"))
    assert "Next: Wed 25 Nov at 11:30 (Europe/Berlin)" in status
    at(running_app, BERLIN_1130)
    tick_and_deliver(running_app)
    tick_and_deliver(running_app)
    (reminder,) = reminders(fake_slack)
    assert "nobody_yet" not in shown(reminder)
    assert "Tap the button" in shown(reminder)


def test_every_part_of_breaks_on_in_any_order(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    breaks(running_app, fake_slack, "on tz America/New_York mon-thu every 60m 09:00-12:00")
    running_app.kindling.dispatcher.drain()
    assert lines(fake_slack)[-1].endswith("every 60 min, 09:00-12:00, Mon-Thu (America/New_York).")
    status = private_text(breaks(running_app, fake_slack, "status"))
    assert "Next: Wed 25 Nov at 09:00 (America/New_York)" in status


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("on every 20m", "every 30 to 240 minutes"),
        ("on 22:00-06:00", "cross midnight"),
        ("on tz Atlantis/Lost", "IANA name"),
        ("on bananas", "`/breaks on every 90m 10:00-17:00 mon-fri tz Europe/Berlin`"),
        ("dance", "I don't know `/breaks dance`"),
    ],
)
def test_bad_parts_are_explained_privately_with_an_example_and_change_nothing(
    running_app: RunningApp, fake_slack: FakeSlack, text: str, says: str
) -> None:
    assert says in private_text(breaks(running_app, fake_slack, text))
    assert count(running_app, BreakSchedule) == 0
    assert count(running_app, OutboxMessage) == 0


def test_a_private_channel_kindling_is_not_in_gets_invite_me_first(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    answer = breaks(running_app, fake_slack, "on", channel="GSECRET", channel_name="privategroup")
    assert "Invite me first" in private_text(answer)
    dm = breaks(running_app, fake_slack, "on", channel="DALICE", channel_name="directmessage")
    assert "/breaks me on" in private_text(dm)
    assert count(running_app, BreakSchedule) == 0


def test_help_now_and_off(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    assert "/breaks me on" in private_text(breaks(running_app, fake_slack, "help"))
    assert "on its way" in private_text(breaks(running_app, fake_slack, "now"))
    running_app.kindling.dispatcher.drain()
    assert len(reminders(fake_slack)) == 1
    breaks(running_app, fake_slack, "on")
    assert breaks(running_app, fake_slack, "off", user=BOB).body == ""
    for _ in range(3):  # one message a second in a channel
        running_app.kindling.clock.advance(timedelta(seconds=1))  # type: ignore[attr-defined]
        running_app.kindling.dispatcher.drain()
    assert lines(fake_slack)[-1] == f"<@{BOB}> turned off break reminders here."
    at(running_app, BERLIN_1130)
    tick_and_deliver(running_app)
    assert len(reminders(fake_slack)) == 1
    assert "off in this channel" in private_text(breaks(running_app, fake_slack, "off"))


def test_i_took_a_break_counts_each_person_once_per_reminder(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reminder = posted_reminder(running_app, fake_slack)
    for user in (ALICE, ALICE, BOB, ALICE):
        press_reminder(running_app, fake_slack, reminder, ids.BREAK_TOOK, user)
        running_app.kindling.dispatcher.drain()
        running_app.kindling.clock.advance(timedelta(seconds=1))  # type: ignore[attr-defined]
    assert count(running_app, BreakTaken) == 2
    updates = fake_slack.calls("chat.update")
    assert len(updates) == 2  # the repeated presses changed nothing
    assert "1 person took a break" in shown(updates[0])
    assert "2 people took a break" in shown(updates[1])
    assert updates[1].args["ts"] == reminder.result["ts"]


def test_break_rows_keep_the_previous_releases_idempotency_keys(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """A changed key would let a message be sent twice across an upgrade."""
    turned_on = running_app.kindling.clock.now()
    reminder = posted_reminder(running_app, fake_slack)
    press_reminder(running_app, fake_slack, reminder, ids.BREAK_TOOK, BOB)
    with running_app.kindling.engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.kind, OutboxMessage.idempotency_key).order_by(OutboxMessage.id)
        ).all()
        schedule_id, reminder_id = connection.execute(
            select(BreakReminder.schedule_id, BreakReminder.id)
        ).one()
    assert [tuple(row) for row in rows] == [
        ("breaks_changed", f"breaks-changed:{schedule_id}:{turned_on.isoformat()}:{ALICE}"),
        ("break", f"break:{schedule_id}:{BERLIN_1130.isoformat()}"),
        ("break_updated", f"break-updated:{reminder_id}:{BOB}:{BERLIN_1130.isoformat()}"),
    ]


def test_snooze_today_stops_the_channels_reminders_until_tomorrow(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reminder = posted_reminder(running_app, fake_slack)
    press_reminder(running_app, fake_slack, reminder, ids.BREAK_SNOOZE, BOB)
    running_app.kindling.dispatcher.drain()
    (update,) = fake_slack.calls("chat.update")
    assert "Snoozed for the rest of today" in shown(update)
    assert BOB not in shown(update), "the channel is not told who snoozed"
    assert ids.BREAK_SNOOZE not in shown(update)
    assert "Snoozed for today" in private_text(breaks(running_app, fake_slack, "status"))
    for hours in range(1, 7):  # the rest of Wednesday
        at(running_app, BERLIN_1130 + timedelta(hours=hours))
        tick_and_deliver(running_app)
    assert len(reminders(fake_slack)) == 1
    at(running_app, datetime(2026, 11, 26, 9, 0, tzinfo=UTC))  # Thursday 10:00 in Berlin
    tick_and_deliver(running_app)
    assert len(reminders(fake_slack)) == 2


@pytest.mark.heavy
def test_no_prompt_repeats_within_the_channels_last_20_reminders(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    breaks(running_app, fake_slack, "on every 30m 10:00-17:00 every day")
    moment = running_app.kindling.clock.now()
    for _ in range(100):  # ticks half an hour apart over two days and more
        moment += timedelta(minutes=30)
        at(running_app, moment)
        tick_and_deliver(running_app)
    texts = [str(call.args["text"]) for call in reminders(fake_slack)]
    assert len(texts) >= 25
    for index, text in enumerate(texts):
        assert text not in texts[max(0, index - 20) : index]


@pytest.mark.parametrize("error", ["is_archived", "not_in_channel", "channel_not_found"])
def test_a_channel_kindling_can_no_longer_post_in_pauses_and_tells_the_setter_once(
    running_app: RunningApp, fake_slack: FakeSlack, error: str
) -> None:
    breaks(running_app, fake_slack, "on every 30m")
    running_app.kindling.dispatcher.drain()
    fake_slack.refuse_channel(GENERAL, error)
    for minutes in (60, 90, 120, 150):
        at(running_app, datetime(2026, 11, 25, 9, 0, tzinfo=UTC) + timedelta(minutes=minutes))
        tick_and_deliver(running_app)
    attempts = [c for c in fake_slack.calls("chat.postMessage") if ids.BREAK_TOOK in str(c.args)]
    assert len(attempts) == 1  # one refused slot, then no more tries
    told = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == ALICE]
    assert len(told) == 1
    assert error in told[0].args["text"]
    with running_app.kindling.unit_of_work() as uow:
        (schedule,) = uow.repository(BreakRepository)._session.query(BreakSchedule).all()  # noqa: SLF001  # a test peeks
        assert (schedule.status, schedule.next_slot_utc) == (BreakStatus.PAUSED, None)
    assert "paused" in private_text(breaks(running_app, fake_slack, "status"))


def personal_dms(slack: FakeSlack, user: str = ALICE) -> list[RecordedCall]:
    return reminders(slack, channel=user)


def test_personal_reminders_come_by_dm_and_wait_out_do_not_disturb(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "hours 10:00-17:00")  # her working hours
    answer = private_text(breaks(running_app, fake_slack, "me on"))
    assert "Next: Wed 25 Nov at 11:30 (Europe/Berlin)" in answer
    # Do-not-disturb from 11:00 to 12:00; Slack keeps answering with that window.
    fake_slack.do_not_disturb[ALICE] = (BERLIN_1130 - timedelta(minutes=30), BERLIN_1130 + HOUR)
    at(running_app, BERLIN_1130)
    tick_and_deliver(running_app)
    assert personal_dms(fake_slack) == []
    at(running_app, BERLIN_1130 + timedelta(minutes=90))  # 13:00: the window is over
    tick_and_deliver(running_app)
    (dm,) = personal_dms(fake_slack)
    assert "Only you get these" in shown(dm)
    assert "stops them" in shown(dm)
    assert private_text(breaks(running_app, fake_slack, "me off")) == (
        "Personal break reminders are off."
    )


def test_a_low_energy_check_in_brings_the_next_personal_reminder_within_the_hour(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "hours 10:00-17:00")  # her working hours
    checkin(running_app, fake_slack, "on")
    breaks(running_app, fake_slack, "me on")
    at(running_app, datetime(2026, 11, 26, 8, 30, tzinfo=UTC))  # Thursday 09:30 in Berlin
    tick_and_deliver(running_app)
    (dm,) = checkin_dms(fake_slack, ALICE)
    at(running_app, datetime(2026, 11, 26, 9, 5, tzinfo=UTC))  # 10:05: the 10:00 one came
    tick_and_deliver(running_app)
    assert len(personal_dms(fake_slack)) == 1
    press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}1")  # next would be 11:30
    at(running_app, datetime(2026, 11, 26, 10, 5, tzinfo=UTC))  # 11:05, within the hour
    tick_and_deliver(running_app)
    assert len(personal_dms(fake_slack)) == 2


def test_personal_reminders_follow_the_members_check_in_days_and_zone(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "hours 10:00-17:00")  # her working hours
    checkin(running_app, fake_slack, "on")
    breaks(running_app, fake_slack, "me on")
    checkin(running_app, fake_slack, "days mon,fri")
    moved = dict(fake_slack.users[ALICE], tz="Asia/Tokyo")
    assert (
        member_event(running_app, fake_slack, {"type": "user_change", "user": moved}).status == 200
    )
    with running_app.kindling.unit_of_work() as uow:
        schedule = uow.repository(BreakRepository).by_scope(fake_slack.team_id, f"member:{ALICE}")
        assert schedule is not None
        assert (schedule.workdays, schedule.tz) == (0b0010001, "Asia/Tokyo")
        assert schedule.next_slot_utc == datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # Fri 10:00


def test_a_rate_limited_do_not_disturb_check_waits_instead_of_disturbing(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "hours 10:00-17:00")  # her working hours
    breaks(running_app, fake_slack, "me on")
    fake_slack.rate_limit_next("dnd.info", retry_after=5)
    at(running_app, BERLIN_1130)
    tick_and_deliver(running_app)
    assert personal_dms(fake_slack) == []
    at(running_app, BERLIN_1130 + timedelta(seconds=5))
    running_app.kindling.dispatcher.drain()
    assert len(personal_dms(fake_slack)) == 1


def test_personal_reminders_keep_to_the_members_working_hours_as_they_change(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    answer = private_text(breaks(running_app, fake_slack, "me on"))
    assert "09:00-18:00" in answer, "the default working hours"
    checkin(running_app, fake_slack, "hours 13:00-16:00")
    with running_app.kindling.unit_of_work() as uow:
        schedule = uow.repository(BreakRepository).by_scope(fake_slack.team_id, f"member:{ALICE}")
        assert schedule is not None
        assert (schedule.window_start, schedule.window_end) == (13 * 60, 16 * 60)
        assert schedule.next_slot_utc == datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 13:00


def test_personal_reminders_rest_while_the_members_check_ins_are_paused(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    breaks(running_app, fake_slack, "me on")
    checkin(running_app, fake_slack, "pause until 2026-11-27")  # a holiday, through Thursday
    for hours in range(0, 6):  # Wednesday 11:30 to 16:30 in Berlin
        at(running_app, BERLIN_1130 + timedelta(hours=hours))
        tick_and_deliver(running_app)
    assert personal_dms(fake_slack) == []
    for hours in range(0, 3):  # Friday, 11:30 to 13:30: the pause is over
        at(running_app, BERLIN_1130 + timedelta(days=2, hours=hours))
        tick_and_deliver(running_app)
    assert len(personal_dms(fake_slack)) >= 1


def test_personal_reminders_stop_for_a_deactivated_member(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    breaks(running_app, fake_slack, "me on")
    gone = fake_slack.add_user(ALICE, tz="Europe/Berlin", deleted=True)  # users.list agrees
    event = {"type": "user_change", "user": gone}
    assert member_event(running_app, fake_slack, event).status == 200
    for hours in range(0, 6):
        at(running_app, BERLIN_1130 + timedelta(hours=hours))
        tick_and_deliver(running_app)
    assert personal_dms(fake_slack) == []


def test_the_low_energy_follow_up_stays_inside_the_personal_window(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "hours 10:00-17:00")  # her working hours
    checkin(running_app, fake_slack, "on")
    checkin(running_app, fake_slack, "time 07:00")
    breaks(running_app, fake_slack, "me on")
    at(running_app, datetime(2026, 11, 26, 6, 0, tzinfo=UTC))  # Thursday 07:00 in Berlin
    tick_and_deliver(running_app)
    (dm,) = checkin_dms(fake_slack, ALICE)
    press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}1")
    with running_app.kindling.unit_of_work() as uow:
        schedule = uow.repository(BreakRepository).by_scope(fake_slack.team_id, f"member:{ALICE}")
        assert schedule is not None
        assert schedule.next_slot_utc == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # still 10:00
