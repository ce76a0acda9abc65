"""The member directory as listeners see it: cached rows, ``users.info`` only on a miss,
and never while a transaction is open."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import datetime, timedelta
from typing import TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.clock import Clock
from bot.core.profiles import MemberProfile
from bot.core.slack.identity import belongs_to
from bot.core.slack.payloads import member_profile
from bot.core.slack.workspace_clients import WorkspaceNotInstalledError
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory
from bot.members.repository import MemberRepository, MemberRow
from bot.members.service import remember_member

logger = logging.getLogger(__name__)

T = TypeVar("T")
MAX_AGE = timedelta(days=1)
USERS_LIST_PAGE = 200


class MemberDirectory:
    """Who people are (time zone, bot, deactivated, name), refreshed when older than a day."""

    def __init__(self, *, client_for: Callable[[str], WebClient], clock: Clock) -> None:
        self._client_for = client_for
        self._clock = clock

    def cached(
        self, uow: UnitOfWork, team_id: str, user_ids: Collection[str]
    ) -> tuple[dict[str, MemberProfile], dict[str, MemberProfile | None]]:
        """From the directory alone: the fresh entries, and the rest (their stale entry or
        None) that :meth:`fetch` should ask Slack about."""
        now = self._clock.now()
        rows = uow.repository(MemberRepository).get_many(team_id, user_ids)
        fresh: dict[str, MemberProfile] = {}
        wanted: dict[str, MemberProfile | None] = {}
        for user_id in user_ids:
            row = rows.get(user_id)
            if row is not None and row.refreshed_at >= now - MAX_AGE:
                fresh[user_id] = _profile(team_id, row)
            else:
                wanted[user_id] = _profile(team_id, row) if row is not None else None
        return fresh, wanted

    def fetch(
        self, team_id: str, wanted: Mapping[str, MemberProfile | None]
    ) -> dict[str, MemberProfile | None]:
        """Ask Slack (``users.info``) about each wanted person (outside any transaction, or while
        the caller's unit of work steps aside); on a failure keep the stale entry. None: Slack
        does not know them."""
        return {
            user_id: self._fetch(team_id, user_id, stale=stale) for user_id, stale in wanted.items()
        }

    def remember(self, uow: UnitOfWork, profiles: Iterable[MemberProfile | None]) -> None:
        """Cache what :meth:`fetch` learnt."""
        now = self._clock.now()
        for profile in profiles:
            if profile is not None:
                remember_member(uow, profile, now=now)

    def people(
        self, uow: UnitOfWork, team_id: str, user_ids: Collection[str]
    ) -> dict[str, MemberProfile | None]:
        """The profiles of ``user_ids`` (None: unknown to Slack), in the caller's unit of work.
        When someone is missing from the directory, ``users.info`` is asked before anything
        is written, with the unit of work stepping aside meanwhile, and the answer kept."""
        fresh, wanted = self.cached(uow, team_id, user_ids)
        people: dict[str, MemberProfile | None] = dict(fresh)
        if wanted:
            with uow.step_aside():
                fetched = self.fetch(team_id, wanted)
            self.remember(uow, fetched.values())
            people.update(fetched)
        return people

    def with_people(
        self,
        unit_of_work: UnitOfWorkFactory,
        team_id: str,
        user_ids: Collection[str],
        work: Callable[[UnitOfWork, dict[str, MemberProfile | None]], T],
    ) -> T:
        """Run ``work`` in one unit of work with :meth:`people` ``user_ids``."""
        with unit_of_work() as uow:
            return work(uow, self.people(uow, team_id, user_ids))

    def sync(self, unit_of_work: UnitOfWorkFactory, team_id: str, now: datetime) -> int:
        """Refresh the whole directory of ``team_id`` with ``users.list``, one page per short
        transaction; returns the count. A failure leaves it to be tried again next tick."""
        client = self._client_for(team_id)
        count = 0
        for page in client.users_list(limit=USERS_LIST_PAGE):
            with unit_of_work() as uow:
                for user in page.get("members", []):
                    if not belongs_to(user, team_id):
                        continue
                    remember_member(uow, member_profile(user, team_id=team_id), now=now)
                    count += 1
        with unit_of_work() as uow:
            uow.workspaces.mark_members_synced(team_id, now=now)
        logger.info("Synced the member directory of %s: %d people", team_id, count)
        return count

    def _fetch(
        self, team_id: str, user_id: str, *, stale: MemberProfile | None
    ) -> MemberProfile | None:
        try:
            answer = self._client_for(team_id).users_info(user=user_id)
        except SlackApiError as error:
            if error.response.get("error") == "user_not_found":
                return None
            logger.warning("users.info failed for %s: %s", user_id, error.response.get("error"))
            return stale
        except (OSError, WorkspaceNotInstalledError) as error:
            logger.warning("users.info could not reach Slack for %s: %s", user_id, error)
            return stale
        if not belongs_to(answer["user"], team_id):  # Slack Connect: nothing of theirs is kept
            return None
        return member_profile(answer["user"], team_id=team_id)


def _profile(team_id: str, member: MemberRow) -> MemberProfile:
    return MemberProfile(
        team_id=team_id,
        user_id=member.user_id,
        display_name=member.display_name,
        tz=member.tz,
        is_bot=member.is_bot,
        deleted=member.deleted,
        is_admin=member.is_admin,
    )
