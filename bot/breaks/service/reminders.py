"""A posted reminder's buttons: "I took a break" counts once, "Snooze today" quiets the
schedule for the day, and the message is updated to show either; and how many breaks a member
took (for the Home and the weekly recap)."""

from __future__ import annotations

from datetime import datetime

from bot.breaks.messages import BREAK_UPDATED, UpdatedPayload
from bot.breaks.models import BreakReminder
from bot.breaks.repository import BreakRepository
from bot.breaks.service.schedules import reschedule
from bot.core.localtime import local_today
from bot.core.store.unit_of_work import UnitOfWork


def took_a_break(
    uow: UnitOfWork,
    reminder: BreakReminder,
    user_id: str,
    *,
    message: tuple[str, str],
    now: datetime,
) -> bool:
    """Count ``user_id``'s break once per reminder, and show the new count."""
    if not uow.repository(BreakRepository).take_break(reminder, user_id, now=now):
        return False
    _show_reminder_state(uow, reminder, message=message, by=user_id, now=now)
    return True


def snooze_today(
    uow: UnitOfWork,
    reminder: BreakReminder,
    user_id: str,
    *,
    message: tuple[str, str],
    now: datetime,
) -> None:
    """No more reminders from this schedule today (in its zone); the message says who."""
    schedule = uow.repository(BreakRepository).get(reminder.schedule_id)
    if schedule is None:
        return
    schedule.snoozed_on = local_today(now, schedule.tz)
    reminder.snoozed_by = user_id
    schedule.updated_at = now
    reschedule(schedule, now)
    _show_reminder_state(uow, reminder, message=message, by=user_id, now=now)


def _show_reminder_state(
    uow: UnitOfWork,
    reminder: BreakReminder,
    *,
    message: tuple[str, str],
    by: str,
    now: datetime,
) -> None:
    """Update the reminder message with its count and snooze (only the latest is sent)."""
    uow.outbox.supersede(reminder.team_id, BREAK_UPDATED.name, reminder.id)
    payload = UpdatedPayload(
        reminder_id=reminder.id,
        prompt=reminder.prompt,
        ts=message[1],
        taken=uow.repository(BreakRepository).breaks_taken(reminder.id),
        snoozed_by=reminder.snoozed_by,
    )
    uow.outbox.add(
        BREAK_UPDATED.message(
            payload,
            team_id=reminder.team_id,
            channel=message[0],
            subject_id=reminder.id,
            by=by,
            at=now.isoformat(),
        ),
        now=now,
    )


def breaks_taken_since(uow: UnitOfWork, team_id: str, user_id: str, *, since: datetime) -> int:
    """How many breaks ``user_id`` took since ``since``."""
    return uow.repository(BreakRepository).breaks_taken_by(team_id, user_id, since=since)


def posted_reminder(uow: UnitOfWork, team_id: str, reminder_id: int) -> BreakReminder | None:
    """The reminder a button was pressed on, if it is this workspace's."""
    return uow.repository(BreakRepository).reminder(team_id, reminder_id)
