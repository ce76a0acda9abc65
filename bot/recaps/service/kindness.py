"""The weekly kindness recap in the workspace's kudos channel: how much kindness there was,
who was part of it (named, never pinged), and the values shown. No ranking unless an admin
turns the leaderboard on."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from bot.core.localtime import wall_clock_utc
from bot.core.outbox.delivery import POST_MESSAGE
from bot.core.outbox.repository import NewMessage
from bot.core.store.models import OutboxMessage, Workspace
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.repository import KudosRepository
from bot.members.repository import MemberRepository
from bot.recaps.service.weekly import LATE_AFTER, next_recap, week_of

KINDNESS_RECAP = "kindness_recap"
TOP = 3


def schedule_kindness_recap(workspace: Workspace, now: datetime) -> None:
    """Friday 16:00 in the workspace's zone while it has a kudos channel; none without."""
    has_channel = workspace.kudos_channel_id is not None
    workspace.kindness_recap_due_utc = next_recap(now, workspace.tz) if has_channel else None


def claim_due_kindness_recaps(uow: UnitOfWork, now: datetime) -> int:
    """One recap per workspace and week, whatever runs."""
    messages = []
    for workspace in uow.workspaces.kindness_recaps_due(now, limit=100):
        due = workspace.kindness_recap_due_utc
        if due is None or workspace.kudos_channel_id is None:  # pragma: no cover - filtered
            continue
        if now - due <= LATE_AFTER:
            week_start = week_of(due, workspace.tz)
            messages.append(
                NewMessage(
                    team_id=workspace.team_id,
                    idempotency_key=f"kindness-recap:{week_start.isoformat()}",
                    kind=KINDNESS_RECAP,
                    method=POST_MESSAGE,
                    channel=workspace.kudos_channel_id,
                    payload={"week_start": week_start.isoformat(), "tz": workspace.tz},
                )
            )
        workspace.kindness_recap_due_utc = next_recap(max(due, now - LATE_AFTER), workspace.tz)
    return uow.outbox.claim_many(messages, now=now)


def kindness_figures(uow: UnitOfWork, message: OutboxMessage, _now: datetime) -> dict[str, Any]:
    """The week's kindness in the workspace, read when the recap is sent."""
    tz = str(message.payload["tz"])
    monday = date.fromisoformat(str(message.payload["week_start"]))
    period = (wall_clock_utc(monday, 0, tz), wall_clock_utc(monday + timedelta(days=7), 0, tz))
    givers, recipients, values = uow.repository(KudosRepository).week_of_kindness(
        message.team_id, period
    )
    people = set(givers) | set(recipients)
    directory = uow.repository(MemberRepository).get_many(message.team_id, people)
    names = sorted(directory[p].display_name if p in directory else p for p in people)
    workspace = uow.workspaces.get(message.team_id)
    leaderboard = None
    if workspace is not None and workspace.leaderboard:
        leaderboard = [
            [directory[p].display_name if p in directory else p, n]
            for p, n in Counter(givers).most_common(TOP)
        ]
    return {
        "kudos": len(givers),
        "appreciated": len(set(recipients)),
        "values": Counter(values).most_common(TOP),
        "names": names,
        "leaderboard": leaderboard,
    }
