"""The team pulse: a channel's energy and needs over a week, only when nobody can be singled
out (at least the workspace's minimum group size of distinct people answered)."""

from __future__ import annotations

from datetime import date, timedelta

from bot.checkins.repository.answers import CheckinAnswerRepository
from bot.checkins.values import TeamPulse, TooFewAnswers
from bot.core.store.unit_of_work import UnitOfWork

PULSE_DAYS = 7
MIN_GROUP_FLOOR = 3  # never smaller, whatever the workspace setting says


def min_group_size(uow: UnitOfWork, team_id: str) -> int:
    workspace = uow.workspaces.get(team_id)
    configured = workspace.min_group_size if workspace is not None else 5
    return max(MIN_GROUP_FLOOR, configured)


def team_pulse(
    uow: UnitOfWork, team_id: str, channel_id: str, *, today: date
) -> TeamPulse | TooFewAnswers:
    figures = uow.repository(CheckinAnswerRepository).pulse(
        team_id, channel_id, since=today - timedelta(days=PULSE_DAYS - 1)
    )
    needed = min_group_size(uow, team_id)
    if figures.respondents < needed:
        return TooFewAnswers(needed)  # not even the count is shown: it could single people out
    return TeamPulse(figures, PULSE_DAYS)
