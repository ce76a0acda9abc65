"""The member repository and service on a migrated SQLite and PostgreSQL database."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

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
