"""The weekly private recap: kind acts given and received, wins, breaks and the energy of the
week, on Friday afternoon in the member's own time; celebrating, never comparing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from bot.breaks.repository import BreakRepository
from bot.checkins.repository.answers import CheckinAnswerRepository
from bot.core.localtime import FALLBACK_ZONE, local_today, wall_clock_utc
from bot.core.outbox.delivery import POST_MESSAGE, RESPONSE_URL
from bot.core.outbox.repository import NewMessage
from bot.core.profiles import MemberProfile
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.repository import KudosRepository
from bot.recaps.repository import RecapRepository
from bot.wins.repository import WinRepository

WEEKLY_RECAP = "weekly_recap"
RECAP_OFF_NOTE = "weekly_recap_off"
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
            "status": "on",
            "tz": tz,
            "next_due_utc": next_recap(now, tz),
            "created_at": now,
        }
    )


def set_recap(
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
    schedule.status = "on" if on else "off"
    schedule.next_due_utc = next_recap(now, schedule.tz) if on else None
    if response_url and not on:
        uow.outbox.add(
            NewMessage(
                team_id=team_id,
                idempotency_key=f"recap-off:{user_id}:{now.isoformat()}",
                kind=RECAP_OFF_NOTE,
                method=RESPONSE_URL,
                channel=None,
                payload={"response_url": response_url},
            ),
            now=now,
        )


def claim_due_recaps(uow: UnitOfWork, now: datetime) -> int:
    """Claim each due recap once per member and week, whatever runs."""
    messages = []
    for schedule in uow.repository(RecapRepository).due(now, limit=CLAIM_BATCH):
        due = schedule.next_due_utc
        if due is None:  # pragma: no cover - due() only returns scheduled rows
            continue
        if now - due <= LATE_AFTER:
            week_start = week_of(due, schedule.tz)
            messages.append(
                NewMessage(
                    team_id=schedule.team_id,
                    idempotency_key=f"recap:{schedule.user_id}:{week_start.isoformat()}",
                    kind=WEEKLY_RECAP,
                    method=POST_MESSAGE,
                    channel=schedule.user_id,
                    payload={
                        "user_id": schedule.user_id,
                        "week_start": week_start.isoformat(),
                        "tz": schedule.tz,
                    },
                )
            )
        schedule.next_due_utc = next_recap(max(due, now - LATE_AFTER), schedule.tz)
    return uow.outbox.claim_many(messages, now=now)


def recap_figures(uow: UnitOfWork, message: OutboxMessage, _now: datetime) -> dict[str, Any]:
    """The week's figures, read when the recap is sent (the member's own data only)."""
    payload = message.payload
    team_id, user_id, tz = message.team_id, str(payload["user_id"]), str(payload["tz"])
    monday = date.fromisoformat(str(payload["week_start"]))
    period = (wall_clock_utc(monday, 0, tz), wall_clock_utc(monday + timedelta(days=7), 0, tz))
    given = uow.repository(KudosRepository).given_by(
        team_id, user_id, limit=FULL_COUNT, period=period
    )
    received = uow.repository(KudosRepository).received_by(
        team_id, user_id, limit=FULL_COUNT, period=period
    )
    wins = [w for w in uow.repository(WinRepository).recent(team_id, user_id, limit=FULL_COUNT)
            if period[0] <= w.created_at < period[1]]  # fmt: skip
    energies = [
        [day.isoformat(), energy]
        for day, energy in uow.repository(CheckinAnswerRepository).energies_since(
            team_id, user_id, monday
        )
        if day < monday + timedelta(days=7)
    ]
    return {
        "given": len(given),
        "received": len(received),
        "received_from": sorted({k.giver_id for k in received})[:LISTED],
        "wins": [w.text[:200] for w in wins[:LISTED]],
        "win_count": len(wins),
        "breaks": uow.repository(BreakRepository).breaks_taken_by(
            team_id, user_id, since=period[0]
        ),
        "energies": energies,
    }
