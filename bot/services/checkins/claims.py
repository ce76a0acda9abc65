"""The tick's check-in job: claim every due check-in once, set-based, and move schedules on."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.services.checkins.kinds import CHECKIN, checkin_key
from bot.services.checkins.schedule import Occurrence, local_day_end_utc, next_occurrence
from bot.services.holidays import is_public_holiday
from bot.services.outbox import POST_MESSAGE
from bot.store.repositories.checkins import Advance, DueCheckin
from bot.store.repositories.outbox import NewMessage
from bot.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)

DEFAULT_LATE_AFTER = timedelta(hours=2)
CLAIM_BATCH = 10_000
CATCH_UP_PASSES = 3
DEACTIVATED = "deactivated"


@dataclass(frozen=True, slots=True)
class ClaimReport:
    """What one tick did: check-ins this process won (to send, or recorded too late), those
    found too late, and schedules stopped because the person was deactivated."""

    claimed: int
    skipped_late: int
    stopped: int


_Group = tuple[str, int, int, date | None, datetime]


def claim_due_checkins(
    uow: UnitOfWork, now: datetime, *, late_after: timedelta = DEFAULT_LATE_AFTER
) -> ClaimReport:
    """Claim what is due; after an outage a second pass sends today's check-in at once,
    once the days long gone have been recorded ``skipped_late``."""
    total = ClaimReport(0, 0, 0)
    for _ in range(CATCH_UP_PASSES):
        report = _claim_pass(uow, now, late_after=late_after)
        total = ClaimReport(
            total.claimed + report.claimed,
            total.skipped_late + report.skipped_late,
            total.stopped + report.stopped,
        )
        if report == ClaimReport(0, 0, 0):
            break
    return total


def _claim_pass(uow: UnitOfWork, now: datetime, *, late_after: timedelta) -> ClaimReport:
    """Insert an outbox row for every due check-in (unique per member and local date, so
    whichever process gets there first wins; none on the workspace's public holidays), then
    compute each schedule's next check-in, once per distinct zone, time, workdays and pause."""
    due = uow.checkin_schedules.due(now, limit=CLAIM_BATCH)
    if not due:
        return ClaimReport(0, 0, 0)
    next_for: dict[_Group, Occurrence | None] = {}
    messages: list[NewMessage] = []
    moves: list[Advance] = []
    late = stopped = 0
    for item in due:
        if item.deactivated:
            moves.append(Advance(item.team_id, item.user_id, item.due_utc, None, None, DEACTIVATED))
            stopped += 1
            continue
        if not is_public_holiday(item.holiday_country, item.local_date):
            # Never on a later day than the one it greets, however late it is allowed to be.
            send_by = min(item.due_utc + late_after, local_day_end_utc(item.local_date, item.tz))
            too_late = now > send_by
            late += too_late
            messages.append(_checkin_message(item, send_by=send_by, late=too_late))
        group = (item.tz, item.local_minute, item.workdays, item.resume_on, item.due_utc)
        if group not in next_for:
            # Catch up within the window after an outage, but never on a day long gone.
            after = max(item.due_utc, now - late_after)
            next_for[group] = next_occurrence(
                after,
                tz=item.tz,
                local_minute=item.local_minute,
                workdays=item.workdays,
                resume_on=item.resume_on,
            )
        upcoming = next_for[group]
        moves.append(
            Advance(
                item.team_id,
                item.user_id,
                item.due_utc,
                upcoming.due_utc if upcoming else None,
                upcoming.local_date if upcoming else None,
            )
        )
    inserted = uow.outbox.claim_many(messages, now=now)
    uow.checkin_schedules.advance(moves)
    if late:
        logger.warning("%d check-ins were found more than %s late; not sent", late, late_after)
    return ClaimReport(claimed=inserted, skipped_late=late, stopped=stopped)


def _checkin_message(item: DueCheckin, *, send_by: datetime, late: bool) -> NewMessage:
    return NewMessage(
        team_id=item.team_id,
        idempotency_key=checkin_key(item.user_id, item.local_date),
        kind=CHECKIN,
        method=POST_MESSAGE,
        channel=item.user_id,  # a DM: Slack opens it from the user id
        payload={
            "user_id": item.user_id,
            "local_date": item.local_date.isoformat(),
            "send_by": send_by.isoformat(),
        },
        not_before=item.due_utc,
        skipped_late=late,
    )
