"""``/checkin`` over signed HTTP: enrol, leave, time, days, pause and resume, and bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.checkins.models import CheckinSchedule
from bot.checkins.values import CheckinStatus
from bot.core.store.models import OutboxMessage
from tests.fakeslack import FakeSlack
from tests.support.checkins import (
    ALICE,
    BOB,
    add_people,
    at,
    checkin,
    checkin_dms,
    press,
    schedule,
    tick_and_deliver,
)
from tests.support.kudos import count, posted_json
from tests.support.running import RunningApp

# The test clock starts on Wednesday 2026-11-25 at 09:30 UTC (10:30 in Berlin).
THURSDAY_0930_BERLIN = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def test_checkin_on_enrols_and_the_dm_comes_once_at_local_nine_thirty(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    answer = checkin(running_app, fake_slack, "on")
    assert "You're in" in answer
    assert "Thu 26 Nov at 09:30 (Europe/Berlin)" in answer
    at(running_app, datetime(2026, 11, 26, 8, 29, tzinfo=UTC))
    tick_and_deliver(running_app)
    assert checkin_dms(fake_slack) == []
    at(running_app, THURSDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    tick_and_deliver(running_app)
    (dm,) = checkin_dms(fake_slack, ALICE)
    assert dm.args["text"] == "Your morning check-in: how is your energy today?"


def test_checkin_alone_shows_the_settings_and_the_next_check_in(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    assert "is off" in checkin(running_app, fake_slack)
    checkin(running_app, fake_slack, "on")
    shown = checkin(running_app, fake_slack)
    assert "on · 09:30 · Mon-Fri · Europe/Berlin" in shown
    assert "Next one: Thu 26 Nov at 09:30 (Europe/Berlin)" in shown
    assert "/checkin time 08:45" in shown  # how to change it


def test_time_and_days_move_the_next_check_in(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on", user=BOB)  # New York: 04:30 on Wednesday
    assert "Wed 25 Nov at 08:45 (America/New_York)" in checkin(
        running_app, fake_slack, "time 08:45", user=BOB
    )
    answer = checkin(running_app, fake_slack, "days mon,fri", user=BOB)
    assert "Mon, Fri" in answer
    assert "Fri 27 Nov at 08:45 (America/New_York)" in answer


def test_off_stops_check_ins_and_on_brings_them_back(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    assert "off for you" in checkin(running_app, fake_slack, "off")
    stored = schedule(running_app)
    assert stored is not None
    assert (stored.status, stored.next_due_utc) == (CheckinStatus.OFF, None)
    at(running_app, THURSDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert checkin_dms(fake_slack) == []
    checkin(running_app, fake_slack, "on")
    stored = schedule(running_app)
    assert stored is not None
    assert stored.status == CheckinStatus.ON
    assert stored.next_local_date == date(2026, 11, 27)


def test_pause_for_days_then_resume(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    checkin(running_app, fake_slack, "on")
    answer = checkin(running_app, fake_slack, "pause 3d")  # Wed, Thu, Fri: back on Saturday
    assert "Mon 30 Nov at 09:30" in answer  # the weekend is not a workday
    at(running_app, THURSDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert checkin_dms(fake_slack) == []
    assert "Fri 27 Nov at 09:30" in checkin(running_app, fake_slack, "resume")


def test_pause_until_a_date(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    checkin(running_app, fake_slack, "on")
    answer = checkin(running_app, fake_slack, "pause until 2026-12-28")
    assert "Mon 28 Dec at 09:30" in answer
    assert "Paused until Mon 28 Dec" in checkin(running_app, fake_slack)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("time 25:00", "`/checkin time 08:45`"),
        ("days funday", "`/checkin days mon-fri`"),
        ("pause forever", "`/checkin pause 3d`"),
        ("pause until 2026-11-25", "today or already behind us"),
        ("pause until 2030-01-01", "up to a year"),
        ("pause until next week", "year-month-day"),
        ("dance", "I don't know `/checkin dance`"),
    ],
)
def test_bad_input_is_explained_with_an_example_and_changes_nothing(
    running_app: RunningApp, fake_slack: FakeSlack, text: str, says: str
) -> None:
    assert says in checkin(running_app, fake_slack, text)
    assert count(running_app, CheckinSchedule) == 0
    assert count(running_app, OutboxMessage) == 0


def test_settings_saved_while_off_do_not_enrol(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    answer = checkin(running_app, fake_slack, "time 08:00")
    assert "off for you right now" in answer
    stored = schedule(running_app)
    assert stored is not None
    assert (stored.status, stored.local_minute, stored.next_due_utc) == (
        CheckinStatus.OFF,
        480,
        None,
    )


def test_an_afternoon_check_in_is_not_greeted_good_morning_and_keeps_its_greeting(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    checkin(running_app, fake_slack, "time 1:45pm")
    at(running_app, datetime(2026, 11, 26, 12, 45, tzinfo=UTC))  # 13:45 in Berlin
    tick_and_deliver(running_app)
    (dm,) = checkin_dms(fake_slack, ALICE)
    assert dm.args["text"] == "Your check-in: how is your energy right now?"
    greeting = posted_json(dm.args, "blocks")[0]["text"]["text"]
    assert "morning" not in greeting.lower()
    assert press(running_app, fake_slack, dm, "checkin_energy_4").status == 200
    running_app.kindling.dispatcher.drain()
    (updated,) = fake_slack.calls("chat.update")
    assert posted_json(updated.args, "blocks")[0]["text"]["text"] == greeting, "the same words"


def test_days_are_written_one_way_everywhere(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    paused = checkin(running_app, fake_slack, "pause until 2026-12-02")
    assert "Wed 2 Dec at 09:30" in paused
    shown = checkin(running_app, fake_slack)
    assert "Wed 2 Dec" in shown
    assert "Wed 02 Dec" not in shown
