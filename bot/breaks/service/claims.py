"""The tick's break job: claim each due slot once, pick its prompt, and move on."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.breaks.messages import BREAK_REMINDER, ReminderPayload
from bot.breaks.models import BreakSchedule
from bot.breaks.prompts import NO_REPEAT_WITHIN, choose_prompt
from bot.breaks.repository import BreakRepository
from bot.breaks.service.schedules import reschedule
from bot.core.holidays import is_public_holiday
from bot.core.localtime import local_today
from bot.core.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)

LATE_AFTER = timedelta(minutes=30)  # a break reminder is only useful near its time
CLAIM_BATCH = 500
CATCH_UP_PASSES = 3


def claim_due_breaks(
    uow: UnitOfWork,
    now: datetime,
    *,
    prompt_keys: Sequence[str],
    late_after: timedelta = LATE_AFTER,
) -> int:
    """Claim every due slot (unique per schedule and slot, so whatever runs, a slot is posted
    at most once); one found too late, or on the workspace's public holiday, is passed over.
    Returns how many were claimed."""
    claimed = 0
    countries: dict[str, str | None] = {}
    due = uow.repository(BreakRepository).due(now, limit=CLAIM_BATCH)
    for _ in range(CATCH_UP_PASSES):  # after an outage: the slot due now, in the same tick
        claimed += _claim_pass(
            uow, due, now, prompt_keys=prompt_keys, late_after=late_after, countries=countries
        )
        due = uow.repository(BreakRepository).due(now, limit=CLAIM_BATCH)
        if not due:
            break
    return claimed


def _claim_pass(
    uow: UnitOfWork,
    due: Sequence[BreakSchedule],
    now: datetime,
    *,
    prompt_keys: Sequence[str],
    late_after: timedelta,
    countries: dict[str, str | None],
) -> int:
    claimed = 0
    for schedule in due:
        slot = schedule.next_slot_utc
        if slot is None:  # pragma: no cover - due() only returns scheduled rows
            continue
        if schedule.team_id not in countries:
            workspace = uow.workspaces.get(schedule.team_id)
            countries[schedule.team_id] = workspace.holiday_country if workspace else None
        holiday = is_public_holiday(countries[schedule.team_id], local_today(slot, schedule.tz))
        if now - slot <= late_after and not holiday:
            claimed += claim_slot(
                uow, schedule, slot, prompt_keys=prompt_keys, late_after=late_after, now=now
            )
        reschedule(schedule, max(slot, now - late_after))
    return claimed


def claim_slot(
    uow: UnitOfWork,
    schedule: BreakSchedule,
    slot: datetime,
    *,
    prompt_keys: Sequence[str],
    now: datetime,
    late_after: timedelta = LATE_AFTER,
) -> bool:
    """Claim one slot and write its reminder; False if it was already claimed."""
    recent = uow.repository(BreakRepository).recent_prompts(schedule.id, count=NO_REPEAT_WITHIN)
    prompt = choose_prompt(prompt_keys, recent, seed=f"{schedule.id}:{slot.isoformat()}")
    reminder_id = uow.repository(BreakRepository).add_reminder(
        schedule, slot=slot, prompt=prompt, now=now
    )
    if reminder_id is None:
        return False
    payload = ReminderPayload(
        reminder_id=reminder_id,
        schedule_id=schedule.id,
        prompt=prompt,
        personal=schedule.personal,
        send_by=slot + late_after,
        # Personal reminders wait out Slack's do-not-disturb (checked when sent).
        unless_dnd=schedule.channel_id if schedule.personal else None,
    )
    uow.outbox.add(
        BREAK_REMINDER.message(
            payload,
            team_id=schedule.team_id,
            channel=schedule.channel_id,
            subject_id=reminder_id,
            slot=slot.isoformat(),
        ),
        now=now,
    )
    return True
