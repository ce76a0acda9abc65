"""The tick's Slack calls run beside its claims: a Slack that answers slowly for every
workspace never holds up the claim of what is due this minute."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from bot.core.outbox.values import OutboxStatus
from bot.core.scheduling.ticker import SLACK_TICK_JOB_ID, TICK_JOB_ID, build_scheduler
from tests.fakeslack import FakeSlack
from tests.support.checkins import ALICE, add_people, at, checkin, checkin_rows
from tests.support.running import RunningApp

THURSDAY_0930_BERLIN = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def test_a_directory_sync_waiting_on_slack_does_not_hold_up_the_check_ins(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    checkin(running_app, fake_slack, "on")  # the workspace's directory is due for a sync
    at(running_app, THURSDAY_0930_BERLIN)
    fake_slack.hold_next("users.list", until_calls=2, timeout=10)  # Slack does not answer
    ticker = running_app.kindling.ticker
    slack_jobs = threading.Thread(target=ticker.tick_slack)
    slack_jobs.start()
    try:
        assert len(fake_slack.wait_for_calls("users.list", 1)) == 1
        ticker.tick_database()
        assert checkin_rows(running_app.kindling.engine) == [(ALICE, OutboxStatus.PENDING, None)]
        assert slack_jobs.is_alive(), "the sync is still waiting on Slack"
    finally:
        fake_slack.release_held()
        slack_jobs.join(10)


def test_the_scheduler_runs_the_claims_and_the_slack_calls_as_two_jobs(
    running_app: RunningApp,
) -> None:
    ticker = running_app.kindling.ticker
    scheduler = build_scheduler(ticker, tick_seconds=60)
    scheduler.start(paused=True)
    try:
        jobs = {job.id: job.func for job in scheduler.get_jobs()}
        assert jobs == {TICK_JOB_ID: ticker.tick_database, SLACK_TICK_JOB_ID: ticker.tick_slack}
    finally:
        scheduler.shutdown(wait=False)
