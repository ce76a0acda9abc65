"""The dispatcher's hot statements, built once per shape: lists are bound as expanding
parameters, so a read or a claim costs no statement building and no per-item coercion."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, case, func, or_, select, tuple_, update

from bot.core.outbox.values import DeliveryMethod, OutboxStatus
from bot.core.store.models import OutboxMessage


@functools.cache
def due_query(skip_teams: bool, skip_channels: bool, busy: bool, limit: int) -> Select[Any]:
    """The due read, built once per shape: its lists are bound as expanding parameters."""
    paced = case(
        (OutboxMessage.method == DeliveryMethod.POST_MESSAGE, OutboxMessage.channel), else_=None
    )
    lane = func.coalesce(OutboxMessage.lane, OutboxMessage.channel)
    query = select(OutboxMessage.id, OutboxMessage.team_id, paced, lane).where(
        OutboxMessage.status == OutboxStatus.PENDING,
        OutboxMessage.not_before <= bindparam("now"),
    )
    if skip_teams:
        query = query.where(OutboxMessage.team_id.not_in(bindparam("skip_teams", expanding=True)))
    if skip_channels:
        query = query.where(
            (OutboxMessage.method != DeliveryMethod.POST_MESSAGE)
            | tuple_(OutboxMessage.team_id, OutboxMessage.channel).not_in(
                bindparam("skip_channels", expanding=True)
            )
        )
    if busy:  # one list of ids binds far faster than a list of pairs
        query = query.where(lane.is_(None) | lane.not_in(bindparam("busy", expanding=True)))
    return query.order_by(OutboxMessage.id).limit(limit)


@functools.cache
def claim_statement() -> Any:
    """Pending ones of ``ids`` to ``sending``; on PostgreSQL rows another transaction is
    claiming are skipped, not waited for."""
    pending = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.id.in_(bindparam("ids", expanding=True)),
            OutboxMessage.status == OutboxStatus.PENDING,
        )
        .with_for_update(skip_locked=True)
    )
    return (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(pending.scalar_subquery()))
        .values(
            status=OutboxStatus.SENDING,
            lease_until=bindparam("lease_until"),
            attempts=OutboxMessage.attempts + 1,
        )
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    )


def lease_expired(now: datetime) -> ColumnElement[bool]:
    """A message left ``sending`` past its lease."""
    return (OutboxMessage.status == OutboxStatus.SENDING) & (OutboxMessage.lease_until < now)


def lease_sweep_work(now: datetime) -> Select[Any]:
    """What the tick's lease sweep may have to do at ``now``: leases run out, or messages
    waiting on another (released once that one is settled)."""
    waiting = OutboxMessage.status == OutboxStatus.WAITING
    return select(OutboxMessage.id).where(or_(lease_expired(now), waiting))
