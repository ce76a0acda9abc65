"""A workspace's public holidays: no check-ins and no break reminders on them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.support.breaks import breaks, reminders
from tests.support.checkins import (
    ALICE,
    CARA,
    add_people,
    at,
    checkin,
    checkin_dms,
    tick_and_deliver,
)
from tests.support.home import element, open_home, published, tap
from tests.support.kudos import posted_json
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


# Holidays are each person's: from their zone's country while the workspace keeps holidays,
# or the country they chose on their Home.
WED_30_DEC = datetime(2026, 12, 30, 0, 0, tzinfo=UTC)  # Tamu Lhochhar in Nepal, not in Germany
FRI_1_JAN = datetime(2027, 1, 1, 0, 0, tzinfo=UTC)  # New Year's Day in Germany, not in Nepal


def checkins_through(app: RunningApp, day: datetime) -> None:
    """Every hour of ``day`` (UTC), ticked and delivered."""
    for hour in range(24):
        at(app, day + timedelta(hours=hour))
        tick_and_deliver(app)


def test_each_person_keeps_the_holidays_of_their_own_country(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    for user in (ALICE, CARA):
        checkin(running_app, fake_slack, "on", user=user)
    checkins_through(running_app, WED_30_DEC)
    assert (len(checkin_dms(fake_slack, ALICE)), len(checkin_dms(fake_slack, CARA))) == (1, 0)
    checkins_through(running_app, FRI_1_JAN)
    assert (len(checkin_dms(fake_slack, ALICE)), len(checkin_dms(fake_slack, CARA))) == (1, 1)


def test_a_country_chosen_on_the_home_replaces_the_zones(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on", user=CARA)
    home = open_home(running_app, fake_slack, CARA)
    picker = element(home, ids.HOME_HOLIDAY_COUNTRY)
    assert "Nepal's, from your time zone" in json.dumps(posted_json(home.args, "view"))
    germany = next(
        option
        for group in picker["option_groups"]
        for option in group["options"]
        if option["value"] == "DE"
    )
    tap(running_app, fake_slack, {**picker, "selected_option": germany}, user=CARA)
    home = published(fake_slack, CARA)[-1]
    assert "Germany's, as you chose" in json.dumps(posted_json(home.args, "view"))
    checkins_through(running_app, WED_30_DEC)
    checkins_through(running_app, FRI_1_JAN)
    assert len(checkin_dms(fake_slack, CARA)) == 1, "30 Dec is a working day for her now"
    unknown = {**picker, "selected_option": {**germany, "value": "XX"}}
    tap(running_app, fake_slack, unknown, user=CARA)
    assert "Germany's, as you chose" in json.dumps(
        posted_json(published(fake_slack, CARA)[-1].args, "view")
    ), "a country Kindling does not know changes nothing"


def test_personal_break_reminders_rest_on_their_members_own_holiday(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    for user in (ALICE, CARA):
        breaks(running_app, fake_slack, "me on", user=user)
    running_app.kindling.dispatcher.drain()
    checkins_through(running_app, WED_30_DEC)  # Tamu Lhochhar in Nepal, a workday in Berlin
    assert reminders(fake_slack, channel=CARA) == []
    assert len(reminders(fake_slack, channel=ALICE)) > 0
