"""The weekly kindness recap in the workspace's kudos channel: how much kindness there was,
who was part of it (named, never pinged), and the values shown. No ranking unless an admin
turns the leaderboard on."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from bot.core.localtime import wall_clock_utc
from bot.core.store.models import OutboxMessage, Workspace
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.service import week_of_kindness
from bot.members.service import known_members
from bot.recaps.messages import KindnessRecapPayload
from bot.recaps.service.weekly import next_recap
from bot.recaps.values import KindnessFigures

TOP = 3


def schedule_kindness_recap(workspace: Workspace, now: datetime) -> None:
    """Friday 16:00 in the workspace's zone while it has a kudos channel; none without."""
    has_channel = workspace.kudos_channel_id is not None
    workspace.kindness_recap_due_utc = next_recap(now, workspace.tz) if has_channel else None


def load_kindness_recap(
    uow: UnitOfWork, message: OutboxMessage, payload: KindnessRecapPayload, _now: datetime
) -> KindnessRecapPayload:
    """The loader for :data:`KINDNESS_RECAP`: the week's figures, read when it is sent."""
    figures = kindness_figures(uow, message.team_id, payload)
    return payload.model_copy(update={"figures": figures})


def kindness_figures(
    uow: UnitOfWork, team_id: str, payload: KindnessRecapPayload
) -> KindnessFigures:
    """The week's kindness in the workspace."""
    tz, monday = payload.tz, payload.week_start
    period = (wall_clock_utc(monday, 0, tz), wall_clock_utc(monday + timedelta(days=7), 0, tz))
    givers, recipients, values = week_of_kindness(uow, team_id, period)
    people = set(givers) | set(recipients)
    directory = known_members(uow, team_id, people)
    names = sorted(directory[p].display_name if p in directory else p for p in people)
    workspace = uow.workspaces.get(team_id)
    leaderboard = None
    if workspace is not None and workspace.leaderboard:
        leaderboard = tuple(
            (directory[p].display_name if p in directory else p, n)
            for p, n in Counter(givers).most_common(TOP)
        )
    return KindnessFigures(
        kudos=len(givers),
        appreciated=len(set(recipients)),
        values=tuple(Counter(values).most_common(TOP)),
        names=tuple(names),
        leaderboard=leaderboard,
    )
