"""The tick's feature jobs: what each feature claims or refreshes every tick."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.breaks.repository import due_break_schedules
from bot.breaks.service.claims import claim_due_breaks
from bot.checkins.jobs import ChannelEnroller
from bot.checkins.repository.claims import due_checkin_schedules
from bot.checkins.service.claims import claim_due_checkins
from bot.config import Settings
from bot.core.metrics import Metrics, SyncOutcome
from bot.core.phrases import break_prompt_keys, phrase
from bot.core.scheduling.ticker import Job, SlackJob
from bot.core.slack.access import SlackAccess
from bot.core.slack.workspace_clients import WorkspaceNotInstalledError
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory
from bot.core.store.workspaces import due_kindness_recaps
from bot.lifecycle import service as lifecycle
from bot.lifecycle.repository import purges as purges_due
from bot.lifecycle.service import reinstall_workspace
from bot.members.directory import MemberDirectory
from bot.recaps.repository import due_recap_schedules
from bot.recaps.service import claims as recap_claims

logger = logging.getLogger(__name__)

DIRECTORY_SYNC_INTERVAL = timedelta(days=1)


class DirectorySync:
    """Refreshes each workspace's member directory once a day; on its first run, also
    remembers the workspace the bot token belongs to (never again after an uninstall)."""

    def __init__(
        self, *, access: SlackAccess, directory: MemberDirectory, metrics: Metrics
    ) -> None:
        self._access = access
        self._directory = directory
        self._metrics = metrics
        self._home_remembered = threading.Event()

    def __call__(self, unit_of_work: UnitOfWorkFactory, now: datetime) -> None:
        home = self._access.home_team_id if not self._home_remembered.is_set() else None
        with unit_of_work() as uow:
            if home is not None:  # the token was just checked: the app is installed there
                reinstall_workspace(uow, home, now=now)
            due = uow.workspaces.members_synced_before(now - DIRECTORY_SYNC_INTERVAL)
        if home is not None:
            self._home_remembered.set()
        for team_id in due:  # one workspace's failure holds up none of the others
            self._metrics.directory_syncs.labels(self._sync(unit_of_work, team_id, now)).inc()

    def _sync(self, unit_of_work: UnitOfWorkFactory, team_id: str, now: datetime) -> SyncOutcome:
        try:
            self._directory.sync(unit_of_work, team_id, now)
        except WorkspaceNotInstalledError:
            logger.info("Not syncing the directory of %s: Kindling is not installed", team_id)
            return SyncOutcome.NOT_INSTALLED
        except (SlackApiError, OSError) as error:
            logger.warning("Syncing the directory of %s failed (%s): next tick", team_id, error)
            return SyncOutcome.FAILED
        return SyncOutcome.SYNCED


def feature_jobs(
    settings: Settings,
    *,
    access: SlackAccess,
    directory: MemberDirectory,
    lookups: Callable[[str], WebClient],
    metrics: Metrics,
) -> tuple[Job | SlackJob, ...]:
    """Every feature's tick job, in the order they run."""
    late_after = timedelta(minutes=settings.kindling_checkin_late_minutes)

    def claim_checkins(uow: UnitOfWork, now: datetime) -> None:
        claim_due_checkins(uow, now, late_after=late_after)

    def claim_breaks(uow: UnitOfWork, now: datetime) -> None:
        claim_due_breaks(uow, now, prompt_keys=break_prompt_keys())

    def sweep_retention(uow: UnitOfWork, now: datetime) -> None:
        lifecycle.sweep_retention(uow, now, former_name=phrase("privacy.former_teammate"))

    return (
        SlackJob(
            "sync member directories",
            DirectorySync(access=access, directory=directory, metrics=metrics),
        ),
        SlackJob(
            "invite the members of enrolled channels",
            ChannelEnroller(client_for=lookups, directory=directory),
        ),
        Job("claim due check-ins", claim_checkins, pending=due_checkin_schedules),
        Job("claim due break reminders", claim_breaks, pending=due_break_schedules),
        Job(
            "claim due weekly recaps",
            recap_claims.claim_due_recaps,
            pending=due_recap_schedules,
        ),
        Job(
            "claim due kindness recaps",
            recap_claims.claim_due_kindness_recaps,
            pending=due_kindness_recaps,
        ),
        Job(
            "sweep data past its retention",
            sweep_retention,
            pending=lifecycle.retention_sweeps_pending,
        ),
        Job(
            "delete uninstalled workspaces' data",
            lifecycle.purge_uninstalled,
            pending=purges_due,
        ),
    )
