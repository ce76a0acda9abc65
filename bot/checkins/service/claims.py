"""The tick's check-in job: claim every due check-in once, set-based, and move schedules on."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.checkins.messages import CHECKIN
from bot.checkins.repository.claims import CheckinClaimRepository, GroupMove
from bot.core.holidays import is_public_holiday
from bot.core.localtime import next_occurrence
from bot.core.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)

DEFAULT_LATE_AFTER = timedelta(hours=2)
CATCH_UP_PASSES = 3


@dataclass(frozen=True, slots=True)
class ClaimReport:
    """What one tick did: check-ins this process won (to send, or recorded too late), and
    those found too late. Deactivated people are left out (their schedules are stopped when
    the directory learns of it)."""

    claimed: int
    skipped_late: int


def claim_due_checkins(
    uow: UnitOfWork, now: datetime, *, late_after: timedelta = DEFAULT_LATE_AFTER
) -> ClaimReport:
    """Claim what is due; after an outage a second pass sends today's check-in at once,
    once the days long gone have been recorded ``skipped_late``."""
    total = ClaimReport(0, 0)
    for _ in range(CATCH_UP_PASSES):
        report = _claim_pass(uow, now, late_after=late_after)
        total = ClaimReport(
            total.claimed + report.claimed, total.skipped_late + report.skipped_late
        )
        if not report.skipped_late:  # only days long gone make today's due in the same tick
            break
    return total


def _claim_pass(uow: UnitOfWork, now: datetime, *, late_after: timedelta) -> ClaimReport:
    claims = uow.repository(CheckinClaimRepository)
    holidays = [
        (team, day) for team, country, day in claims.due_holiday_dates(now)
        if is_public_holiday(country, day)
    ]  # fmt: skip
    claimed = claims.claim_due(
        now,
        kind=CHECKIN,
        late_before=now - late_after,
        late_minutes=int(late_after.total_seconds() // 60),
        holidays=holidays,
    )
    moves = []
    for group in claims.due_groups(now):
        # Catch up within the window after an outage, but never on a day long gone.
        upcoming = next_occurrence(
            max(group.due_utc, now - late_after),
            tz=group.tz,
            local_minute=group.local_minute,
            workdays=group.workdays,
            resume_on=group.resume_on,
        )
        moves.append(
            GroupMove(
                group,
                upcoming.due_utc if upcoming else None,
                upcoming.local_date if upcoming else None,
            )
        )
    claims.advance(moves)
    if claimed.skipped_late:
        logger.warning(
            "%d check-ins were found more than %s late; not sent", claimed.skipped_late, late_after
        )
    return ClaimReport(
        claimed=claimed.pending + claimed.skipped_late,
        skipped_late=claimed.skipped_late,
    )
