"""The member directory as listeners see it: cached rows, ``users.info`` only on a miss."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.clock import Clock
from bot.services.directory import MemberProfile, remember_member
from bot.slack.payloads import member_profile
from bot.store.models import Member
from bot.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)

MAX_AGE = timedelta(days=1)
USERS_LIST_PAGE = 200


class MemberDirectory:
    """Who people are (time zone, bot, deactivated, name), refreshed when older than a day."""

    def __init__(self, *, client_for: Callable[[str], WebClient], clock: Clock) -> None:
        self._client_for = client_for
        self._clock = clock

    def lookup(
        self, uow: UnitOfWork, team_id: str, user_ids: Collection[str]
    ) -> dict[str, MemberProfile | None]:
        """Each person's profile, or None when Slack does not know them.

        Runs in the caller's unit of work; only a miss (or an entry older than a day) costs a
        ``users.info`` call, and its answer is cached in the same transaction.
        """
        now = self._clock.now()
        cached = uow.members.get_many(team_id, user_ids)
        found: dict[str, MemberProfile | None] = {}
        for user_id in user_ids:
            member = cached.get(user_id)
            if member is not None and member.refreshed_at >= now - MAX_AGE:
                found[user_id] = _profile(member)
            else:
                found[user_id] = self._fetch(uow, team_id, user_id, stale=member, now=now)
        return found

    def sync(self, uow: UnitOfWork, team_id: str, now: datetime) -> int:
        """Refresh the whole directory of ``team_id`` with ``users.list``; returns the count."""
        client = self._client_for(team_id)
        count = 0
        for page in client.users_list(limit=USERS_LIST_PAGE):
            for user in page.get("members", []):
                remember_member(uow, member_profile(user, team_id=team_id), now=now)
                count += 1
        uow.workspaces.mark_members_synced(team_id, now=now)
        return count

    def _fetch(
        self, uow: UnitOfWork, team_id: str, user_id: str, *, stale: Member | None, now: datetime
    ) -> MemberProfile | None:
        try:
            answer = self._client_for(team_id).users_info(user=user_id)
        except SlackApiError as error:
            if error.response.get("error") == "user_not_found":
                return None
            logger.warning("users.info failed for %s: %s", user_id, error.response.get("error"))
            return _profile(stale) if stale else None
        except OSError as error:
            logger.warning("users.info could not reach Slack for %s: %s", user_id, error)
            return _profile(stale) if stale else None
        profile = member_profile(answer["user"], team_id=team_id)
        remember_member(uow, profile, now=now)
        return profile


def _profile(member: Member) -> MemberProfile:
    return MemberProfile(
        team_id=member.team_id,
        user_id=member.user_id,
        display_name=member.display_name,
        tz=member.tz,
        is_bot=member.is_bot,
        deleted=member.deleted,
    )
