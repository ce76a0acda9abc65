"""A member's check-in schedule and answers, read for other features (the Home, the weekly
recap, personal break reminders, the export)."""

from __future__ import annotations

from datetime import date

from bot.checkins.models import Checkin, CheckinSchedule
from bot.checkins.repository.answers import CheckinAnswerRepository, CheckinScheduleRepository
from bot.core.store.unit_of_work import UnitOfWork


def checkin_schedule(uow: UnitOfWork, team_id: str, user_id: str) -> CheckinSchedule | None:
    """The member's check-in schedule (any status), if they have one."""
    return uow.repository(CheckinScheduleRepository).get(team_id, user_id)


def answer_on(uow: UnitOfWork, team_id: str, user_id: str, local_date: date) -> Checkin | None:
    """The member's answer for ``local_date``, if they gave one."""
    return uow.repository(CheckinAnswerRepository).get(team_id, user_id, local_date)


def energies_since(
    uow: UnitOfWork, team_id: str, user_id: str, since: date
) -> list[tuple[date, int]]:
    """``(local date, energy)`` of the member's answers since ``since``, oldest first."""
    return uow.repository(CheckinAnswerRepository).energies_since(team_id, user_id, since)
