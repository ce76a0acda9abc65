"""The unit of work rings the dispatcher's bell after a commit that wrote outbox rows, only then."""

from __future__ import annotations

import pytest

from bot.core.outbox.repository import NewMessage
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
