"""Claiming the recaps that are due: each member's weekly recap, each workspace's kindness recap."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from bot.core.outbox.values import NewMessage
from bot.core.scheduling.due import Due, DuePolicy, claim_each
from bot.core.store.models import Workspace
from bot.core.store.unit_of_work import UnitOfWork
from bot.recaps.messages import (
    KINDNESS_RECAP,
    WEEKLY_RECAP,
    KindnessRecapPayload,
    WeeklyRecapPayload,
)
from bot.recaps.models import RecapSchedule
from bot.recaps.repository import RecapRepository
from bot.recaps.service.weekly import CLAIM_BATCH, LATE_AFTER, next_recap, week_of

T = TypeVar("T")

# A recap found more than half a day after Friday 16:00 waits for next week's; one pass a tick.
WEEKLY_RECAPS = DuePolicy(
    "weekly recaps", late_after=LATE_AFTER, batch=CLAIM_BATCH, catch_up_passes=1
)
KINDNESS_RECAPS = DuePolicy("kindness recaps", late_after=LATE_AFTER, batch=100, catch_up_passes=1)


def claim_due_recaps(uow: UnitOfWork, now: datetime) -> int:
    """Claim each due recap once per member and week, whatever runs."""
    return _WEEKLY.claim(
        uow, now, lambda limit: uow.repository(RecapRepository).due(now, limit=limit)
    )


def claim_due_kindness_recaps(uow: UnitOfWork, now: datetime) -> int:
    """One recap per workspace and week, whatever runs."""
    return _KINDNESS.claim(
        uow, now, lambda limit: uow.workspaces.kindness_recaps_due(now, limit=limit)
    )


@dataclass(frozen=True, slots=True)
class _Recap(Generic[T]):
    """One kind of recap: its policy, when a row is due, its message, and its next time."""

    policy: DuePolicy
    due_at: Callable[[T], datetime | None]
    message: Callable[[Due[T]], NewMessage]
    advance: Callable[[T, datetime], None]

    def claim(self, uow: UnitOfWork, now: datetime, select: Callable[[int], Sequence[T]]) -> int:
        """Claim what ``select`` finds due, the messages in one batch (keys another process
        took first are left alone); how many were new."""

        def claim(due: Sequence[Due[T]]) -> int:
            return uow.outbox.claim_many([self.message(d) for d in due], now=now)

        counts = claim_each(
            self.policy, now, select=select, due_at=self.due_at, claim=claim, advance=self.advance
        )
        return counts.claimed


def _weekly_recap(due: Due[RecapSchedule]) -> NewMessage:
    schedule = due.item
    payload = WeeklyRecapPayload(
        user_id=schedule.user_id, week_start=week_of(due.at, schedule.tz), tz=schedule.tz
    )
    return WEEKLY_RECAP.message(payload, team_id=schedule.team_id, channel=schedule.user_id)


def _kindness_recap(due: Due[Workspace]) -> NewMessage:
    workspace = due.item
    payload = KindnessRecapPayload(week_start=week_of(due.at, workspace.tz), tz=workspace.tz)
    channel = workspace.kudos_channel_id
    return KINDNESS_RECAP.message(payload, team_id=workspace.team_id, channel=channel)


def _kindness_due(workspace: Workspace) -> datetime | None:
    """Never due without a kudos channel (the due query leaves those out anyway)."""
    return workspace.kindness_recap_due_utc if workspace.kudos_channel_id is not None else None


def _next_weekly(schedule: RecapSchedule, after: datetime) -> None:
    schedule.next_due_utc = next_recap(after, schedule.tz)


def _next_kindness(workspace: Workspace, after: datetime) -> None:
    workspace.kindness_recap_due_utc = next_recap(after, workspace.tz)


_WEEKLY: _Recap[RecapSchedule] = _Recap(
    WEEKLY_RECAPS, lambda schedule: schedule.next_due_utc, _weekly_recap, _next_weekly
)
_KINDNESS: _Recap[Workspace] = _Recap(
    KINDNESS_RECAPS, _kindness_due, _kindness_recap, _next_kindness
)
