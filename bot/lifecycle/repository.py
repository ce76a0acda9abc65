"""Queries for how long data lives: the daily retention sweep and an uninstalled workspace."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Select, and_, delete, or_, select, update
from sqlalchemy.orm import Session

from bot.breaks.models import BreakReminder, BreakSchedule, BreakTaken
from bot.checkins.models import Checkin, CheckinChannel, CheckinSchedule
from bot.core.outbox.values import OPEN
from bot.core.store.models import OutboxMessage, Workspace
from bot.members.models import Member
from bot.recaps.models import RecapSchedule


class LifecycleRepository:
    """Retention deletes and the uninstall's stop and purge, each scoped to one workspace."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def claim_retention_sweep(self, team_id: str, *, now: datetime, swept_before: datetime) -> bool:
        """True for the one caller that may sweep ``team_id`` now (last swept before
        ``swept_before``, or never); the claim is a conditional update, so several
        processes never sweep the same workspace twice in a day."""
        result = self._session.execute(
            update(Workspace)
            .where(Workspace.team_id == team_id, _sweep_due(swept_before))
            .values(retention_swept_at=now)
        )
        return _count(result) == 1

    def retention_sweeps_due(self, swept_before: datetime) -> list[tuple[str, int]]:
        """``(team_id, retention_days)`` of installed workspaces not swept since then."""
        rows = self._session.execute(
            select(Workspace.team_id, Workspace.retention_days).where(_sweep_due(swept_before))
        )
        return [(row[0], row[1]) for row in rows]

    def delete_checkins_before(self, team_id: str, day: date) -> int:
        """Check-ins (with their notes) answered for a day before ``day``."""
        result = self._session.execute(
            delete(Checkin).where(Checkin.team_id == team_id, Checkin.local_date < day)
        )
        return _count(result)

    def delete_break_records_before(self, team_id: str, cutoff: datetime) -> int:
        """Break reminders sent, and breaks taken, before ``cutoff``."""
        taken = self._session.execute(
            delete(BreakTaken).where(BreakTaken.team_id == team_id, BreakTaken.created_at < cutoff)
        )
        reminders = self._session.execute(
            delete(BreakReminder).where(
                BreakReminder.team_id == team_id, BreakReminder.slot_utc < cutoff
            )
        )
        return _count(taken) + _count(reminders)

    def deactivated_before(self, team_id: str, cutoff: datetime) -> list[str]:
        """Members deactivated in Slack since before ``cutoff``."""
        return list(
            self._session.scalars(
                select(Member.user_id).where(
                    Member.team_id == team_id,
                    Member.deleted.is_(True),
                    Member.deactivated_at < cutoff,
                )
            )
        )

    def mark_uninstalled(self, team_id: str, *, now: datetime, purge_after: datetime) -> bool:
        """Record the uninstall once; False if it was already recorded (or never installed)."""
        result = self._session.execute(
            update(Workspace)
            .where(Workspace.team_id == team_id, Workspace.uninstalled_at.is_(None))
            .values(uninstalled_at=now, purge_after_utc=purge_after, kindness_recap_due_utc=None)
        )
        return _count(result) == 1

    def stop_schedules(self, team_id: str, *, now: datetime) -> None:
        """Nothing more is due for the workspace, and nothing waiting is sent."""
        execute = self._session.execute
        execute(
            update(CheckinChannel)
            .where(CheckinChannel.team_id == team_id, CheckinChannel.members_enrolled_at.is_(None))
            .values(members_enrolled_at=now)
        )
        execute(
            update(CheckinSchedule)
            .where(CheckinSchedule.team_id == team_id)
            .values(next_due_utc=None, next_local_date=None)
        )
        execute(
            update(BreakSchedule).where(BreakSchedule.team_id == team_id).values(next_slot_utc=None)
        )
        execute(
            update(RecapSchedule).where(RecapSchedule.team_id == team_id).values(next_due_utc=None)
        )
        execute(
            delete(OutboxMessage).where(
                OutboxMessage.team_id == team_id,
                OutboxMessage.status.in_(OPEN),
            )
        )

    def reinstate(self, team_id: str) -> bool:
        """Forget a pending uninstall; False if there was none."""
        result = self._session.execute(
            update(Workspace)
            .where(Workspace.team_id == team_id, Workspace.uninstalled_at.is_not(None))
            .values(uninstalled_at=None, purge_after_utc=None)
        )
        return _count(result) == 1

    def schedules_of(
        self, team_id: str
    ) -> tuple[list[CheckinSchedule], list[BreakSchedule], list[RecapSchedule]]:
        """Every check-in, break reminder and recap schedule of the workspace."""
        return (
            list(
                self._session.scalars(
                    select(CheckinSchedule).where(CheckinSchedule.team_id == team_id)
                )
            ),
            list(
                self._session.scalars(select(BreakSchedule).where(BreakSchedule.team_id == team_id))
            ),
            list(
                self._session.scalars(select(RecapSchedule).where(RecapSchedule.team_id == team_id))
            ),
        )

    def purges_due(self, now: datetime) -> list[str]:
        """Uninstalled workspaces whose grace period is over."""
        return list(self._session.scalars(select(Workspace.team_id).where(_purge_due(now))))

    def purge(self, team_id: str) -> None:
        """Delete the workspace and, through its foreign keys, every row it owns."""
        self._session.execute(delete(Workspace).where(Workspace.team_id == team_id))


def retention_sweeps(swept_before: datetime) -> Select[Any]:
    """Installed workspaces not swept since ``swept_before``."""
    return select(Workspace.team_id).where(_sweep_due(swept_before))


def purges(now: datetime) -> Select[Any]:
    """Uninstalled workspaces whose grace period is over at ``now``."""
    return select(Workspace.team_id).where(_purge_due(now))


def _purge_due(now: datetime) -> ColumnElement[bool]:
    return and_(Workspace.uninstalled_at.is_not(None), Workspace.purge_after_utc <= now)


def _sweep_due(swept_before: datetime) -> ColumnElement[bool]:
    """Installed, and not swept since ``swept_before``."""
    return and_(
        Workspace.uninstalled_at.is_(None),
        or_(Workspace.retention_swept_at.is_(None), Workspace.retention_swept_at < swept_before),
    )


def _count(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0
