"""What a member's App Home shows, read fresh when it is published: their own data only."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.breaks.repository import ON, BreakRepository, member_scope
from bot.checkins.repository.answers import CheckinAnswerRepository, CheckinScheduleRepository
from bot.core.localtime import FALLBACK_ZONE, format_local_time, local_today
from bot.core.outbox.repository import PUBLISH_VIEW, NewMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.models import Kudos
from bot.kudos.repository import KudosRepository
from bot.members.repository import MemberRepository
from bot.recaps.repository import RecapRepository
from bot.wins.repository import WinRepository

APP_HOME = "app_home"  # the outbox kind: views.publish of a member's Home tab

TREND_DAYS = 14
LIST_LENGTH = 5
MAX_LIST_LENGTH = 15  # "Show more" grows the lists this far (a section holds 3,000 characters)
EXCERPT = 120


def refresh_home(
    uow: UnitOfWork, team_id: str, user_id: str, *, now: datetime, show: int = LIST_LENGTH
) -> None:
    """Publish the member's Home again soon (only the latest pending refresh is sent), with
    ``show`` items of each list."""
    uow.outbox.supersede_for_channel(team_id, APP_HOME, user_id)
    uow.outbox.add(
        NewMessage(
            team_id=team_id,
            idempotency_key=f"home:{user_id}:{now.isoformat()}:{uuid.uuid4().hex}",  # each one new
            kind=APP_HOME,
            method=PUBLISH_VIEW,
            channel=user_id,
            payload={"user_id": user_id, "show": min(show, MAX_LIST_LENGTH)},
        ),
        now=now,
    )


def home_state(
    uow: UnitOfWork, team_id: str, user_id: str, now: datetime, *, show: int = LIST_LENGTH
) -> dict[str, Any]:
    """Everything the Home tab shows, as plain data (read in the unit of work that sends it);
    ``show`` items of each list, newest first."""
    schedule = uow.repository(CheckinScheduleRepository).get(team_id, user_id)
    member = uow.repository(MemberRepository).get(team_id, user_id)
    tz = schedule.tz if schedule else (member.tz if member and member.tz else FALLBACK_ZONE)
    today = local_today(now, tz)
    answer = uow.repository(CheckinAnswerRepository).get(team_id, user_id, today)
    given, received = uow.repository(KudosRepository).counts(team_id, user_id)
    personal = uow.repository(BreakRepository).by_scope(team_id, member_scope(user_id))
    recap = uow.repository(RecapRepository).get(team_id, user_id)
    week_start = now - timedelta(days=today.weekday())
    return {
        "user_id": user_id,
        "tz": tz,
        "today": today.isoformat(),
        "checkin": {
            "status": schedule.status if schedule else "off",
            "time": format_local_time(schedule.local_minute if schedule else 570),
            "workdays": schedule.workdays if schedule else 31,
            "resume_on": schedule.resume_on.isoformat()
            if schedule and schedule.resume_on and schedule.resume_on > today
            else None,
            "next": schedule.next_due_utc.isoformat()
            if schedule and schedule.next_due_utc
            else None,
        },
        "today_answer": {
            "energy": answer.energy,
            "need": answer.need,
            "has_note": bool(answer.note),
            "skipped": answer.skipped,
        }
        if answer
        else None,
        "energies": [
            [day.isoformat(), energy]
            for day, energy in uow.repository(CheckinAnswerRepository).energies_since(
                team_id, user_id, today - timedelta(days=TREND_DAYS - 1)
            )
        ],
        "kudos_given": given,
        "kudos_received": received,
        "received": _kudos_items(
            uow.repository(KudosRepository).received_by(team_id, user_id, limit=show)
        ),
        "given": _kudos_items(
            uow.repository(KudosRepository).given_by(team_id, user_id, limit=show)
        ),
        "wins": uow.repository(WinRepository).count(team_id, user_id),
        "recent_wins": [
            w.text[:EXCERPT]
            for w in uow.repository(WinRepository).recent(team_id, user_id, limit=show)
        ],
        "show": show,
        "breaks_this_week": uow.repository(BreakRepository).breaks_taken_by(
            team_id, user_id, since=week_start
        ),
        "personal_breaks": personal is not None and personal.status == ON,
        "weekly_recap": recap is not None and recap.status == ON,
    }


def _kudos_items(kudos: Sequence[Kudos]) -> list[dict[str, Any]]:
    return [
        {
            "giver_id": item.giver_id,
            "message": item.message[:EXCERPT],
            "channel_id": item.shout_channel_id,
            "ts": item.shout_ts,
        }
        for item in kudos
    ]
