"""Queries on break schedules, the reminders claimed for them, and the breaks people took."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bot.breaks.models import BreakReminder, BreakSchedule, BreakTaken
from bot.breaks.values import BreakStatus
from bot.core.store.due_rows import due_rows, locked
from bot.core.store.upsert import insert_for
from bot.core.working_hours import DEFAULT_ENDS, DEFAULT_STARTS
from bot.members.models import Member


def channel_scope(channel_id: str) -> str:
    return f"channel:{channel_id}"


def member_scope(user_id: str) -> str:
    return f"member:{user_id}"


class BreakRepository:
    """Break schedules (channel and personal), their reminders and the breaks taken."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, schedule_id: int) -> BreakSchedule | None:
        return self._session.get(BreakSchedule, schedule_id)

    def working_hours_of(self, team_id: str, user_id: str) -> tuple[int, int]:
        """The member's working hours (minutes after local midnight), or the defaults."""
        row = self._session.execute(
            select(Member.work_starts, Member.work_ends).where(
                Member.team_id == team_id, Member.user_id == user_id
            )
        ).first()
        return (row[0], row[1]) if row is not None else (DEFAULT_STARTS, DEFAULT_ENDS)

    def by_scope(self, team_id: str, scope: str) -> BreakSchedule | None:
        return self._session.scalars(
            select(BreakSchedule).where(
                BreakSchedule.team_id == team_id, BreakSchedule.scope == scope
            )
        ).first()

    def add(self, schedule: BreakSchedule) -> None:
        self._session.add(schedule)
        self._session.flush()  # the id names its reminders' keys

    def due(self, now: datetime, *, limit: int) -> list[BreakSchedule]:
        """Schedules whose next slot has come (locked until commit on PostgreSQL; schedules
        another ticker holds are skipped)."""
        return locked(self._session, due_break_schedules(now), limit=limit)

    def recent_prompts(self, schedule_id: int, *, count: int) -> list[str]:
        """The prompts of the schedule's last ``count`` reminders, oldest first."""
        newest_first = self._session.scalars(
            select(BreakReminder.prompt)
            .where(BreakReminder.schedule_id == schedule_id)
            .order_by(BreakReminder.id.desc())
            .limit(count)
        )
        return list(reversed(list(newest_first)))

    def add_reminder(
        self, schedule: BreakSchedule, *, slot: datetime, prompt: str, now: datetime
    ) -> int | None:
        """Claim ``slot`` for ``schedule``: the reminder's id, or None if it was taken."""
        statement = (
            insert_for(self._session, BreakReminder)
            .values(
                schedule_id=schedule.id,
                team_id=schedule.team_id,
                slot_utc=slot,
                prompt=prompt,
                created_at=now,
            )
            .on_conflict_do_nothing(
                index_elements=[BreakReminder.schedule_id, BreakReminder.slot_utc]
            )
            .returning(BreakReminder.id)
        )
        return self._session.execute(statement).scalar()

    def reminder(self, team_id: str, reminder_id: int) -> BreakReminder | None:
        """The reminder, locked until commit on PostgreSQL: taps on it take turns, so each
        one counts the breaks the taps before it recorded."""
        return self._session.scalars(
            select(BreakReminder)
            .where(BreakReminder.team_id == team_id, BreakReminder.id == reminder_id)
            .with_for_update()
        ).first()

    def take_break(self, reminder: BreakReminder, user_id: str, *, now: datetime) -> bool:
        """Record that ``user_id`` took a break at this reminder; False if already recorded."""
        statement = (
            insert_for(self._session, BreakTaken)
            .values(
                reminder_id=reminder.id, user_id=user_id, team_id=reminder.team_id, created_at=now
            )
            .on_conflict_do_nothing(index_elements=[BreakTaken.reminder_id, BreakTaken.user_id])
            .returning(BreakTaken.user_id)
        )
        return self._session.execute(statement).first() is not None

    def breaks_taken_by(self, team_id: str, user_id: str, *, since: datetime) -> int:
        """How many breaks ``user_id`` took since ``since``."""
        return int(
            self._session.scalar(
                select(func.count())
                .select_from(BreakTaken)
                .where(
                    BreakTaken.team_id == team_id,
                    BreakTaken.user_id == user_id,
                    BreakTaken.created_at >= since,
                )
            )
            or 0
        )

    def breaks_taken(self, reminder_id: int) -> int:
        return int(
            self._session.scalar(
                select(func.count())
                .select_from(BreakTaken)
                .where(BreakTaken.reminder_id == reminder_id)
            )
            or 0
        )


def due_break_schedules(now: datetime) -> Select[BreakSchedule]:
    """Schedules that are on and whose next slot has come, earliest first."""
    on = [BreakSchedule.status == BreakStatus.ON]
    return due_rows(BreakSchedule, BreakSchedule.next_slot_utc, now, where=on)
