"""Break schedules: turning them on and off, snoozing and pausing (the personal ones' own
rules are in :mod:`bot.breaks.service.personal`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.breaks.messages import (
    BREAK_REMINDER,
    BREAKS_CHANGED,
    BREAKS_PAUSED,
    ChangedPayload,
    PausedPayload,
)
from bot.breaks.models import BreakSchedule
from bot.breaks.repository import BreakRepository, channel_scope, member_scope
from bot.breaks.slots import Cadence, Window, next_slot
from bot.breaks.text import BreaksRequest
from bot.breaks.values import BreakSettings, BreakStatus
from bot.core.localtime import FALLBACK_ZONE, MONDAY_TO_FRIDAY, local_today, zone
from bot.core.outbox.delivery import Delivery
from bot.core.profiles import MemberProfile
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork

DEFAULT_INTERVAL = 90
DEFAULT_WINDOW = Window(10 * 60, 17 * 60)
LOW_ENERGY_FOLLOW_UP = timedelta(minutes=60)
DEACTIVATED = "deactivated"
# Slack answers to a DM that mean the person cannot get one at all.
UNREACHABLE_PERSON = frozenset({"user_not_found", "account_inactive", "cannot_dm_bot"})


def cadence_of(schedule: BreakSchedule) -> Cadence:
    return Cadence(
        interval=schedule.interval_minutes,
        window=Window(schedule.window_start, schedule.window_end),
        workdays=schedule.workdays,
        tz=schedule.tz,
    )


def settings_of(schedule: BreakSchedule | None) -> BreakSettings | None:
    if schedule is None:
        return None
    return BreakSettings(
        status=schedule.status,
        interval=schedule.interval_minutes,
        window=Window(schedule.window_start, schedule.window_end),
        workdays=schedule.workdays,
        tz=schedule.tz,
        next_slot=schedule.next_slot_utc,
        snoozed_on=schedule.snoozed_on,
        paused_reason=schedule.paused_reason,
    )


def reschedule(schedule: BreakSchedule, after: datetime) -> None:
    """The next slot after ``after`` if the schedule is on (none while off or paused)."""
    schedule.next_slot_utc = (
        next_slot(after, cadence_of(schedule), not_on=schedule.snoozed_on)
        if schedule.status == BreakStatus.ON
        else None
    )


def channel_schedule(
    uow: UnitOfWork, team_id: str, channel_id: str, *, by: MemberProfile, now: datetime
) -> BreakSchedule:
    """The channel's schedule; made (off, the defaults, in ``by``'s zone) if there is none."""
    found = uow.repository(BreakRepository).by_scope(team_id, channel_scope(channel_id))
    if found is not None:
        return found
    uow.workspaces.ensure(team_id, now=now)
    schedule = new_schedule(
        team_id, channel_scope(channel_id), channel_id, by=by, workdays=MONDAY_TO_FRIDAY, now=now
    )
    uow.repository(BreakRepository).add(schedule)
    return schedule


def channel_on(  # noqa: PLR0913  # keyword-only: the command's parsed settings
    uow: UnitOfWork,
    team_id: str,
    channel_id: str,
    *,
    by: MemberProfile,
    request: BreaksRequest,
    now: datetime,
) -> BreakSettings:
    """Start (or change) a channel's reminders with whichever parts ``request`` names."""
    schedule = channel_schedule(uow, team_id, channel_id, by=by, now=now)
    schedule.interval_minutes = request.interval or schedule.interval_minutes
    if request.window is not None:
        schedule.window_start, schedule.window_end = request.window.start, request.window.end
    schedule.workdays = request.workdays or schedule.workdays
    schedule.tz = request.tz or schedule.tz
    schedule.status, schedule.paused_reason, schedule.set_up_by = BreakStatus.ON, None, by.user_id
    touch(schedule, now)
    reschedule(schedule, now)
    _announce(uow, schedule, by.user_id, now)
    return settings_for(schedule)


def channel_off(
    uow: UnitOfWork, team_id: str, channel_id: str, *, by: MemberProfile, now: datetime
) -> bool:
    """Stop a channel's reminders; False if there were none to stop."""
    schedule = uow.repository(BreakRepository).by_scope(team_id, channel_scope(channel_id))
    if schedule is None or schedule.status == BreakStatus.OFF:
        return False
    schedule.status = BreakStatus.OFF
    touch(schedule, now)
    reschedule(schedule, now)
    _announce(uow, schedule, by.user_id, now)
    return True


