"""How long data lives: the daily retention sweep, and what an uninstall stops and deletes."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select

from bot.breaks.service import schedules as breaks
from bot.checkins.service import enrolment
from bot.core.store.unit_of_work import UnitOfWork
from bot.lifecycle.repository import LifecycleRepository, retention_sweeps
from bot.privacy.service import forget_member
from bot.recaps.service import kindness as kindness_recap
from bot.recaps.service import weekly as recaps
from bot.recaps.values import RecapStatus

logger = logging.getLogger(__name__)

RETENTION_EVERY = timedelta(days=1)


def sweep_retention(uow: UnitOfWork, now: datetime, *, former_name: str) -> int:
    """Once a day per workspace, delete check-ins (and their notes) and break records older
    than its retention, and forget members deactivated for longer. Returns workspaces swept."""
    lifecycle = uow.repository(LifecycleRepository)
    swept = 0
    for team_id, retention_days in lifecycle.retention_sweeps_due(now - RETENTION_EVERY):
        if not lifecycle.claim_retention_sweep(
            team_id, now=now, swept_before=now - RETENTION_EVERY
        ):
            continue  # another process swept it a moment ago
        cutoff = now - timedelta(days=retention_days)
        checkins = lifecycle.delete_checkins_before(team_id, cutoff.date())
        breaks = lifecycle.delete_break_records_before(team_id, cutoff)
        departed = lifecycle.deactivated_before(team_id, cutoff)
        for user_id in departed:
            forget_member(
                uow, team_id, user_id, former_name=former_name, response_url=None, now=now
            )
        logger.info(
            "Retention in %s: deleted %d check-ins, %d break records, %d departed members",
            team_id,
            checkins,
            breaks,
            len(departed),
        )
        swept += 1
    return swept


def retention_sweeps_pending(now: datetime) -> Select[Any]:
    """The workspaces :func:`sweep_retention` would sweep at ``now``."""
    return retention_sweeps(now - RETENTION_EVERY)


def uninstall_workspace(uow: UnitOfWork, team_id: str, *, now: datetime, grace: timedelta) -> None:
    """Kindling was uninstalled (or its tokens revoked) in ``team_id``: every schedule stops
    and nothing waiting is sent; its data is deleted now, or after ``grace``. Idempotent, so
    ``app_uninstalled`` and ``tokens_revoked`` may arrive in either order."""
    lifecycle = uow.repository(LifecycleRepository)
    if not lifecycle.mark_uninstalled(team_id, now=now, purge_after=now + grace):
        return
    lifecycle.stop_schedules(team_id, now=now)
    if grace <= timedelta(0):
        lifecycle.purge(team_id)
        logger.info("Kindling was uninstalled from %s; its data is deleted", team_id)
    else:
        logger.info(
            "Kindling was uninstalled from %s; its data is deleted after %s", team_id, grace
        )


def purge_uninstalled(uow: UnitOfWork, now: datetime) -> int:
    """Delete the data of workspaces uninstalled longer ago than the grace period."""
    due = uow.repository(LifecycleRepository).purges_due(now)
    for team_id in due:
        uow.repository(LifecycleRepository).purge(team_id)
        logger.info("Deleted the data of %s, uninstalled beyond its grace period", team_id)
    return len(due)


def reinstall_workspace(uow: UnitOfWork, team_id: str, *, now: datetime) -> None:
    """Kindling was installed (again) in ``team_id``. Within an uninstall's grace period its
    data is still here: every schedule that was on picks up again from now."""
    uow.workspaces.ensure(team_id, now=now)
    if not uow.repository(LifecycleRepository).reinstate(team_id):
        return
    checkin_schedules, break_schedules, recap_schedules = uow.repository(
        LifecycleRepository
    ).schedules_of(team_id)
    for checkin in checkin_schedules:
        enrolment.reschedule(checkin, now)
    for reminders in break_schedules:
        breaks.reschedule(reminders, now)
    for recap in recap_schedules:
        recap.next_due_utc = (
            recaps.next_recap(now, recap.tz) if recap.status == RecapStatus.ON else None
        )
    workspace = uow.workspaces.get(team_id)
    if workspace is not None:
        kindness_recap.schedule_kindness_recap(workspace, now)
    logger.info("Kindling was installed again in %s within its grace period", team_id)
