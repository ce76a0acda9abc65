"""The unit of work rings the dispatcher's bell after a commit that wrote outbox rows, only
then; it steps aside for others only before it writes."""

from __future__ import annotations

import threading

import pytest

from bot.core.outbox.values import NewMessage
from bot.core.store.unit_of_work import UnitOfWorkFactory
from tests.support.clock import ManualClock


def a_message(key: str) -> NewMessage:
    return NewMessage("T1", key, "kudos.thanks", "chat.postMessage", "U1", {"recipient_id": "U2"})


@pytest.fixture
def rings(unit_of_work: UnitOfWorkFactory) -> list[str]:
    heard: list[str] = []
    unit_of_work.when_outbox_committed(lambda: heard.append("ring"))
    return heard


def test_a_commit_that_wrote_outbox_rows_rings_once(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock, rings: list[str]
) -> None:
    with unit_of_work() as uow:
        uow.workspaces.ensure("T1", now=clock.now())
        uow.outbox.add(a_message("one"), now=clock.now())
        uow.outbox.add_fresh([a_message("two"), a_message("three")], now=clock.now())
        assert rings == []  # not before the commit: the dispatcher would find nothing yet
    assert rings == ["ring"]


def test_no_ring_without_new_rows_or_after_a_rollback(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock, rings: list[str]
) -> None:
    with unit_of_work() as uow:
        uow.workspaces.ensure("T1", now=clock.now())
        uow.outbox.add(a_message("taken"), now=clock.now())
    rings.clear()
    with unit_of_work() as uow:
        assert uow.outbox.add(a_message("taken"), now=clock.now()) is None  # key already used

    def write_then_fail() -> None:
        with unit_of_work() as uow:
            uow.outbox.add(a_message("rolled-back"), now=clock.now())
            raise RuntimeError("the request failed after writing")

    with pytest.raises(RuntimeError):
        write_then_fail()
    with unit_of_work() as uow:
        uow.outbox.counts_by_kind_and_status()
    assert rings == []


def test_stepping_aside_lets_another_unit_of_work_write_meanwhile(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    """A request waiting on Slack before writing does not hold up everyone else (on SQLite,
    units of work otherwise take turns for their whole length)."""
    finished = threading.Event()

    def another_request() -> None:
        with unit_of_work() as uow:
            uow.workspaces.ensure("T2", now=clock.now())
        finished.set()

    with unit_of_work() as uow:
        assert uow.workspaces.get("T1") is None
        with uow.step_aside():
            other = threading.Thread(target=another_request)
            other.start()
            other.join(timeout=10)
            assert finished.is_set()  # it ran to its commit while this one waited
        uow.workspaces.ensure("T1", now=clock.now())
    with unit_of_work() as uow:
        assert uow.workspaces.get("T1") is not None
        assert uow.workspaces.get("T2") is not None


def test_stepping_aside_after_writing_is_refused(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    def write_then_step_aside() -> None:
        with unit_of_work() as uow:
            uow.workspaces.ensure("T1", now=clock.now())
            with uow.step_aside():
                pytest.fail("stepped aside while holding a write")

    with pytest.raises(RuntimeError, match="only before writing"):
        write_then_step_aside()
    with unit_of_work() as uow:
        assert uow.workspaces.get("T1") is None  # the refusal rolled the write back