def pause_unreachable(uow: UnitOfWork, schedule_id: int, *, reason: str, now: datetime) -> None:
    """Slack says the channel cannot be posted in (archived, removed): stop trying, and tell
    whoever set the reminders up, once."""
    schedule = uow.repository(BreakRepository).get(schedule_id)
    if schedule is None or schedule.status != BreakStatus.ON:
        return
    schedule.status, schedule.paused_reason = BreakStatus.PAUSED, reason[:40]
    touch(schedule, now)
    reschedule(schedule, now)
    payload = PausedPayload(channel_id=schedule.channel_id, reason=reason)
    uow.outbox.add(
        BREAKS_PAUSED.message(
            payload,
            team_id=schedule.team_id,
            channel=schedule.set_up_by,
            schedule_id=schedule.id,
            at=now.isoformat(),
        ),
        now=now,
    )


def after_low_energy(uow: UnitOfWork, team_id: str, user_id: str, *, now: datetime) -> None:
    """A check-in with energy 1-2: today's next personal reminder comes within the hour."""
    schedule = uow.repository(BreakRepository).by_scope(team_id, member_scope(user_id))
    if schedule is None or schedule.status != BreakStatus.ON or schedule.next_slot_utc is None:
        return
    soon = now + LOW_ENERGY_FOLLOW_UP
    local_soon = soon.astimezone(zone(schedule.tz))
    in_window = (
        schedule.window_start <= local_soon.hour * 60 + local_soon.minute < (schedule.window_end)
    )
    same_day = local_today(schedule.next_slot_utc, schedule.tz) == local_soon.date()
    if in_window and same_day and schedule.next_slot_utc > soon:
        schedule.next_slot_utc = soon


def new_schedule(  # noqa: PLR0913  # keyword-only: one per column of the new row
    team_id: str, scope: str, channel_id: str, *, by: MemberProfile, workdays: int, now: datetime
) -> BreakSchedule:
    return BreakSchedule(
        team_id=team_id,
        scope=scope,
        channel_id=channel_id,
        personal=False,
        set_up_by=by.user_id,
        status=BreakStatus.OFF,
        interval_minutes=DEFAULT_INTERVAL,
        window_start=DEFAULT_WINDOW.start,
        window_end=DEFAULT_WINDOW.end,
        workdays=workdays,
        tz=by.tz or FALLBACK_ZONE,
        created_at=now,
        updated_at=now,
    )


def touch(schedule: BreakSchedule, now: datetime) -> None:
    """Note that the schedule changed at ``now``."""
    schedule.updated_at = now


def settings_for(schedule: BreakSchedule) -> BreakSettings:
    """The settings of a schedule that exists."""
    settings = settings_of(schedule)
    assert settings is not None  # noqa: S101  # a schedule always has settings
    return settings


def _announce(uow: UnitOfWork, schedule: BreakSchedule, who: str, now: datetime) -> None:
    """One quiet line in the channel naming who changed the reminders, and to what."""
    payload = ChangedPayload(
        who=who,
        on=schedule.status == BreakStatus.ON,
        interval=schedule.interval_minutes,
        window=(schedule.window_start, schedule.window_end),
        workdays=schedule.workdays,
        tz=schedule.tz,
    )
    uow.outbox.add(
        BREAKS_CHANGED.message(
            payload,
            team_id=schedule.team_id,
            channel=schedule.channel_id,
            schedule_id=schedule.id,
            at=now.isoformat(),
        ),
        now=now,
    )


def on_reminder_delivered(
    uow: UnitOfWork, message: OutboxMessage, delivery: Delivery, now: datetime
) -> None:
    """A channel Slack says Kindling cannot post in any more (or a person who cannot get
    DMs) pauses its schedule."""
    unreachable = delivery.channel_unreachable or delivery.error in UNREACHABLE_PERSON
    if delivery.delivered or not unreachable:
        return
    schedule_id = BREAK_REMINDER.read(message.payload).schedule_id
    if schedule_id is not None:
        pause_unreachable(uow, schedule_id, reason=delivery.error or "unreachable", now=now)


def schedule_of_channel(uow: UnitOfWork, team_id: str, channel_id: str) -> BreakSchedule | None:
    """The channel's break schedule, if it has one."""
    return uow.repository(BreakRepository).by_scope(team_id, channel_scope(channel_id))
