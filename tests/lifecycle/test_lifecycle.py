"""How long data lives, over signed HTTP: the daily retention sweep (frozen time), and an
uninstall in either event order, with and without a grace period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import build_kindling
from bot.breaks.models import BreakTaken
from bot.checkins.models import Checkin
from bot.wins.models import Win
from tests.fakeslack import FakeSlack
from tests.support.checkins import (
    ALICE,
    BOB,
    add_people,
    at,
    checkin_dms,
    member_event,
    tick_and_deliver,
)
from tests.support.clock import ManualClock
from tests.support.kudos import count, kudos_command
from tests.support.lifecycle import a_day_of_alice, answer_todays_checkin, revocation
from tests.support.privacy import every_value
from tests.support.running import RunningApp, serving, settings_for

DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def test_retention_deletes_old_check_ins_and_break_records_once_a_day(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    a_day_of_alice(running_app, fake_slack)
    assert (count(running_app, Checkin), count(running_app, BreakTaken)) == (1, 1)
    at(running_app, datetime(2027, 11, 27, 8, 30, tzinfo=UTC))  # 366 days on, a Saturday
    tick_and_deliver(running_app)
    assert (count(running_app, Checkin), count(running_app, BreakTaken)) == (0, 0)
    assert count(running_app, Win) == 1  # wins are the member's own to keep or delete
    at(running_app, datetime(2027, 11, 29, 8, 30, tzinfo=UTC))  # Monday's check-in
    tick_and_deliver(running_app)
    answer_todays_checkin(running_app, fake_slack)
    at(running_app, datetime(2027, 11, 30, 9, 0, tzinfo=UTC))
    tick_and_deliver(running_app)  # the next day's sweep keeps this year's answer
    assert count(running_app, Checkin) == 1
    with running_app.kindling.unit_of_work() as uow:
        workspace = uow.workspaces.get(fake_slack.team_id)
        assert workspace is not None
        assert workspace.retention_swept_at == datetime(2027, 11, 30, 9, 0, tzinfo=UTC)


def test_the_retention_keeps_a_day_under_a_year_and_deletes_a_day_over(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    a_day_of_alice(running_app, fake_slack)  # Thursday 26 November 2026
    at(running_app, datetime(2027, 11, 25, 8, 30, tzinfo=UTC))  # 364 days on: just inside
    tick_and_deliver(running_app)
    assert (count(running_app, Checkin), count(running_app, BreakTaken)) == (1, 1)
    at(running_app, datetime(2027, 11, 27, 8, 30, tzinfo=UTC))  # 366 days on: just outside
    tick_and_deliver(running_app)
    assert (count(running_app, Checkin), count(running_app, BreakTaken)) == (0, 0)


def test_a_member_deactivated_longer_than_the_retention_is_forgotten(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    a_day_of_alice(running_app, fake_slack)
    kudos_command(running_app, fake_slack, f"<@{ALICE}> for pairing with me", user=BOB)
    gone = fake_slack.add_user(BOB, display_name="Bob", tz="America/New_York", deleted=True)
    assert (
        member_event(running_app, fake_slack, {"type": "user_change", "user": gone}).status == 200
    )
    at(running_app, datetime(2027, 6, 1, 12, 0, tzinfo=UTC))  # deactivated half a year
    tick_and_deliver(running_app)
    assert any(BOB in value for value in every_value(running_app))
    at(running_app, datetime(2027, 11, 28, 12, 0, tzinfo=UTC))  # and now over a year
    tick_and_deliver(running_app)
    assert [value for value in every_value(running_app) if BOB in value] == []
    assert any("former-teammate" in value for value in every_value(running_app))


@pytest.mark.parametrize(
    "events",
    [("app_uninstalled", "tokens_revoked"), ("tokens_revoked", "app_uninstalled")],
    ids=["uninstalled-first", "revoked-first"],
)
def test_an_uninstall_deletes_everything_and_nothing_is_sent_afterwards(
    running_app: RunningApp, fake_slack: FakeSlack, events: tuple[str, str]
) -> None:
    a_day_of_alice(running_app, fake_slack)
    kudos_command(running_app, fake_slack, f"<@{ALICE}> waiting in the outbox", user=BOB)
    for event in events:
        answer = member_event(running_app, fake_slack, revocation(event))
        assert answer.status == 200
    assert every_value(running_app) == []  # every table of the workspace is empty
    slack_calls_before = len(fake_slack.calls())
    for day in range(1, 8):
        at(running_app, datetime(2026, 11, 26, 8, 30, tzinfo=UTC) + day * DAY)
        tick_and_deliver(running_app)
    assert fake_slack.calls()[slack_calls_before:] == []
    assert every_value(running_app) == []  # and the ticks brought nothing back


@pytest.fixture
def graceful_app(
    fake_slack: FakeSlack, migrated_database_url: str, clock: ManualClock
) -> Iterator[RunningApp]:
    settings = settings_for(fake_slack, migrated_database_url).model_copy(
        update={"kindling_uninstall_grace_days": 7}
    )
    with serving(build_kindling(settings, clock=clock)) as app:
        yield app


def test_with_a_grace_period_data_waits_silently_then_is_deleted(
    graceful_app: RunningApp, fake_slack: FakeSlack
) -> None:
    a_day_of_alice(graceful_app, fake_slack)
    assert member_event(graceful_app, fake_slack, revocation("app_uninstalled")).status == 200
    slack_calls_before = len(fake_slack.calls())
    for day in range(1, 7):
        at(graceful_app, datetime(2026, 11, 26, 8, 30, tzinfo=UTC) + day * DAY)
        tick_and_deliver(graceful_app)
        assert count(graceful_app, Checkin) == 1  # kept during the grace period
    assert fake_slack.calls()[slack_calls_before:] == []  # but nothing is sent
    at(graceful_app, datetime(2026, 12, 3, 9, 0, tzinfo=UTC))  # seven days on
    tick_and_deliver(graceful_app)
    assert every_value(graceful_app) == []


def test_installed_again_within_the_grace_period_everything_picks_up_again(
    graceful_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    a_day_of_alice(graceful_app, fake_slack)
    assert member_event(graceful_app, fake_slack, revocation("app_uninstalled")).status == 200
    at(graceful_app, datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    tick_and_deliver(graceful_app)
    dms_before = len(checkin_dms(fake_slack, ALICE))
    graceful_app.kindling.close()
    restarted = build_kindling(graceful_app.kindling.settings, clock=clock)  # a new token
    try:
        restarted.ticker.tick()  # the first tick finds the workspace installed again
        at(graceful_app, datetime(2026, 11, 30, 8, 30, tzinfo=UTC))  # Monday 09:30 in Berlin
        restarted.ticker.tick()
        restarted.dispatcher.drain()
    finally:
        restarted.close()
    assert len(checkin_dms(fake_slack, ALICE)) == dms_before + 1
    assert count(graceful_app, Checkin) == 1  # her history stayed
