"""The journal of kudos, read for other features: a member's kudos given and received (the
Home, the weekly recap, the export) and a workspace's week of kindness."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.models import Kudos
from bot.kudos.repository import KudosRepository


def kudos_counts(uow: UnitOfWork, team_id: str, user_id: str) -> tuple[int, int]:
    """How many kudos ``user_id`` gave, and received, in all."""
    return uow.repository(KudosRepository).counts(team_id, user_id)


def kudos_given(
    uow: UnitOfWork,
    team_id: str,
    user_id: str,
    *,
    limit: int,
    period: tuple[datetime, datetime] | None = None,
) -> Sequence[Kudos]:
    """Up to ``limit`` kudos ``user_id`` gave, newest first, optionally within ``period``
    (start inclusive, end exclusive)."""
    return uow.repository(KudosRepository).given_by(team_id, user_id, limit=limit, period=period)


def kudos_received(
    uow: UnitOfWork,
    team_id: str,
    user_id: str,
    *,
    limit: int,
    period: tuple[datetime, datetime] | None = None,
) -> Sequence[Kudos]:
    """Up to ``limit`` kudos ``user_id`` received, newest first, optionally within
    ``period``."""
    return uow.repository(KudosRepository).received_by(team_id, user_id, limit=limit, period=period)


def kudos_recipients(uow: UnitOfWork, kudos_id: int) -> list[str]:
    """Who received the kudos, by user id."""
    return uow.repository(KudosRepository).recipients(kudos_id)


def kudos_values(uow: UnitOfWork, kudos_id: int) -> list[str]:
    """The value tags the kudos was given with."""
    return uow.repository(KudosRepository).values(kudos_id)


def week_of_kindness(
    uow: UnitOfWork, team_id: str, period: tuple[datetime, datetime]
) -> tuple[list[str], list[str], list[str]]:
    """Within ``period``: the giver of each kudos, each recipient of each, and each value tag
    given (one entry per occurrence)."""
    return uow.repository(KudosRepository).week_of_kindness(team_id, period)
