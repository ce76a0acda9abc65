"""The weekly private recap: kind acts given and received, wins, breaks and the energy of the
week, on Friday afternoon in the member's own time; celebrating, never comparing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.breaks.service.reminders import breaks_taken_since
from bot.checkins.service.records import asked_to_be_left_alone, energies_since
from bot.core.localtime import FALLBACK_ZONE, local_today, wall_clock_utc
from bot.core.outbox.messages import NothingToSayError, Payload
from bot.core.profiles import MemberProfile
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.service import kudos_given, kudos_received
from bot.recaps.messages import RECAP_OFF_NOTE, WeeklyRecapPayload
from bot.recaps.repository import RecapRepository
from bot.recaps.values import RecapFigures, RecapStatus
from bot.wins.service import recent_wins

RECAP_WEEKDAY = 4  # Friday
RECAP_MINUTE = 16 * 60
LATE_AFTER = timedelta(hours=12)
CLAIM_BATCH = 1000
LISTED = 3
FULL_COUNT = 10_000


def next_recap(after: datetime, tz: str) -> datetime:
    """The first Friday 16:00 in ``tz`` strictly after ``after``."""
    day = local_today(after, tz)
    for _ in range(9):
        if day.weekday() == RECAP_WEEKDAY:
            due = wall_clock_utc(day, RECAP_MINUTE, tz)
            if due > after:
                return due
        day += timedelta(days=1)
    raise AssertionError("a Friday comes within nine days")  # pragma: no cover


def week_of(due: datetime, tz: str) -> date:
    """The Monday of the week a recap due on Friday ``due`` looks back on."""
    return local_today(due, tz) - timedelta(days=RECAP_WEEKDAY)


def ensure_recap(uow: UnitOfWork, member: MemberProfile, *, now: datetime) -> None:
    """Weekly recaps are on by default for anyone who uses Kindling for themselves."""
    tz = member.tz or FALLBACK_ZONE
    uow.repository(RecapRepository).add_if_absent(
        {
            "team_id": member.team_id,
            "user_id": member.user_id,
            "status": RecapStatus.ON,
            "tz": tz,
            "next_due_utc": next_recap(now, tz),
            "created_at": now,
        }
    )


def set_recap(  # noqa: PLR0913  # keyword-only: the toggle and where to confirm
    uow: UnitOfWork,
    team_id: str,
    user_id: str,
    *,
    on: bool,
    response_url: str | None,
    now: datetime,
) -> None:
    """One tap turns the recap off (or back on)."""
    schedule = uow.repository(RecapRepository).get(team_id, user_id)
    if schedule is None:
        return
    schedule.status = RecapStatus.ON if on else RecapStatus.OFF
    schedule.next_due_utc = next_recap(now, schedule.tz) if on else None
    if response_url and not on:
        note = RECAP_OFF_NOTE.message(
            Payload(response_url=response_url),
            team_id=team_id,
            channel=None,
            user_id=user_id,
            at=now.isoformat(),
        )
        uow.outbox.add(note, now=now)


def recap_status(uow: UnitOfWork, team_id: str, user_id: str) -> RecapStatus | None:
    """The member's weekly recap status, or None if they never had one."""
    schedule = uow.repository(RecapRepository).get(team_id, user_id)
    return schedule.status if schedule is not None else None


def load_recap(
    uow: UnitOfWork, message: OutboxMessage, payload: WeeklyRecapPayload, now: datetime
) -> WeeklyRecapPayload:
    """The loader for :data:`WEEKLY_RECAP`: the week's figures, read when it is sent. Nothing
    is sent to someone who said "Not for me", is on a pause or has left, nor for a week with
    nothing in it (a report card of nothing is no kindness)."""
    if asked_to_be_left_alone(uow, message.team_id, payload.user_id, now):
        raise NothingToSayError
    figures = recap_figures(uow, message.team_id, payload)
    if figures.is_empty:
        raise NothingToSayError
    return payload.model_copy(update={"figures": figures})


def recap_figures(uow: UnitOfWork, team_id: str, payload: WeeklyRecapPayload) -> RecapFigures:
    """The week's figures (the member's own data only)."""
    user_id, tz, monday = payload.user_id, payload.tz, payload.week_start
    period = (wall_clock_utc(monday, 0, tz), wall_clock_utc(monday + timedelta(days=7), 0, tz))
    given = kudos_given(uow, team_id, user_id, limit=FULL_COUNT, period=period)
    received = kudos_received(uow, team_id, user_id, limit=FULL_COUNT, period=period)
    wins = [w for w in recent_wins(uow, team_id, user_id, limit=FULL_COUNT)
            if period[0] <= w.created_at < period[1]]  # fmt: skip
    energies = tuple(
        (day, energy)
        for day, energy in energies_since(uow, team_id, user_id, monday)
        if day < monday + timedelta(days=7)
    )
    return RecapFigures(
        given=len(given),
        received=len(received),
        received_from=tuple(sorted({k.giver_id for k in received})[:LISTED]),
        wins=tuple(w.text[:200] for w in wins[:LISTED]),
        win_count=len(wins),
        breaks=breaks_taken_since(uow, team_id, user_id, since=period[0]),
        energies=energies,
    )
