"""Delivering check-ins: Slack's refusals, profile changes, 429s, outages and crashes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from bot.checkins.service.enrolment import turn_on
from bot.core.outbox.values import OutboxStatus
from bot.core.profiles import MemberProfile
from bot.core.store.models import OutboxMessage
from tests.fakeslack import FakeSlack
from tests.support.checkins import (
    ALICE,
    BOB,
    add_people,
    at,
    checkin,
    checkin_dms,
    checkin_rows,
    member_event,
    schedule,
    tick_and_deliver,
)
from tests.support.oauth import install
from tests.support.running import RunningApp

THURSDAY_0930_BERLIN = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
FRIDAY_0930_BERLIN = THURSDAY_0930_BERLIN + timedelta(days=1)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


@pytest.mark.parametrize("error", ["user_not_found", "account_inactive", "cannot_dm_bot"])
def test_a_person_slack_cannot_dm_is_marked_failed_and_no_longer_scheduled(
    running_app: RunningApp, fake_slack: FakeSlack, error: str
) -> None:
    checkin(running_app, fake_slack, "on")
    fake_slack.refuse_channel(ALICE, error)
    at(running_app, THURSDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert checkin_rows(running_app.kindling.engine) == [(ALICE, OutboxStatus.FAILED, error)]
    stored = schedule(running_app)
    assert stored is not None
    assert (stored.next_due_utc, stored.stopped_reason) == (None, error)
    at(running_app, FRIDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert len(checkin_rows(running_app.kindling.engine)) == 1
    assert "can't send you DMs" in checkin(running_app, fake_slack)


def test_a_closed_messages_tab_fails_that_day_only(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    fake_slack.refuse_channel(ALICE, "messages_tab_disabled")
    at(running_app, THURSDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert checkin_rows(running_app.kindling.engine) == [
        (ALICE, OutboxStatus.FAILED, "messages_tab_disabled")
    ]
    del fake_slack.refusals[ALICE]  # they opened the tab again
    at(running_app, FRIDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert len(checkin_dms(fake_slack, ALICE)) == 2  # both days were tried, Friday arrived
    assert checkin_rows(running_app.kindling.engine)[-1] == (ALICE, OutboxStatus.SENT, None)


def test_a_new_time_zone_moves_the_check_in(running_app: RunningApp, fake_slack: FakeSlack) -> None:
    checkin(running_app, fake_slack, "on")
    moved = dict(fake_slack.users[ALICE], tz="America/Los_Angeles")
    assert (
        member_event(running_app, fake_slack, {"type": "user_change", "user": moved}).status == 200
    )
    stored = schedule(running_app)
    assert stored is not None
    assert stored.tz == "America/Los_Angeles"
    assert stored.next_due_utc == datetime(2026, 11, 25, 17, 30, tzinfo=UTC)  # 09:30 in LA


def test_a_deactivated_person_is_never_messaged(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    gone = fake_slack.add_user(ALICE, tz="Europe/Berlin", deleted=True)  # users.list agrees
    member_event(running_app, fake_slack, {"type": "user_change", "user": gone})
    at(running_app, THURSDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert checkin_dms(fake_slack) == []
    back = fake_slack.add_user(ALICE, tz="Europe/Berlin")  # reactivated
    member_event(running_app, fake_slack, {"type": "user_change", "user": back})
    stored = schedule(running_app)
    assert stored is not None
    assert stored.next_local_date is not None


def test_a_429_delays_only_that_workspace_and_each_check_in_arrives_once(
    oauth_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """Two workspaces installed with their own tokens; Slack limits the busy one, whose two
    check-ins are in flight at once, and both meet the 429."""
    for team in ("TBUSY", "TCALM"):
        assert install(oauth_app, fake_slack, team).status == 200
    now = oauth_app.kindling.clock.now()
    with oauth_app.kindling.unit_of_work() as uow:
        for team, user in [("TBUSY", "UB1"), ("TBUSY", "UB2"), ("TCALM", "UC1")]:
            turn_on(uow, MemberProfile(team, user, user, "Europe/Berlin", False, False), now=now)
    at(oauth_app, THURSDAY_0930_BERLIN)
    oauth_app.kindling.ticker.tick()
    fake_slack.rate_limit_next("chat.postMessage", retry_after=30, times=2, team_id="TBUSY")
    oauth_app.kindling.dispatcher.drain()
    statuses = {row.channel: row.status for row in checkin_rows(oauth_app.kindling.engine)}
    assert statuses == {
        "UB1": OutboxStatus.PENDING,
        "UB2": OutboxStatus.PENDING,
        "UC1": OutboxStatus.SENT,
    }
    oauth_app.kindling.clock.advance(timedelta(seconds=30))  # type: ignore[attr-defined]
    oauth_app.kindling.dispatcher.drain()
    assert {row.status for row in checkin_rows(oauth_app.kindling.engine)} == {OutboxStatus.SENT}
    delivered = [c.args["channel"] for c in checkin_dms(fake_slack)]
    assert sorted(delivered) == ["UB1", "UB1", "UB2", "UB2", "UC1"]  # TBUSY's: 429, then once


def test_after_a_30_minute_outage_the_check_in_is_sent(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    at(running_app, THURSDAY_0930_BERLIN + timedelta(minutes=30))
    tick_and_deliver(running_app)
    assert len(checkin_dms(fake_slack, ALICE)) == 1


def test_after_a_3_hour_outage_the_check_in_is_skipped_not_sent(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    at(running_app, THURSDAY_0930_BERLIN + timedelta(hours=3))
    tick_and_deliver(running_app)
    assert checkin_dms(fake_slack) == []
    assert checkin_rows(running_app.kindling.engine) == [(ALICE, OutboxStatus.SKIPPED_LATE, None)]


def test_a_check_in_held_back_past_the_window_is_skipped_when_its_turn_comes(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    at(running_app, THURSDAY_0930_BERLIN)
    running_app.kindling.ticker.tick()  # claimed on time...
    fake_slack.rate_limit_next("chat.postMessage", retry_after=3 * 3600)
    running_app.kindling.dispatcher.drain()  # ...then Slack asked to wait three hours
    at(running_app, THURSDAY_0930_BERLIN + timedelta(hours=3, seconds=1))
    running_app.kindling.dispatcher.drain()
    assert len(checkin_dms(fake_slack)) == 1  # only the refused attempt
    assert checkin_rows(running_app.kindling.engine) == [(ALICE, OutboxStatus.SKIPPED_LATE, None)]


def test_a_crash_between_claim_and_send_leaves_it_unknown_and_never_resent(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    at(running_app, THURSDAY_0930_BERLIN)
    running_app.kindling.ticker.tick()
    with running_app.kindling.engine.begin() as connection:  # a dispatcher claimed it, then died
        connection.execute(
            update(OutboxMessage).values(
                status=OutboxStatus.SENDING, lease_until=THURSDAY_0930_BERLIN + timedelta(minutes=2)
            )
        )
    at(running_app, THURSDAY_0930_BERLIN + timedelta(minutes=3))
    tick_and_deliver(running_app)
    tick_and_deliver(running_app)
    assert checkin_dms(fake_slack) == []
    assert [row.status for row in checkin_rows(running_app.kindling.engine)] == [
        OutboxStatus.UNKNOWN
    ]


def test_bob_in_new_york_and_alice_in_berlin_each_get_theirs_at_their_own_nine_thirty(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on", user=ALICE)
    checkin(running_app, fake_slack, "on", user=BOB)
    at(running_app, THURSDAY_0930_BERLIN)
    tick_and_deliver(running_app)
    assert [c.args["channel"] for c in checkin_dms(fake_slack)] == [ALICE]
    at(running_app, datetime(2026, 11, 26, 14, 30, tzinfo=UTC))  # 09:30 in New York
    tick_and_deliver(running_app)
    assert [c.args["channel"] for c in checkin_dms(fake_slack)] == [ALICE, BOB]


def test_a_late_check_in_is_never_sent_on_the_next_local_day(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    checkin(running_app, fake_slack, "time 23:30")
    at(running_app, datetime(2026, 11, 25, 23, 30, tzinfo=UTC))  # 00:30 Thursday in Berlin
    tick_and_deliver(running_app)
    assert checkin_dms(fake_slack) == []
    assert checkin_rows(running_app.kindling.engine) == [(ALICE, OutboxStatus.SKIPPED_LATE, None)]


def test_a_pause_that_has_ended_is_not_shown(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")
    checkin(running_app, fake_slack, "pause 2d")
    assert "Paused until" in checkin(running_app, fake_slack)
    at(running_app, datetime(2026, 11, 30, 7, 0, tzinfo=UTC))
    tick_and_deliver(running_app)
    assert "Paused until" not in checkin(running_app, fake_slack)
