"""What a member's App Home shows, read fresh when it is published: their own data only."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.breaks.repository import ON, BreakRepository, member_scope
from bot.checkins.models import CheckinSchedule
from bot.checkins.repository.answers import CheckinAnswerRepository, CheckinScheduleRepository
from bot.core.localtime import DEFAULT_LOCAL_MINUTE, FALLBACK_ZONE, format_local_time, local_today
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.home.messages import APP_HOME, HomePayload
from bot.home.values import (
    EXCERPT,
    LIST_LENGTH,
    MAX_LIST_LENGTH,
    TREND_DAYS,
    CheckinState,
    HomeState,
    KudosItem,
    TodayAnswer,
)
from bot.kudos.models import Kudos
from bot.kudos.repository import KudosRepository
from bot.members.repository import MemberRepository
from bot.recaps.repository import RecapRepository
from bot.wins.repository import WinRepository


def refresh_home(
    uow: UnitOfWork, team_id: str, user_id: str, *, now: datetime, show: int = LIST_LENGTH
) -> None:
    """Publish the member's Home again soon (only the latest pending refresh is sent), with
    ``show`` items of each list."""
    uow.outbox.supersede_for_channel(team_id, APP_HOME.name, user_id)
    payload = HomePayload(user_id=user_id, show=min(show, MAX_LIST_LENGTH))
    uow.outbox.add(
        APP_HOME.message(
            payload,
            team_id=team_id,
            channel=user_id,
            at=now.isoformat(),
            nonce=uuid.uuid4().hex,  # each refresh is a message of its own
        ),
        now=now,
    )


def load_home(
    uow: UnitOfWork, message: OutboxMessage, payload: HomePayload, now: datetime
) -> HomePayload:
    """The loader for :data:`APP_HOME`: the Home as it is now, for the member it goes to."""
    state = home_state(uow, message.team_id, message.channel or "", now, show=payload.show)
    return payload.model_copy(update={"state": state})


def home_state(
    uow: UnitOfWork, team_id: str, user_id: str, now: datetime, *, show: int = LIST_LENGTH
) -> HomeState:
    """Everything the Home tab shows (read in the unit of work that sends it); ``show`` items
    of each list, newest first."""
    schedule = uow.repository(CheckinScheduleRepository).get(team_id, user_id)
    member = uow.repository(MemberRepository).get(team_id, user_id)
    tz = schedule.tz if schedule else (member.tz if member and member.tz else FALLBACK_ZONE)
    today = local_today(now, tz)
    answer = uow.repository(CheckinAnswerRepository).get(team_id, user_id, today)
    given, received = uow.repository(KudosRepository).counts(team_id, user_id)
    personal = uow.repository(BreakRepository).by_scope(team_id, member_scope(user_id))
    recap = uow.repository(RecapRepository).get(team_id, user_id)
    kudos, wins = uow.repository(KudosRepository), uow.repository(WinRepository)
    return HomeState(
        tz=tz,
        today=today,
        checkin=_checkin_state(schedule, today),
        today_answer=TodayAnswer(
            energy=answer.energy,
            need=answer.need,
            has_note=bool(answer.note),
            skipped=answer.skipped,
        )
        if answer
        else None,
        energies=tuple(
            uow.repository(CheckinAnswerRepository).energies_since(
                team_id, user_id, today - timedelta(days=TREND_DAYS - 1)
            )
        ),
        kudos_given=given,
        kudos_received=received,
        received=_kudos_items(kudos.received_by(team_id, user_id, limit=show)),
        given=_kudos_items(kudos.given_by(team_id, user_id, limit=show)),
        wins=wins.count(team_id, user_id),
        recent_wins=tuple(w.text[:EXCERPT] for w in wins.recent(team_id, user_id, limit=show)),
        breaks_this_week=uow.repository(BreakRepository).breaks_taken_by(
            team_id, user_id, since=now - timedelta(days=today.weekday())
        ),
        personal_breaks=personal is not None and personal.status == ON,
        weekly_recap=recap is not None and recap.status == ON,
    )


def _checkin_state(schedule: CheckinSchedule | None, today: date) -> CheckinState:
    if schedule is None:
        return CheckinState(time=format_local_time(DEFAULT_LOCAL_MINUTE))
    return CheckinState(
        status=schedule.status,
        time=format_local_time(schedule.local_minute),
        workdays=schedule.workdays,
        resume_on=schedule.resume_on if schedule.resume_on and schedule.resume_on > today else None,
        next=schedule.next_due_utc,
    )


def _kudos_items(kudos: Sequence[Kudos]) -> tuple[KudosItem, ...]:
    return tuple(
        KudosItem(
            giver_id=item.giver_id,
            message=item.message[:EXCERPT],
            channel_id=item.shout_channel_id,
            ts=item.shout_ts,
        )
        for item in kudos
    )
