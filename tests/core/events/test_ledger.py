"""The event ledger: each Events API delivery is handled once, and old event ids are forgotten."""

from __future__ import annotations

from datetime import timedelta

from bot.core.events.ledger import claim_event, forget_old_events, release_event
from bot.core.store.unit_of_work import UnitOfWorkFactory
from tests.support.clock import ManualClock


def test_an_event_is_claimed_once_until_released(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    def claim() -> bool:
        with unit_of_work() as uow:
            return claim_event(uow, team_id="T1", event_id="Ev1", now=clock.now())

    assert claim() is True
    assert claim() is False
    with unit_of_work() as uow:
        release_event(uow, team_id="T1", event_id="Ev1")
    assert claim() is True


def test_old_event_ids_are_forgotten(unit_of_work: UnitOfWorkFactory, clock: ManualClock) -> None:
    with unit_of_work() as uow:
        claim_event(uow, team_id="T1", event_id="EvOld", now=clock.now())
    clock.advance(timedelta(hours=23))
    with unit_of_work() as uow:
        claim_event(uow, team_id="T1", event_id="EvNew", now=clock.now())
    clock.advance(timedelta(hours=2))
    with unit_of_work() as uow:
        assert forget_old_events(uow, clock.now()) == 1
    with unit_of_work() as uow:
        assert claim_event(uow, team_id="T1", event_id="EvOld", now=clock.now()) is True
        assert claim_event(uow, team_id="T1", event_id="EvNew", now=clock.now()) is False
