"""Delivery leases: one process at a time sends for a workspace, and a process taking a
lease over starts as if the other had just spent the workspace's whole rate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.outbox.leases import LEASE_LENGTH, DeliveryLeases
from bot.core.outbox.limiter import RateLimiter
from bot.core.store.unit_of_work import UnitOfWorkFactory

NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
TEAM = "T1"


@pytest.fixture
def workspace(unit_of_work: UnitOfWorkFactory) -> str:
    with unit_of_work() as uow:
        uow.workspaces.ensure(TEAM, now=NOW)
    return TEAM


def process(unit_of_work: UnitOfWorkFactory, name: str) -> tuple[DeliveryLeases, RateLimiter]:
    limiter = RateLimiter(messages_per_minute=600)  # 10 a second, bursts of 10
    return DeliveryLeases(unit_of_work, limiter, holder=name), limiter


def test_one_process_at_a_time_holds_a_workspace(
    unit_of_work: UnitOfWorkFactory, workspace: str
) -> None:
    first, _ = process(unit_of_work, "first")
    second, _ = process(unit_of_work, "second")
    assert first.cover({workspace}, NOW) == set()
    assert second.cover({workspace}, NOW) == {workspace}, "the first one holds it"
    assert first.cover({workspace}, NOW + timedelta(seconds=20)) == set(), "renewed"
    assert second.cover({workspace}, NOW + LEASE_LENGTH) == {workspace}, "the renewal holds"


def test_a_lease_given_back_is_taken_at_once_with_the_whole_rate_spent(
    unit_of_work: UnitOfWorkFactory, workspace: str
) -> None:
    first, _ = process(unit_of_work, "first")
    second, limiter = process(unit_of_work, "second")
    first.cover({workspace}, NOW)
    first.give_back(NOW)
    assert second.cover({workspace}, NOW) == set()
    assert limiter.workspace_wait(workspace, NOW) == timedelta(seconds=1)
    assert limiter.channel_wait(workspace, "CGENERAL", NOW) == timedelta(seconds=1)
    assert limiter.workspace_wait(workspace, NOW + timedelta(seconds=1)) == timedelta(0)


def test_a_crashed_process_lease_runs_out(unit_of_work: UnitOfWorkFactory, workspace: str) -> None:
    crashed, _ = process(unit_of_work, "crashed")
    crashed.cover({workspace}, NOW)  # and never gives it back
    survivor, limiter = process(unit_of_work, "survivor")
    assert survivor.cover({workspace}, NOW + LEASE_LENGTH - timedelta(seconds=1)) == {workspace}
    later = NOW + LEASE_LENGTH + timedelta(seconds=5)
    assert survivor.cover({workspace}, later) == set()
    assert limiter.workspace_wait(workspace, later) == timedelta(0), "the rate refilled since"


def test_a_shorter_slack_timeout_makes_a_crashed_process_lease_run_out_sooner(
    unit_of_work: UnitOfWorkFactory, workspace: str
) -> None:
    crashed = DeliveryLeases(
        unit_of_work,
        RateLimiter(messages_per_minute=600),
        "crashed",
        call_timeout=timedelta(seconds=5),
    )
    crashed.cover({workspace}, NOW)  # three times its 5 s timeout: until NOW + 15 s
    survivor, _ = process(unit_of_work, "survivor")
    assert survivor.cover({workspace}, NOW + timedelta(seconds=14)) == {workspace}
    assert survivor.cover({workspace}, NOW + timedelta(seconds=15)) == set()


def test_a_429_pause_is_handed_over_with_the_lease(
    unit_of_work: UnitOfWorkFactory, workspace: str
) -> None:
    first, paused = process(unit_of_work, "first")
    second, limiter = process(unit_of_work, "second")
    first.cover({workspace}, NOW)
    paused.pause(workspace, NOW + timedelta(seconds=30))
    first.give_back(NOW + timedelta(seconds=2))
    assert second.cover({workspace}, NOW + timedelta(seconds=2)) == set()
    assert limiter.workspace_wait(workspace, NOW + timedelta(seconds=2)) == timedelta(seconds=28)


def test_a_lease_kept_for_messages_waiting_on_the_rate_stays_with_its_process(
    unit_of_work: UnitOfWorkFactory, workspace: str
) -> None:
    first, _ = process(unit_of_work, "first")
    second, _ = process(unit_of_work, "second")
    first.cover({workspace}, NOW)
    first.give_back(NOW, keep={workspace})
    assert second.cover({workspace}, NOW) == {workspace}
    first.give_back(NOW + timedelta(seconds=1))  # nothing waits any more
    assert second.cover({workspace}, NOW + timedelta(seconds=1)) == set()
