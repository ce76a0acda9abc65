"""Answering a check-in: one row per member and day, the DM updated to show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.breaks.service.schedules import after_low_energy
from bot.checkins.messages import (
    CHECKIN,
    CHECKIN_ANSWERED,
    CHECKIN_CARE,
    CHECKIN_NOTICE,
    CheckinAnsweredPayload,
    CheckinCarePayload,
    CheckinNoticePayload,
)
from bot.checkins.repository.answers import CheckinAnswerRepository, CheckinScheduleRepository
from bot.checkins.values import LOW_ENERGY
from bot.core.localtime import local_today
from bot.core.store.unit_of_work import UnitOfWork
from bot.home.service import refresh_home
from bot.members.service import known_member

LOW_STREAK = 3  # answered check-ins in a row with low energy before Kindling reaches out
CARE_AT_MOST_EVERY = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """What one tap (or the note form) changes; None leaves that part as it was."""

    energy: int | None = None
    need: str | None = None
    note: str | None = None
    skipped: bool | None = None

    def columns(self) -> dict[str, Any]:
        changed: dict[str, Any] = {}
        if self.energy is not None:
            changed["energy"] = self.energy
        if self.need is not None:
            changed["need"] = self.need
        if self.note is not None:
            changed["note"] = self.note.strip() or None
        if self.skipped is not None:
            changed["skipped"] = self.skipped
        elif self.energy is not None or self.need is not None:
            changed["skipped"] = False  # answering after "skip" un-skips the day
        return changed


@dataclass(frozen=True, slots=True)
class CheckinMessage:
    """The DM a control was used on, and where to answer the member privately."""

    channel_id: str
    ts: str
    response_url: str | None
    action_ts: str  # unique per tap: the key of the update it causes


@dataclass(frozen=True, slots=True)
class Answered:
    local_date: date


@dataclass(frozen=True, slots=True)
class DayPassed:
    """The control belonged to an earlier day's check-in."""

    local_date: date


def member_today(uow: UnitOfWork, team_id: str, user_id: str, now: datetime) -> date:
    """The member's local date, from their check-in zone (or the directory's)."""
    schedule = uow.repository(CheckinScheduleRepository).get(team_id, user_id)
    if schedule is not None:
        return local_today(now, schedule.tz)
    member = known_member(uow, team_id, user_id)
    return local_today(now, member.tz if member else None)


def answer_checkin(  # noqa: PLR0913  # keyword-only: the button's value and who pressed it
    uow: UnitOfWork,
    *,
    team_id: str,
    user_id: str,
    local_date: date,
    change: AnswerChange,
    message: CheckinMessage,
    now: datetime,
) -> Answered | DayPassed:
    """Record today's answer and show it in the DM; an earlier day's is kindly refused."""
    if local_date != member_today(uow, team_id, user_id, now):
        tell_day_passed(
            uow, team_id=team_id, user_id=user_id, day=local_date, message=message, now=now
        )
        return DayPassed(local_date)
    uow.workspaces.ensure(team_id, now=now)
    checkin = uow.repository(CheckinAnswerRepository).record(
        team_id, user_id, local_date, now=now, **change.columns()
    )
    # Only the latest state matters: an update still waiting gives way to this one.
    uow.outbox.supersede(team_id, CHECKIN_ANSWERED.name, checkin.id)
    if change.energy is not None and change.energy <= LOW_ENERGY:
        after_low_energy(uow, team_id, user_id, now=now)  # a personal break comes sooner
        care_for_streak(uow, team_id, user_id, today=local_date, now=now)
    refresh_home(uow, team_id, user_id, now=now)
    answered = CheckinAnsweredPayload(
        user_id=user_id,
        local_date=local_date,
        ts=message.ts,
        energy=checkin.energy,
        need=checkin.need,
        has_note=bool(checkin.note),
        skipped=checkin.skipped,
        local_minute=_checkin_minute(uow, team_id, user_id, local_date),
    )
    uow.outbox.add(
        CHECKIN_ANSWERED.message(
            answered,
            team_id=team_id,
            channel=message.channel_id,
            subject_id=checkin.id,
            action_ts=message.action_ts,
        ),
        now=now,
    )
    return Answered(local_date)


def care_for_streak(
    uow: UnitOfWork, team_id: str, user_id: str, *, today: date, now: datetime
) -> bool:
    """After three answered check-ins in a row with low energy, one warm private message with
    concrete suggestions (and the workspace's support link), at most once per 14 days."""
    energies = uow.repository(CheckinAnswerRepository).recent_energies(
        team_id, user_id, count=LOW_STREAK
    )
    if len(energies) < LOW_STREAK or any(energy > LOW_ENERGY for energy in energies):
        return False
    schedule = uow.repository(CheckinScheduleRepository).get(team_id, user_id)
    if schedule is None:
        return False
    if schedule.care_sent_on is not None and today - schedule.care_sent_on < CARE_AT_MOST_EVERY:
        return False
    schedule.care_sent_on = today
    workspace = uow.workspaces.get(team_id)
    care = CheckinCarePayload(
        user_id=user_id, support_link=workspace.support_link if workspace is not None else None
    )
    uow.outbox.add(
        CHECKIN_CARE.message(care, team_id=team_id, channel=user_id, day=today.isoformat()),
        now=now,
    )
    return True


def tell_day_passed(  # noqa: PLR0913  # keyword-only: what the private note says
    uow: UnitOfWork,
    *,
    team_id: str,
    user_id: str,
    day: date,
    message: CheckinMessage,
    now: datetime,
) -> None:
    """A private line (through the action's ``response_url``) that the day has passed."""
    if not message.response_url:
        return
    schedule = uow.repository(CheckinScheduleRepository).get(team_id, user_id)
    notice = CheckinNoticePayload(
        response_url=message.response_url,
        day=day,
        next_due=schedule.next_due_utc if schedule is not None else None,
        tz=schedule.tz if schedule is not None else None,
    )
    uow.outbox.add(
        CHECKIN_NOTICE.message(
            notice,
            team_id=team_id,
            channel=None,  # a response_url is not a channel: no per-channel pacing
            user_id=user_id,
            action_ts=message.action_ts,
        ),
        now=now,
    )


def _checkin_minute(uow: UnitOfWork, team_id: str, user_id: str, local_date: date) -> int | None:
    """The time the day's check-in was due at, as its outbox row says (its greeting stays)."""
    sent = uow.outbox.by_key(team_id, CHECKIN.key_for(user_id=user_id, local_date=local_date))
    minute = sent.payload.get("local_minute") if sent is not None else None
    return minute if isinstance(minute, int) else None
