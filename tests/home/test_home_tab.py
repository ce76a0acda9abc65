"""The Home tab over signed HTTP: published when opened, its settings work, and it shows
nobody else's data."""

from __future__ import annotations

import json

import pytest

from bot.checkins.values import CheckinStatus
from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.support.checkins import ALICE, BOB, add_people, checkin, schedule
from tests.support.home import element, open_home, published, tap
from tests.support.kudos import posted_json
from tests.support.running import RunningApp
from tests.support.wins import win


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def test_opening_home_publishes_the_members_own_page(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    home = open_home(running_app, fake_slack)
    shown = json.dumps(posted_json(home.args, "view"), ensure_ascii=False)
    assert "Your Kindling" in shown
    assert "nobody else can see it" in shown
    assert "Morning check-in: *off*" in shown


def test_the_home_settings_change_the_check_in_and_publish_again(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    home = open_home(running_app, fake_slack)
    tap(running_app, fake_slack, element(home, ids.HOME_CHECKIN_TOGGLE))
    stored = schedule(running_app)
    assert stored is not None
    assert stored.status == CheckinStatus.ON
    home = published(fake_slack, ALICE)[-1]
    assert "Morning check-in: *on*" in json.dumps(posted_json(home.args, "view"))
    tap(running_app, fake_slack, {**element(home, ids.HOME_CHECKIN_TIME), "selected_time": "08:15"})
    days = element(home, ids.HOME_CHECKIN_DAYS)
    monday = next(o for o in days["options"] if o["value"] == "0")
    tap(running_app, fake_slack, {**days, "selected_options": [monday]})
    pause = {**element(home, ids.HOME_PAUSE_UNTIL), "selected_date": "2026-12-28"}
    tap(running_app, fake_slack, pause)
    stored = schedule(running_app)
    assert stored is not None
    assert (stored.local_minute, stored.workdays) == (8 * 60 + 15, 1)
    assert stored.resume_on is not None
    assert stored.resume_on.isoformat() == "2026-12-28"
    home = published(fake_slack, ALICE)[-1]
    assert "Paused until 2026-12-28" in json.dumps(posted_json(home.args, "view"))
    tap(running_app, fake_slack, element(home, ids.HOME_BREAKS_TOGGLE))
    home = published(fake_slack, ALICE)[-1]
    assert "Personal break reminders: *on*" in json.dumps(posted_json(home.args, "view"))
    assert "Weekly recap on Friday afternoons: *on*" in json.dumps(posted_json(home.args, "view"))
    tap(running_app, fake_slack, element(home, ids.HOME_RECAP_TOGGLE))
    home = published(fake_slack, ALICE)[-1]
    assert "Weekly recap on Friday afternoons: *off*" in json.dumps(posted_json(home.args, "view"))


def test_a_home_never_shows_another_members_data(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    win(running_app, fake_slack, "alice-private-win")
    checkin(running_app, fake_slack, "on")
    bobs = json.dumps(posted_json(open_home(running_app, fake_slack, BOB).args, "view"))
    assert "alice-private-win" not in bobs
    assert "Morning check-in: *off*" in bobs
    alices = json.dumps(posted_json(open_home(running_app, fake_slack, ALICE).args, "view"))
    assert "alice-private-win" in alices


def test_working_hours_are_set_on_the_home_and_an_hour_is_the_least_kept(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    home = open_home(running_app, fake_slack)
    assert element(home, ids.HOME_WORK_STARTS)["initial_time"] == "09:00"
    tap(running_app, fake_slack, {**element(home, ids.HOME_WORK_STARTS), "selected_time": "07:30"})
    home = published(fake_slack, ALICE)[-1]
    tap(running_app, fake_slack, {**element(home, ids.HOME_WORK_ENDS), "selected_time": "16:00"})
    home = published(fake_slack, ALICE)[-1]
    shown = (element(home, ids.HOME_WORK_STARTS), element(home, ids.HOME_WORK_ENDS))
    assert [picker["initial_time"] for picker in shown] == ["07:30", "16:00"]
    tap(running_app, fake_slack, {**element(home, ids.HOME_WORK_ENDS), "selected_time": "08:00"})
    home = published(fake_slack, ALICE)[-1]
    assert element(home, ids.HOME_WORK_ENDS)["initial_time"] == "16:00", "30 minutes: not kept"
