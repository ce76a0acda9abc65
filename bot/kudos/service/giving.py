"""Giving a kudos: who receives it, the daily limit, double-enter protection, and the record."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.repository import KudosRepository
from bot.kudos.service.announcements import enqueue_announcements
from bot.kudos.service.rules import local_day
from bot.kudos.values import (
    KudosGiven,
    KudosOutcome,
    KudosRefused,
    KudosRequest,
    LeftOut,
    Refusal,
    WorkspaceKudosRules,
)

DOUBLE_ENTER_WINDOW = timedelta(seconds=60)


@dataclass(slots=True)
class Screening:
    kept: list[str] = field(default_factory=list)
    left_out: list[tuple[str, LeftOut]] = field(default_factory=list)


def give_kudos(
    uow: UnitOfWork,
    request: KudosRequest,
    *,
    rules: WorkspaceKudosRules,
    people: Mapping[str, MemberProfile | None],
    now: datetime,
) -> KudosOutcome:
    """Record a kudos and its announcements in the outbox, or say why not (changing nothing).
    ``request`` has passed :func:`check_request` (the rules that need nobody's details)."""
    screening = screen_recipients(request, people)
    if not screening.kept:
        return KudosRefused(Refusal.NOBODY_LEFT, left_out=tuple(screening.left_out))
    fingerprint = _fingerprint(request.giver_id, screening.kept, request.message)
    giver = people.get(request.giver_id)
    uow.workspaces.ensure(request.team_id, now=now)  # its first kudos may be its first request
    day_start, day_end = local_day(now, giver.tz if giver else None)
    uow.repository(KudosRepository).lock_giver(
        request.team_id, request.giver_id
    )  # one decision per giver at a time
    given_today, repeated = uow.repository(KudosRepository).giving_since(
        request.team_id,
        request.giver_id,
        day_start=day_start,
        fingerprint=fingerprint,
        repeat_since=now - DOUBLE_ENTER_WINDOW,
    )
    if repeated is not None:
        return KudosGiven(
            kudos_id=repeated,
            recipient_ids=tuple(screening.kept),
            left_out=tuple(screening.left_out),
            repeated=True,
        )
    if given_today >= rules.daily_limit:
        return KudosRefused(Refusal.DAILY_LIMIT, resets_at=day_end, limit=rules.daily_limit)
    return _record(uow, request, screening, fingerprint, rules, now=now)


def _record(  # noqa: PLR0913  # the checked request, its screening and the workspace's rules
    uow: UnitOfWork,
    request: KudosRequest,
    screening: Screening,
    fingerprint: str,
    rules: WorkspaceKudosRules,
    *,
    now: datetime,
) -> KudosGiven:
    """The kudos, its recipients and values, and its messages in the outbox."""
    kudos_id = uow.repository(KudosRepository).add(
        team_id=request.team_id,
        giver_id=request.giver_id,
        channel_id=request.channel_id,
        message=request.message,
        fingerprint=fingerprint,
        source=request.source,
        recipient_ids=screening.kept,
        values=request.values,
        now=now,
    )
    enqueue_announcements(uow, request, kudos_id, screening.kept, rules, now=now)
    return KudosGiven(
        kudos_id=kudos_id,
        recipient_ids=tuple(screening.kept),
        left_out=tuple(screening.left_out),
    )


def screen_recipients(
    request: KudosRequest, people: Mapping[str, MemberProfile | None]
) -> Screening:
    """The recipients kept, and those left out with the reason why."""
    screening = Screening()
    for user_id in request.recipient_ids:
        reason = _reason_to_leave_out(user_id, request, people.get(user_id))
        if reason is None:
            screening.kept.append(user_id)
        else:
            screening.left_out.append((user_id, reason))
    return screening


def _reason_to_leave_out(
    user_id: str, request: KudosRequest, person: MemberProfile | None
) -> LeftOut | None:
    if user_id == request.giver_id:
        return LeftOut.YOURSELF
    if user_id == request.app_user_id:
        return LeftOut.THIS_APP
    if person is None:
        return LeftOut.UNKNOWN
    if person.is_bot:
        return LeftOut.BOT
    if person.deleted:
        return LeftOut.DEACTIVATED
    return None


def _fingerprint(giver_id: str, recipients: Sequence[str], message: str) -> str:
    canonical = "\x1f".join([giver_id, ",".join(sorted(recipients)), " ".join(message.split())])
    return hashlib.sha256(canonical.encode()).hexdigest()
