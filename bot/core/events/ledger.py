"""Handle each Events API delivery once, however often Slack retries it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select

from bot.core.events.repository import events_received_before
from bot.core.store.unit_of_work import UnitOfWork

# Slack retries a failed delivery three times within about an hour and a half.
EVENT_MEMORY = timedelta(days=1)


def claim_event(uow: UnitOfWork, *, team_id: str, event_id: str, now: datetime) -> bool:
    """True for the first delivery of ``event_id``; False for a retry of a handled one."""
    uow.workspaces.ensure(team_id, now=now)
    return uow.processed_events.claim(team_id=team_id, event_id=event_id, now=now)


def release_event(uow: UnitOfWork, *, team_id: str, event_id: str) -> None:
    """Give back a claim whose handling failed, so Slack's retry gets another go."""
    uow.processed_events.release(team_id=team_id, event_id=event_id)


def forget_old_events(uow: UnitOfWork, now: datetime) -> int:
    """Drop claims Slack can no longer retry; returns how many."""
    return uow.processed_events.prune_received_before(now - EVENT_MEMORY)


def old_events(now: datetime) -> Select[Any]:
    """What :func:`forget_old_events` would drop at ``now`` (the tick looks before it runs)."""
    return events_received_before(now - EVENT_MEMORY)
