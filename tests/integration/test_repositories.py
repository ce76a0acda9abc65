"""Repositories and services against a migrated SQLite and PostgreSQL database."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.core.events.ledger import claim_event, forget_old_events, release_event
from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.members.repository import MemberRepository
from bot.members.service import remember_member
from tests.support.clock import ManualClock

ALICE = MemberProfile(
    team_id="T1",
    user_id="UALICE",
    display_name="Alice",
    tz="Australia/Lord_Howe",
    is_bot=False,
    deleted=False,
)


def test_remember_member_inserts_then_refreshes(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with unit_of_work() as uow:
        remember_member(uow, ALICE, now=clock.now())
    clock.advance(timedelta(hours=1))
    deactivated = replace(ALICE, deleted=True)
    with unit_of_work() as uow:
        remember_member(uow, deactivated, now=clock.now())
    with unit_of_work() as uow:
        member = uow.repository(MemberRepository).get("T1", "UALICE")
        assert member is not None
        assert (member.tz, member.deleted, member.refreshed_at) == (
            "Australia/Lord_Howe",
            True,
            clock.now(),
        )
        assert member.refreshed_at.tzinfo is not None
        workspace = uow.workspaces.get("T1")
        assert workspace is not None


def test_members_are_scoped_by_workspace(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with unit_of_work() as uow:
        remember_member(uow, ALICE, now=clock.now())
        remember_member(uow, replace(ALICE, team_id="T2", display_name="Other"), now=clock.now())
    with unit_of_work() as uow:
        first, second = (
            uow.repository(MemberRepository).get("T1", "UALICE"),
            uow.repository(MemberRepository).get("T2", "UALICE"),
        )
        assert first is not None
        assert second is not None
        assert (first.display_name, second.display_name) == ("Alice", "Other")
        assert uow.repository(MemberRepository).get("T3", "UALICE") is None


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


def test_a_failed_unit_of_work_leaves_nothing(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    def record_then_fail() -> None:
        with unit_of_work() as uow:
            remember_member(uow, ALICE, now=clock.now())
            raise RuntimeError("the request failed half way")

    with pytest.raises(RuntimeError, match="half way"):
        record_then_fail()
    with unit_of_work() as uow:
        assert uow.repository(MemberRepository).get("T1", "UALICE") is None


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
