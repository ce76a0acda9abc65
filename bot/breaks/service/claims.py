"""The tick's break job: claim each due slot once, pick its prompt, and move on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.breaks.messages import BREAK_REMINDER, ReminderPayload
from bot.breaks.models import BreakSchedule
from bot.breaks.prompts import NO_REPEAT_WITHIN, choose_prompt
from bot.breaks.repository import BreakRepository
from bot.breaks.service.schedules import reschedule
from bot.checkins.service.records import on_pause
from bot.core.holidays import is_public_holiday
from bot.core.localtime import local_today
from bot.core.scheduling.due import Due, DuePolicy, claim_each
from bot.core.store.unit_of_work import UnitOfWork
from bot.members.service.hours import holidays_of

# A break reminder is only useful near its time; catch-up passes reach the slot due now.
BREAKS = DuePolicy(
    "break reminders", late_after=timedelta(minutes=30), batch=500, catch_up_passes=3
)


def claim_due_breaks(
    uow: UnitOfWork,
    now: datetime,
    *,
    prompt_keys: Sequence[str],
    policy: DuePolicy = BREAKS,
) -> int:
    """Claim every due slot (unique per schedule and slot, so whatever runs, a slot is posted
    at most once); one found too late, on a public holiday, or (personal) while its member's
    check-ins are paused, is passed over.
    Returns how many were claimed."""
    countries: dict[str, str | None] = {}

    def claim(due: Sequence[Due[BreakSchedule]]) -> int:
        return sum(
            claim_slot(
                uow, d.item, d.at, prompt_keys=prompt_keys, late_after=policy.late_after, now=now
            )
            for d in due
            if not _on_holiday(uow, d.item, d.at, countries) and not _resting(uow, d.item, d.at)
        )

    return claim_each(
        policy,
        now,
        select=lambda limit: uow.repository(BreakRepository).due(now, limit=limit),
        due_at=lambda schedule: schedule.next_slot_utc,
        claim=claim,
        advance=reschedule,
    ).claimed


def _resting(uow: UnitOfWork, schedule: BreakSchedule, slot: datetime) -> bool:
    """A personal reminder rests while its member's check-ins are paused (a holiday); the ones
    they asked for themselves go on after "Not for me", which was about check-ins."""
    return schedule.personal and on_pause(uow, schedule.team_id, schedule.set_up_by, slot)


def _on_holiday(
    uow: UnitOfWork, schedule: BreakSchedule, slot: datetime, countries: dict[str, str | None]
) -> bool:
    """Whether ``slot`` falls on a public holiday: the workspace's for a channel's reminders
    (workspace countries looked up once), the person's own for their personal ones."""
    if schedule.team_id not in countries:
        workspace = uow.workspaces.get(schedule.team_id)
        countries[schedule.team_id] = workspace.holiday_country if workspace else None
    country = countries[schedule.team_id]
    if schedule.personal:
        country = holidays_of(uow, schedule.team_id, schedule.set_up_by).kept
    return is_public_holiday(country, local_today(slot, schedule.tz))


def claim_slot(  # noqa: PLR0913  # keyword-only: the slot, its schedule and the claim's context
    uow: UnitOfWork,
    schedule: BreakSchedule,
    slot: datetime,
    *,
    prompt_keys: Sequence[str],
    now: datetime,
    late_after: timedelta = BREAKS.late_after,
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
