"""The tick's check-in job: claim every due check-in once, set-based, and move schedules on."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.checkins.messages import CHECKIN
from bot.checkins.repository.claims import CheckinClaimRepository, DueGroup, GroupMove
from bot.core.holidays import is_public_holiday, kept_country
from bot.core.localtime import next_occurrence
from bot.core.scheduling.due import DueCounts, DuePolicy, Pass, Window, claim_passes
from bot.core.store.unit_of_work import UnitOfWork

# Two hours by default (``KINDLING_CHECKIN_LATE_MINUTES``); a late one is recorded, never sent.
# All due at once, in one statement; after an outage a second pass sends today's check-in at
# once, when the days long gone have been recorded ``skipped_late``.
CHECKINS = DuePolicy(
    "check-ins",
    late_after=timedelta(hours=2),
    batch=None,
    catch_up_passes=3,
    record_late=True,
)

# What one tick did: check-ins this process won (to send, or recorded too late), and those
# found too late. Deactivated people are left out (their schedules are stopped when the
# directory learns of it).
ClaimReport = DueCounts


def claim_due_checkins(
    uow: UnitOfWork, now: datetime, *, late_after: timedelta = CHECKINS.late_after
) -> ClaimReport:
    """Claim what is due, with ``late_after`` as the late window (the setting's)."""
    policy = replace(CHECKINS, late_after=late_after)
    return claim_passes(policy, now, lambda window: _claim_pass(uow, window))


def _claim_pass(uow: UnitOfWork, window: Window) -> Pass:
    """One set-based pass: the claim writes late check-ins ``skipped_late`` in SQL (the
    policy's ``record_late``); every due group then moves on from within the window."""
    claims = uow.repository(CheckinClaimRepository)
    now = window.now
    on_holiday = [
        (due.team_id, due.user_id)
        for due in claims.due_holiday_candidates(now)
        if is_public_holiday(
            kept_country(due.chosen_country, due.tz, due.workspace_country), due.local_date
        )
    ]
    claimed = claims.claim_due(
        now,
        kind=CHECKIN,
        late_before=window.late_before,
        late_minutes=window.late_minutes,
        on_holiday=on_holiday,
    )
    claims.advance([_move(group, window) for group in claims.due_groups(now)])
    counts = DueCounts(claimed.pending + claimed.skipped_late, claimed.skipped_late)
    # Only days long gone make today's due in the same tick.
    return Pass(counts, again=claimed.skipped_late > 0)


def _move(group: DueGroup, window: Window) -> GroupMove:
    upcoming = next_occurrence(
        window.resume_after(group.due_utc),
        tz=group.tz,
        local_minute=group.local_minute,
        workdays=group.workdays,
        resume_on=group.resume_on,
    )
    if upcoming is None:
        return GroupMove(group, None, None)
    return GroupMove(group, upcoming.due_utc, upcoming.local_date)
