"""What a member's App Home shows, read fresh when it is published: their own data only, each
part through the service of the feature that owns it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.breaks.service.personal import personal_breaks_on
from bot.breaks.service.reminders import breaks_taken_since
from bot.checkins.models import Checkin, CheckinSchedule
from bot.checkins.service.records import answer_on, checkin_schedule, energies_since
from bot.core.localtime import DEFAULT_LOCAL_MINUTE, FALLBACK_ZONE, format_local_time, local_today
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.home.messages import HomePayload
from bot.home.values import (
    EXCERPT,
    LIST_LENGTH,
    TREND_DAYS,
    CheckinState,
    HomeState,
    KudosItem,
    TodayAnswer,
)
from bot.kudos.models import Kudos
from bot.kudos.service import kudos_counts, kudos_given, kudos_received
from bot.members.service import known_member
from bot.members.service.hours import holidays_of, working_hours
from bot.recaps.service.weekly import recap_status
from bot.recaps.values import RecapStatus
from bot.wins.service import recent_wins, win_count

_UNFINISHED_MARKUP = re.compile(r"(&[a-z]*|<[^>]*)$")  # a mention or an escape, cut short


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
    schedule = checkin_schedule(uow, team_id, user_id)
    member = known_member(uow, team_id, user_id)
    tz = schedule.tz if schedule else (member.tz if member and member.tz else FALLBACK_ZONE)
    today = local_today(now, tz)
    given, received = kudos_counts(uow, team_id, user_id)
    holidays, hours = holidays_of(uow, team_id, user_id), working_hours(uow, team_id, user_id)
    return HomeState(
        tz=tz,
        today=today,
        checkin=_checkin_state(schedule, today),
        today_answer=_today_answer(answer_on(uow, team_id, user_id, today)),
        energies=tuple(
            energies_since(uow, team_id, user_id, today - timedelta(days=TREND_DAYS - 1))
        ),
        kudos_given=given,
        kudos_received=received,
        received=_kudos_items(kudos_received(uow, team_id, user_id, limit=show)),
        given=_kudos_items(kudos_given(uow, team_id, user_id, limit=show)),
        wins=win_count(uow, team_id, user_id),
        recent_wins=tuple(excerpt(w.text) for w in recent_wins(uow, team_id, user_id, limit=show)),
        breaks_this_week=breaks_taken_since(
            uow, team_id, user_id, since=now - timedelta(days=today.weekday())
        ),
        personal_breaks=personal_breaks_on(uow, team_id, user_id),
        work_starts=format_local_time(hours.starts),
        work_ends=format_local_time(hours.ends),
        holiday_country=holidays.chosen,
        holidays_kept=holidays.kept,
        weekly_recap=recap_status(uow, team_id, user_id) == RecapStatus.ON,
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


def _today_answer(answer: Checkin | None) -> TodayAnswer | None:
    if answer is None:
        return None
    return TodayAnswer(
        energy=answer.energy,
        need=answer.need,
        has_note=bool(answer.note),
        skipped=answer.skipped,
    )


def _kudos_items(kudos: Sequence[Kudos]) -> tuple[KudosItem, ...]:
    return tuple(
        KudosItem(
            giver_id=item.giver_id,
            message=excerpt(item.message),
            channel_id=item.channel_id if item.item_ts else item.shout_channel_id,
            ts=item.item_ts or item.shout_ts,
            reaction=item.reaction,
            link=item.item_link,
        )
        for item in kudos
    )


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` cut to ``limit`` characters at a word, with "…" when cut, and never inside a
    mention or an escaped character (``<@U123>``, ``&amp;``)."""
    if len(text) <= limit:
        return text
    cut = _UNFINISHED_MARKUP.sub("", text[: limit - 1])
    word_end = cut.rfind(" ")
    if word_end > limit // 2:
        cut = cut[:word_end]
    return cut.rstrip() + "…"
