"""Two Kindling processes' worth of tickers and dispatchers, one database: each due check-in
and each due break reminder reaches Slack exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from bot.app import Kindling, build_kindling
from bot.breaks.models import BreakSchedule
from bot.checkins.models import CheckinSchedule
from bot.core.localtime import EVERY_DAY
from bot.core.store.models import Workspace
from bot.recaps.models import RecapSchedule
from bot.wins.models import Win
from tests.fakeslack import FakeSlack
from tests.support.checkins import checkin_dms, checkin_rows
from tests.support.clock import ManualClock
from tests.support.running import settings_for

DUE = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)  # in working hours in UTC and Berlin
MEMBERS = 1000
BURST = 10  # what one workspace may send in a second of the manual clock, at this rate


@pytest.fixture
def two_instances(
    fake_slack: FakeSlack, migrated_database_url: str, clock: ManualClock
) -> Iterator[tuple[Kindling, Kindling]]:
    settings = settings_for(fake_slack, migrated_database_url).model_copy(
        update={"kindling_workspace_messages_per_minute": 10_000}
    )
    first = build_kindling(settings, clock=clock)
    second = build_kindling(settings, clock=clock)
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def at_once(*work: Callable[[], object]) -> None:
    start = threading.Barrier(len(work))
    failures: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        start.wait()
        try:
            job()
        except BaseException as error:  # noqa: BLE001  # reported to the test below
            failures.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []


@pytest.mark.heavy
def test_two_tickers_and_two_dispatchers_deliver_each_check_in_once(
    two_instances: tuple[Kindling, Kindling], fake_slack: FakeSlack, clock: ManualClock
) -> None:
    first, second = two_instances
    with first.engine.begin() as connection:
        connection.execute(insert(Workspace).values(team_id=fake_slack.team_id, created_at=DUE))
        connection.execute(
            insert(CheckinSchedule),
            [
                {
                    "team_id": fake_slack.team_id,
                    "user_id": f"U{index:05d}",
                    "status": "on",
                    "tz": "Europe/Berlin",
                    "local_minute": 570,
                    "workdays": EVERY_DAY,
                    "next_due_utc": DUE,
                    "next_local_date": DUE.date(),
                    "created_at": DUE,
                    "updated_at": DUE,
                }
                for index in range(MEMBERS)
            ],
        )
    clock.advance(DUE - clock.now())
    at_once(first.ticker.tick, second.ticker.tick)
    drain_both(first, second, clock, rounds=MEMBERS // BURST + 5)  # one at a time
    assert all(row.status == "sent" for row in checkin_rows(first.engine))
    delivered = Counter(call.args["channel"] for call in checkin_dms(fake_slack))
    assert len(delivered) == MEMBERS
    assert set(delivered.values()) == {1}


def drain_both(first: Kindling, second: Kindling, clock: ManualClock, rounds: int) -> None:
    for _ in range(rounds):  # each dispatcher sends a burst, then the clock moves on
        at_once(first.dispatcher.drain, second.dispatcher.drain)
        clock.advance(timedelta(seconds=1))


def tick_and_deliver_both(
    first: Kindling, second: Kindling, slack: FakeSlack, clock: ManualClock, *, marker: str
) -> Counter[str]:
    """At ``DUE``, both instances tick twice at once and both dispatchers drain; how many
    posts each channel got whose blocks carry ``marker``."""
    clock.advance(DUE - clock.now())
    at_once(first.ticker.tick, second.ticker.tick)
    at_once(first.ticker.tick, second.ticker.tick)
    drain_both(first, second, clock, rounds=60)
    return Counter(
        call.args["channel"]
        for call in slack.calls("chat.postMessage")
        if marker in str(call.args.get("blocks"))
    )


def test_two_tickers_and_two_dispatchers_post_each_break_slot_once(
    two_instances: tuple[Kindling, Kindling], fake_slack: FakeSlack, clock: ManualClock
) -> None:
    first, second = two_instances
    channels = [f"C{index:04d}" for index in range(200)]
    with first.engine.begin() as connection:
        connection.execute(insert(Workspace).values(team_id=fake_slack.team_id, created_at=DUE))
        connection.execute(
            insert(BreakSchedule),
            [
                {
                    "team_id": fake_slack.team_id,
                    "scope": f"channel:{channel}",
                    "channel_id": channel,
                    "personal": False,
                    "set_up_by": "UALICE",
                    "status": "on",
                    "interval_minutes": 90,
                    "window_start": 600,
                    "window_end": 1020,
                    "workdays": EVERY_DAY,
                    "tz": "UTC",
                    "next_slot_utc": DUE,
                    "created_at": DUE,
                    "updated_at": DUE,
                }
                for channel in channels
            ],
        )
    posted = tick_and_deliver_both(first, second, fake_slack, clock, marker="break_took")
    assert set(posted) == set(channels)
    assert set(posted.values()) == {1}


def recaps_due(kindling: Kindling, slack: FakeSlack, users: list[str]) -> None:
    """A weekly recap due at ``DUE`` for each of ``users``, each with a win that week (a
    week with nothing in it brings no recap)."""
    with kindling.engine.begin() as connection:
        connection.execute(insert(Workspace).values(team_id=slack.team_id, created_at=DUE))
        connection.execute(
            insert(RecapSchedule),
            [
                {"team_id": slack.team_id, "user_id": user, "status": "on", "tz": "UTC",
                 "next_due_utc": DUE, "created_at": DUE}
                for user in users
            ],
        )  # fmt: skip
        connection.execute(
            insert(Win),
            [
                {"team_id": slack.team_id, "user_id": user, "text": "a small win",
                 "created_at": DUE - timedelta(hours=1)}
                for user in users
            ],
        )  # fmt: skip


@pytest.mark.heavy
def test_two_tickers_and_two_dispatchers_send_each_weekly_recap_once(
    two_instances: tuple[Kindling, Kindling], fake_slack: FakeSlack, clock: ManualClock
) -> None:
    first, second = two_instances
    users = [f"U{index:04d}" for index in range(300)]
    recaps_due(first, fake_slack, users)
    posted = tick_and_deliver_both(first, second, fake_slack, clock, marker="recap_off")
    assert set(posted) == set(users)
    assert set(posted.values()) == {1}


def test_two_dispatchers_together_keep_one_workspaces_rate(
    two_instances: tuple[Kindling, Kindling], fake_slack: FakeSlack, clock: ManualClock
) -> None:
    first, second = two_instances
    users = [f"U{index:04d}" for index in range(60)]
    recaps_due(first, fake_slack, users)
    clock.advance(DUE - clock.now())
    at_once(first.ticker.tick, second.ticker.tick)
    per_second = []
    for _ in range(len(users) // BURST + 5):
        before = len(fake_slack.calls("chat.postMessage"))
        at_once(first.dispatcher.drain, second.dispatcher.drain)
        per_second.append(len(fake_slack.calls("chat.postMessage")) - before)
        clock.advance(timedelta(seconds=1))
    assert sum(per_second) == len(users)
    assert max(per_second) <= BURST, per_second  # each alone would send BURST a second
