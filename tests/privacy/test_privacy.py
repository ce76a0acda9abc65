"""Export and forget-me over signed HTTP: only the member's own data leaves, and afterwards
no table holds their user id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.app import build_kindling
from bot.checkins.models import CheckinChannel
from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.support.breaks import posted_reminder, press_reminder
from tests.support.checkins import (
    ALICE,
    BOB,
    TEAM_CHANNEL,
    add_people,
    at,
    checkin,
    checkin_dms,
    press,
    submit_note,
    tick_and_deliver,
    welcome_dms,
)
from tests.support.clock import ManualClock
from tests.support.kudos import kudos_command, posted_json
from tests.support.privacy import every_value, forget_me, kindling
from tests.support.running import RunningApp, serving, settings_for
from tests.support.team import ask_for_team, enrol_team
from tests.support.wins import win


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def a_week_of_alice(app: RunningApp, slack: FakeSlack) -> None:
    checkin(app, slack, "on")
    checkin(app, slack, "on", user=BOB)
    at(app, datetime(2026, 11, 26, 8, 30, tzinfo=UTC))
    tick_and_deliver(app)
    (dm,) = checkin_dms(slack, ALICE)
    press(app, slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}2")
    press(app, slack, dm, ids.CHECKIN_ADD_NOTE)
    view = posted_json(slack.calls("views.open")[-1].args, "view")
    submit_note(app, slack, view, "alice's own note")
    win(app, slack, "alice shipped it")
    kudos_command(app, slack, f"<@{BOB}> for the kind review")
    kudos_command(app, slack, f"<@{ALICE}> for pairing with me", user=BOB)
    app.kindling.dispatcher.drain()


def test_export_sends_the_member_only_their_own_data(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    a_week_of_alice(running_app, fake_slack)
    answer = kindling(running_app, fake_slack, "export")
    assert "on its way" in answer["text"]
    running_app.kindling.dispatcher.drain()
    (shared,) = fake_slack.files
    assert shared["channel"] == "DALICE"
    exported = json.loads(shared["content"])
    assert exported["schema"] == "kindling-export/1"
    assert exported["user_id"] == ALICE
    assert [c["note"] for c in exported["checkins"]] == ["alice's own note"]
    assert [w["text"] for w in exported["wins"]] == ["alice shipped it"]
    assert exported["kudos_given"][0]["to"] == [BOB]
    assert exported["kudos_received"][0]["from"] == BOB
    assert exported["checkin_settings"]["status"] == "on"
    assert exported["profile"]["working_hours"] == ["09:00", "18:00"]
    assert exported["profile"]["holiday_country"] is None, "their time zone's"
    assert BOB not in json.dumps(exported["checkins"])  # nobody else's answers


def test_forget_me_leaves_no_trace_of_the_member_in_any_table(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    a_week_of_alice(running_app, fake_slack)
    forget_me(running_app, fake_slack)
    leftovers = [value for value in every_value(running_app) if ALICE in value]
    assert leftovers == []
    values = every_value(running_app)
    assert any("former-teammate" in value for value in values)  # the kudos she gave stays
    assert any("BOB" in value for value in values)  # Bob's data is untouched


def test_forget_me_also_takes_her_breaks_snoozes_and_channel_enrolments(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.channel_members[TEAM_CHANNEL] = [ALICE, BOB]
    reminder = posted_reminder(running_app, fake_slack)  # break reminders Alice set up
    press_reminder(running_app, fake_slack, reminder, ids.BREAK_TOOK, ALICE)
    press_reminder(running_app, fake_slack, reminder, ids.BREAK_SNOOZE, ALICE)
    enrol_team(running_app, fake_slack, TEAM_CHANNEL, user=ALICE)
    tick_and_deliver(running_app)
    assert sum(ALICE in value for value in every_value(running_app)) >= 4
    forget_me(running_app, fake_slack)
    assert [value for value in every_value(running_app) if ALICE in value] == []


def test_forget_me_withdraws_a_channel_she_asked_for_and_never_confirmed(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.channel_members[TEAM_CHANNEL] = [ALICE, BOB]
    fake_slack.channel_creators[TEAM_CHANNEL] = ALICE
    ask_for_team(running_app, fake_slack, TEAM_CHANNEL, user=ALICE)  # counted, not confirmed
    forget_me(running_app, fake_slack)
    with running_app.kindling.engine.connect() as connection:
        assert connection.execute(select(CheckinChannel)).all() == []
    tick_and_deliver(running_app)
    assert welcome_dms(fake_slack) == [], "nobody is invited in her name"


@pytest.fixture
def app_without_files_write(
    fake_slack: FakeSlack, migrated_database_url: str, clock: ManualClock
) -> Iterator[RunningApp]:
    """Kindling installed before it asked for ``files:write``."""
    scopes = [scope for scope in fake_slack.bot_scopes if scope != "files:write"]
    settings = settings_for(fake_slack, migrated_database_url).model_copy(
        update={"slack_bot_token": SecretStr(fake_slack.issue_bot_token(scopes))}
    )
    with serving(build_kindling(settings, clock=clock)) as app:
        yield app


def test_an_export_slack_refuses_is_explained_to_the_member(
    app_without_files_write: RunningApp, fake_slack: FakeSlack
) -> None:
    app = app_without_files_write
    win(app, fake_slack, "alice shipped it")
    assert "on its way" in kindling(app, fake_slack, "export")["text"]
    app.kindling.dispatcher.drain()
    assert fake_slack.files == []
    assert len(fake_slack.calls("files.getUploadURLExternal")) == 1  # refused: missing_scope
    (told,) = fake_slack.calls("chat.postMessage")
    assert told.args["channel"] == ALICE
    assert "couldn't send you your data export" in told.args["text"]
    assert "`missing_scope`" in told.args["text"]
    assert "ask a workspace admin to install Kindling again" in told.args["text"]
