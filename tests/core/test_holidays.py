"""A workspace's public holidays: no check-ins and no break reminders on them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.fakeslack import FakeSlack
from tests.support.breaks import breaks, reminders
from tests.support.checkins import (
    ALICE,
    add_people,
    at,
    checkin,
    checkin_dms,
    tick_and_deliver,
)
from tests.support.running import RunningApp

CHRISTMAS_0930_BERLIN = datetime(2026, 12, 25, 8, 30, tzinfo=UTC)  # a Friday
MONDAY_0930_BERLIN = datetime(2026, 12, 28, 8, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def german_holidays(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    add_people(fake_slack)
    with running_app.kindling.unit_of_work() as uow:
        uow.workspaces.ensure(fake_slack.team_id, now=running_app.kindling.clock.now())
        workspace = uow.workspaces.get(fake_slack.team_id)
        assert workspace is not None
        workspace.holiday_country = "DE"


def test_no_check_in_on_a_public_holiday(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    checkin(running_app, fake_slack, "on")
    at(running_app, CHRISTMAS_0930_BERLIN - timedelta(days=1))  # Thursday 24th: not a holiday
    tick_and_deliver(running_app)
    at(running_app, CHRISTMAS_0930_BERLIN)
    tick_and_deliver(running_app)
    assert len(checkin_dms(fake_slack, ALICE)) == 1
    at(running_app, MONDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert len(checkin_dms(fake_slack, ALICE)) == 2


def test_no_break_reminders_on_a_public_holiday(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    breaks(running_app, fake_slack, "on every 60m")
    running_app.kindling.dispatcher.drain()
    for hours in range(1, 8):  # Christmas Day, 10:00 to 16:00 in Berlin
        at(running_app, CHRISTMAS_0930_BERLIN + timedelta(minutes=30) + timedelta(hours=hours - 1))
        tick_and_deliver(running_app)
    assert reminders(fake_slack) == []
    at(running_app, MONDAY_0930_BERLIN + timedelta(minutes=30))
    tick_and_deliver(running_app)
    assert len(reminders(fake_slack)) == 1


AUCKLAND = "UKIRI"
# Christmas Day in Auckland (NZDT, UTC+13) runs from 24 December 11:00 UTC: its working hours
# are all on the 24th in UTC, a day that is no holiday anywhere.
CHRISTMAS_1000_AUCKLAND = datetime(2026, 12, 24, 21, 0, tzinfo=UTC)


def test_a_holiday_is_judged_on_the_local_date_not_the_utc_one(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user(AUCKLAND, display_name="Kiri", tz="Pacific/Auckland")
    with running_app.kindling.unit_of_work() as uow:
        workspace = uow.workspaces.get(fake_slack.team_id)
        assert workspace is not None
        workspace.holiday_country = "NZ"
    breaks(running_app, fake_slack, "on every 60m", user=AUCKLAND)
    running_app.kindling.dispatcher.drain()
    for hours in range(7):  # Christmas Day, 10:00 to 16:00 in Auckland
        at(running_app, CHRISTMAS_1000_AUCKLAND + timedelta(hours=hours))
        tick_and_deliver(running_app)
    assert reminders(fake_slack) == []
    at(running_app, CHRISTMAS_1000_AUCKLAND + timedelta(days=4))  # Tuesday 29th, 10:00
    tick_and_deliver(running_app)
    assert len(reminders(fake_slack)) == 1
