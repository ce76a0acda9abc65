"""Every ``/checkin`` answer that names the next check-in tells the truth: the check-in then
comes at exactly that moment, and none before it (one per local day, so a change made after
today's went names a later day)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.checkins.values import when
from tests.fakeslack import FakeSlack
from tests.support.checkins import ALICE, add_people, at, checkin, checkin_dms, tick_and_deliver
from tests.support.running import RunningApp

BERLIN = "Europe/Berlin"
THURSDAY = datetime(2026, 11, 26, tzinfo=UTC)  # Berlin is UTC+1 in November
STEP = timedelta(minutes=30)  # every time below falls on a half hour
MORNING_TICKS = 11  # 07:30 to 12:30 in Berlin
NEXT = re.compile(r"(\w{3} \d{1,2} \w{3} at \d{2}:\d{2} \([^)]+\))")  # as `when` writes it


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def berlin(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day + timedelta(hours=hour - 1, minutes=minute)


def first_checkin_after(app: RunningApp, slack: FakeSlack, *, days: int) -> datetime | None:
    """Tick every half hour of each morning (every check-in time below is one) for ``days``;
    the moment the next check-in DM went out."""
    sent = len(checkin_dms(slack, ALICE))
    start = app.kindling.clock.now()
    for day in range(days + 1):
        morning = berlin(THURSDAY + timedelta(days=(start - THURSDAY).days + day), 7, 30)
        for step in range(MORNING_TICKS):
            moment = morning + step * STEP
            if moment <= start:
                continue
            at(app, moment)
            tick_and_deliver(app)
            if len(checkin_dms(slack, ALICE)) > sent:
                return moment
    return None


@pytest.mark.parametrize(
    ("sent_today", "day", "hour", "command"),
    [
        pytest.param(True, 0, 10, "time 12:00", id="later-time-after-todays"),
        pytest.param(True, 0, 10, "time 08:00", id="earlier-time-after-todays"),
        pytest.param(False, 0, 8, "time 12:00", id="later-time-before-todays"),
        pytest.param(False, 0, 8, "time 08:30", id="earlier-time-before-todays"),
        pytest.param(True, 1, 10, "time 12:00", id="friday-later-time-after-its"),
        pytest.param(True, 0, 10, "days mon-sun", id="days-after-todays"),
        pytest.param(True, 0, 10, "on", id="on-again-after-todays"),
        pytest.param(True, 0, 10, "resume", id="resume-after-todays"),
        pytest.param(True, 0, 10, "pause 2d", id="pause"),
        pytest.param(False, 0, 8, "pause 1d", id="pause-before-todays"),
    ],
)
def test_the_next_check_in_an_answer_names_is_the_one_that_comes(
    running_app: RunningApp,
    fake_slack: FakeSlack,
    sent_today: bool,
    day: int,
    hour: int,
    command: str,
) -> None:
    app, slack = running_app, fake_slack
    checkin(app, slack, "on")  # at 09:30 in Berlin, Monday to Friday
    today = THURSDAY + timedelta(days=day)
    if day:
        at(app, berlin(THURSDAY, 9, 30))
        tick_and_deliver(app)
    if sent_today:
        at(app, berlin(today, 9, 30))
        tick_and_deliver(app)
        assert len(checkin_dms(slack, ALICE)) == day + 1, "today's check-in went"
    at(app, berlin(today, hour))
    found = NEXT.search(checkin(app, slack, command))
    assert found is not None, "the answer names the next check-in"
    came = first_checkin_after(app, slack, days=5)
    assert came is not None
    assert found.group(1) == when(came, BERLIN)
