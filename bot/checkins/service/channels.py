"""``/checkin team`` with consent: who may enrol a channel, the count shown before anyone is
invited, the asker's confirmation, and ``/checkin team off``.

Slack's Web API does not tell a bot who a channel's managers are, so the channel's creator
(``conversations.info``) stands for them, beside workspace admins and owners and the people
Kindling's settings name as admins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.checkins.repository.answers import CheckinScheduleRepository
from bot.checkins.repository.channels import ChannelEnrolmentRepository
from bot.checkins.team_messages import TEAM_ANSWER, TeamAnswerPayload, TeamOutcome
from bot.checkins.values import ChannelEnrolment
from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class ChannelRequest:
    """A ``/checkin team`` still to be checked: where, who asked, where to answer them."""

    team_id: str
    channel_id: str
    asked_by: str
    response_url: str | None


class TeamRequest(StrEnum):
    """What came of ``/checkin team`` (or ``team off``) at the ack."""

    ASKED = "asked"  # checked and counted next, then shown to the asker to confirm
    ALREADY = "already"  # the channel invites its people already
    STOPPED = "stopped"  # nobody new will be invited
    NOT_INVITING = "not_inviting"  # ``team off`` in a channel that does not invite
    NOT_ALLOWED = "not_allowed"


def may_enrol(uow: UnitOfWork, member: MemberProfile) -> bool:
    """Workspace admins and owners, and Kindling's admins, may enrol any channel (its creator
    may too: that takes a Slack call, so the tick asks)."""
    return member.is_admin or uow.workspaces.is_kindling_admin(member.team_id, member.user_id)


def ask_for_channel(
    uow: UnitOfWork,
    member: MemberProfile,
    channel_id: str,
    *,
    response_url: str | None,
    now: datetime,
) -> TeamRequest:
    """Record the request; a tick checks who asked and counts who would come (Slack calls)."""
    current = uow.repository(CheckinScheduleRepository).channel(member.team_id, channel_id)
    if current is not None and current.status == ChannelEnrolment.INVITES:
        return TeamRequest.ALREADY
    uow.workspaces.ensure(member.team_id, now=now)
    uow.repository(ChannelEnrolmentRepository).propose(
        member.team_id, channel_id, by=member.user_id, response_url=response_url, now=now
    )
    return TeamRequest.ASKED


def stop_inviting(uow: UnitOfWork, member: MemberProfile, channel_id: str) -> TeamRequest:
    """``/checkin team off``: by whoever enrolled the channel, or an admin; choices stay."""
    current = uow.repository(CheckinScheduleRepository).channel(member.team_id, channel_id)
    if current is None or current.status != ChannelEnrolment.INVITES:
        return TeamRequest.NOT_INVITING
    if current.enrolled_by != member.user_id and not may_enrol(uow, member):
        return TeamRequest.NOT_ALLOWED
    uow.repository(ChannelEnrolmentRepository).stop(member.team_id, channel_id)
    return TeamRequest.STOPPED


def requests_to_check(uow: UnitOfWork) -> list[ChannelRequest]:
    """The channels asked for whose asker and people the tick checks next."""
    return [
        ChannelRequest(c.team_id, c.channel_id, c.enrolled_by, c.response_url)
        for c in uow.repository(ChannelEnrolmentRepository).proposed()
    ]


def count_invitees(uow: UnitOfWork, people: dict[str, MemberProfile | None]) -> int:
    """How many of a channel's ``people`` a confirmation would invite: people, not bots or
    deactivated, who never chose (a schedule, on or off or "Not for me", is a choice)."""
    schedules = uow.repository(CheckinScheduleRepository)
    return sum(
        1
        for person in people.values()
        if person is not None
        and not person.is_bot
        and not person.deleted
        and schedules.get(person.team_id, person.user_id) is None
    )


def withdraw_request(uow: UnitOfWork, request: ChannelRequest) -> None:
    """Forget a request that cannot go on (Kindling cannot see the channel)."""
    uow.repository(ChannelEnrolmentRepository).withdraw(request.team_id, request.channel_id)


def answer_request(
    uow: UnitOfWork, request: ChannelRequest, *, invitees: int | None, now: datetime
) -> None:
    """After the check: show the asker how many would be invited, to confirm, or (None) that
    they may not enrol the channel; nobody is invited either way."""
    repository = uow.repository(ChannelEnrolmentRepository)
    if invitees is None:
        repository.withdraw(request.team_id, request.channel_id)
    else:
        repository.awaiting(request.team_id, request.channel_id, invitees=invitees)
    if request.response_url:
        outcome = TeamOutcome.NOT_ALLOWED if invitees is None else TeamOutcome.CONFIRM
        _tell(
            uow,
            (request.team_id, request.channel_id),
            request.response_url,
            outcome,
            invitees=invitees or 0,
            now=now,
        )


def confirm_channel(uow: UnitOfWork, choice: ChannelRequest, now: datetime) -> bool:
    """The asker pressed "Invite them": the tick invites the channel's people. False if the
    request was not theirs, or is no longer waiting."""
    where = (choice.team_id, choice.channel_id)
    channel = uow.repository(ChannelEnrolmentRepository).confirm(*where, by=choice.asked_by)
    if channel is not None and choice.response_url:
        invitees = channel.invitees or 0
        _tell(uow, where, choice.response_url, TeamOutcome.CONFIRMED, invitees=invitees, now=now)
    return channel is not None


def cancel_channel(uow: UnitOfWork, choice: ChannelRequest, now: datetime) -> bool:
    """The asker pressed "Cancel": nobody is invited."""
    where = (choice.team_id, choice.channel_id)
    if not uow.repository(ChannelEnrolmentRepository).withdraw(*where, by=choice.asked_by):
        return False
    if choice.response_url:
        _tell(uow, where, choice.response_url, TeamOutcome.CANCELLED, invitees=0, now=now)
    return True


def _tell(  # noqa: PLR0913  # keyword-only: what the private answer says
    uow: UnitOfWork,
    where: tuple[str, str],
    response_url: str,
    outcome: TeamOutcome,
    *,
    invitees: int,
    now: datetime,
) -> None:
    """The asker's private answer about the channel ``where`` (team, channel)."""
    team_id, channel_id = where
    payload = TeamAnswerPayload(
        response_url=response_url, channel_id=channel_id, outcome=outcome, invitees=invitees
    )
    uow.outbox.add(
        TEAM_ANSWER.message(payload, team_id=team_id, channel=None, at=now.isoformat()), now=now
    )
