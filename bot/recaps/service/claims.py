"""Claiming the recaps that are due: each member's weekly recap, each workspace's kindness recap."""

from __future__ import annotations

from datetime import datetime

from bot.core.store.unit_of_work import UnitOfWork
from bot.recaps.messages import (
    KINDNESS_RECAP,
    WEEKLY_RECAP,
    KindnessRecapPayload,
    WeeklyRecapPayload,
)
from bot.recaps.repository import RecapRepository
from bot.recaps.service.weekly import CLAIM_BATCH, LATE_AFTER, next_recap, week_of


def claim_due_recaps(uow: UnitOfWork, now: datetime) -> int:
    """Claim each due recap once per member and week, whatever runs."""
    messages = []
    for schedule in uow.repository(RecapRepository).due(now, limit=CLAIM_BATCH):
        due = schedule.next_due_utc
        if due is None:  # pragma: no cover - due() only returns scheduled rows
            continue
        if now - due <= LATE_AFTER:
            week_start = week_of(due, schedule.tz)
            payload = WeeklyRecapPayload(
                user_id=schedule.user_id, week_start=week_start, tz=schedule.tz
            )
            messages.append(
                WEEKLY_RECAP.message(payload, team_id=schedule.team_id, channel=schedule.user_id)
            )
        schedule.next_due_utc = next_recap(max(due, now - LATE_AFTER), schedule.tz)
    return uow.outbox.claim_many(messages, now=now)


def claim_due_kindness_recaps(uow: UnitOfWork, now: datetime) -> int:
    """One recap per workspace and week, whatever runs."""
    messages = []
    for workspace in uow.workspaces.kindness_recaps_due(now, limit=100):
        due = workspace.kindness_recap_due_utc
        if due is None or workspace.kudos_channel_id is None:  # pragma: no cover - filtered
            continue
        if now - due <= LATE_AFTER:
            week_start = week_of(due, workspace.tz)
            payload = KindnessRecapPayload(week_start=week_start, tz=workspace.tz)
            messages.append(
                KINDNESS_RECAP.message(
                    payload, team_id=workspace.team_id, channel=workspace.kudos_channel_id
                )
            )
        workspace.kindness_recap_due_utc = next_recap(max(due, now - LATE_AFTER), workspace.tz)
    return uow.outbox.claim_many(messages, now=now)
