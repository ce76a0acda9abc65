"""``/checkin team`` after the ack: check who asked and count who would come (the asker then
confirms), and read a confirmed channel's members from Slack and invite them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.checkins.messages import CHANNEL_NOT_ENROLLED, ChannelNotEnrolledPayload
from bot.checkins.repository.answers import CheckinScheduleRepository
from bot.checkins.service.channels import (
    ChannelRequest,
    answer_request,
    count_invitees,
    may_enrol,
    requests_to_check,
    withdraw_request,
)
from bot.checkins.service.consent import enrol_from_channel
from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory
from bot.members.directory import MemberDirectory

logger = logging.getLogger(__name__)

MEMBERS_PAGE = 200
# Answers that will not change by asking again: tell whoever ran /checkin team, and stop.
NO_ACCESS = frozenset({"channel_not_found", "not_in_channel", "missing_scope", "is_archived"})
# A private channel cannot be joined: Kindling is in it already, or listing its members fails.
NOT_JOINABLE = frozenset({"method_not_supported_for_channel_type", "already_in_channel"})


class ChannelEnroller:
    """A tick job: enrols the members of channels enrolled with ``/checkin team``."""

    def __init__(
        self, *, client_for: Callable[[str], WebClient], directory: MemberDirectory
    ) -> None:
        self._client_for = client_for
        self._directory = directory

    def __call__(self, unit_of_work: UnitOfWorkFactory, now: datetime) -> int:
        """Check and count each channel asked for (the asker confirms), then enrol every
        confirmed channel's members; returns how many people were invited."""
        with unit_of_work() as uow:
            requests = requests_to_check(uow)
        for request in requests:
            self._check(unit_of_work, request, now)
        with unit_of_work() as uow:
            waiting = [
                (c.team_id, c.channel_id, c.enrolled_by, c.created_at)
                for c in uow.repository(CheckinScheduleRepository).channels_to_enrol()
            ]
        invited = 0
        for team_id, channel_id, enrolled_by, asked_at in waiting:
            try:
                user_ids = self._channel_members(team_id, channel_id)
            except SlackApiError as error:
                code = str(error.response.get("error") or error.response.status_code)
                if code not in NO_ACCESS:
                    raise  # a passing problem (429, an outage): the next tick tries again
                with unit_of_work() as uow:
                    _give_up(
                        uow,
                        team_id,
                        channel_id,
                        enrolled_by,
                        reason=code,
                        asked_at=asked_at,
                        now=now,
                    )
                continue
            invited += enrol_people(
                self._directory,
                unit_of_work,
                team_id,
                channel_id,
                user_ids,
                invited_by=enrolled_by,
                now=now,
            )
            with unit_of_work() as uow:
                uow.repository(CheckinScheduleRepository).mark_channel_enrolled(
                    team_id, channel_id, now=now
                )
        return invited

    def _check(
        self, unit_of_work: UnitOfWorkFactory, request: ChannelRequest, now: datetime
    ) -> None:
        """Whether the asker may enrol the channel, and how many it would invite: told to them."""
        team_id, channel_id = request.team_id, request.channel_id
        try:
            invitees = self._count_if_allowed(unit_of_work, request)
        except SlackApiError as error:
            code = str(error.response.get("error") or error.response.status_code)
            if code not in NO_ACCESS:
                raise  # a passing problem: the next tick checks again
            with unit_of_work() as uow:
                withdraw_request(uow, request)
                _tell_failed(uow, team_id, channel_id, request.asked_by, reason=code, now=now)
            return
        with unit_of_work() as uow:
            answer_request(uow, request, invitees=invitees, now=now)

    def _count_if_allowed(
        self, unit_of_work: UnitOfWorkFactory, request: ChannelRequest
    ) -> int | None:
        team_id, client = request.team_id, self._client_for(request.team_id)
        allowed = self._directory.with_people(
            unit_of_work,
            team_id,
            [request.asked_by],
            lambda uow, people: may_enrol(
                uow,
                people.get(request.asked_by) or MemberProfile.unknown(team_id, request.asked_by),
            ),
        )
        if not allowed:  # the channel's creator stands for its managers (see the service)
            info = client.conversations_info(channel=request.channel_id)
            allowed = (info.get("channel") or {}).get("creator") == request.asked_by
        if not allowed:
            return None
        members: list[str] = []
        for page in client.conversations_members(channel=request.channel_id, limit=MEMBERS_PAGE):
            members += page.get("members", [])
        return self._directory.with_people(unit_of_work, team_id, members, count_invitees)

    def _channel_members(self, team_id: str, channel_id: str) -> list[str]:
        """The channel's members, after joining it if it is public: Slack only tells a bot
        about people joining later (``member_joined_channel``) in channels it is in."""
        client = self._client_for(team_id)
        try:
            client.conversations_join(channel=channel_id)
        except SlackApiError as error:
            if error.response.get("error") not in NOT_JOINABLE:
                raise
        members: list[str] = []
        for page in client.conversations_members(channel=channel_id, limit=MEMBERS_PAGE):
            members += page.get("members", [])
        return members


def enrol_people(  # noqa: PLR0913  # keyword-only: the channel, who invited, and the job's context
    directory: MemberDirectory,
    unit_of_work: UnitOfWorkFactory,
    team_id: str,
    channel_id: str,
    user_ids: list[str],
    *,
    invited_by: str | None,
    now: datetime,
) -> int:
    """Enrol ``user_ids`` of a channel (people, not bots; never anyone who already chose)."""

    def enrol(uow: UnitOfWork, people: dict[str, MemberProfile | None]) -> int:
        humans = [p for p in people.values() if p is not None and not p.is_bot and not p.deleted]
        uow.workspaces.ensure(team_id, now=now)
        uow.repository(CheckinScheduleRepository).remember_channel_members(
            team_id, channel_id, [person.user_id for person in humans]
        )
        return sum(
            enrol_from_channel(uow, person, channel_id=channel_id, invited_by=invited_by, now=now)
            for person in people.values()
            if person is not None
        )

    return directory.with_people(unit_of_work, team_id, user_ids, enrol)


def _give_up(  # noqa: PLR0913  # keyword-only: what the giving-up DM needs to say
    uow: UnitOfWork,
    team_id: str,
    channel_id: str,
    enrolled_by: str,
    *,
    reason: str,
    asked_at: datetime,
    now: datetime,
) -> None:
    uow.repository(CheckinScheduleRepository).mark_channel_enrolled(team_id, channel_id, now=now)
    _tell_failed(uow, team_id, channel_id, enrolled_by, reason=reason, now=now, asked_at=asked_at)


def _tell_failed(  # noqa: PLR0913  # keyword-only: what the DM says
    uow: UnitOfWork,
    team_id: str,
    channel_id: str,
    asked_by: str,
    *,
    reason: str,
    now: datetime,
    asked_at: datetime | None = None,
) -> None:
    """DM whoever asked that the channel's members could not be read: nobody was invited."""
    logger.info("Could not read the members of %s in %s: %s", channel_id, team_id, reason)
    uow.outbox.add(
        CHANNEL_NOT_ENROLLED.message(
            ChannelNotEnrolledPayload(channel_id=channel_id, reason=reason),
            team_id=team_id,
            channel=asked_by,
            asked_at=(asked_at or now).isoformat(),  # one per /checkin team, however often
        ),
        now=now,
    )
