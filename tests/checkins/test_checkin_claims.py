"""The check-in claim job on a real database: once per member and day, at their own 09:30."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, insert, select

from bot.checkins.messages import CHECKIN
from bot.checkins.models import CheckinSchedule
from bot.checkins.repository.answers import CheckinScheduleRepository
from bot.checkins.repository.claims import CheckinClaimRepository
from bot.checkins.service.claims import claim_due_checkins
from bot.checkins.service.enrolment import set_time, set_workdays, turn_on
from bot.core.localtime import EVERY_DAY
from bot.core.outbox.values import OutboxStatus
from bot.core.profiles import MemberProfile
from bot.core.store.models import OutboxMessage, Workspace
from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.members.repository import MemberRepository
from bot.members.service import remember_member

TEAM = "T0001"
NINE_THIRTY = 9 * 60 + 30
LATE_AFTER = timedelta(hours=2)


def person(user_id: str, tz: str, *, deleted: bool = False) -> MemberProfile:
    return MemberProfile(TEAM, user_id, user_id.title(), tz=tz, is_bot=False, deleted=deleted)


def enrol(
    unit_of_work: UnitOfWorkFactory,
    member: MemberProfile,
    now: datetime,
    *,
    minute: int = NINE_THIRTY,
) -> None:
    """A member in the directory, enrolled every day at ``minute`` local."""
    with unit_of_work() as uow:
        remember_member(uow, member, now=now)
        turn_on(uow, member, now=now)
        set_workdays(uow, member, EVERY_DAY, now=now)
        set_time(uow, member, minute, now=now)


def claimed_checkins(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(
                    OutboxMessage.channel,
                    OutboxMessage.idempotency_key,
                    OutboxMessage.status,
                    OutboxMessage.not_before,
                    OutboxMessage.created_at,
                )
                .where(OutboxMessage.kind == CHECKIN.name)
                .order_by(OutboxMessage.id)
            )
        )


def local_midnight(day: date, tz: str) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(tz)).astimezone(UTC)


@pytest.mark.parametrize(
    ("tz", "day", "minute"),
    [
        ("America/New_York", date(2026, 3, 8), NINE_THIRTY),  # spring forward
        ("America/New_York", date(2026, 11, 1), NINE_THIRTY),  # fall back
        ("Europe/London", date(2026, 3, 29), NINE_THIRTY),
        ("Europe/London", date(2026, 10, 25), NINE_THIRTY),
        ("Australia/Lord_Howe", date(2026, 4, 5), NINE_THIRTY),  # 30-minute DST
        ("Australia/Lord_Howe", date(2026, 10, 4), NINE_THIRTY),
        ("Asia/Kathmandu", date(2026, 11, 25), NINE_THIRTY),  # +05:45
        ("Pacific/Chatham", date(2026, 11, 25), NINE_THIRTY),  # +13:45
        ("America/New_York", date(2026, 3, 8), 2 * 60 + 30),  # 02:30 does not exist that day
    ],
)
def test_ticking_through_the_day_claims_one_check_in_at_its_local_time(
    unit_of_work: UnitOfWorkFactory, engine: Engine, tz: str, day: date, minute: int
) -> None:
    start = local_midnight(day, tz) - timedelta(hours=1)
    enrol(unit_of_work, person("UDST", tz), start, minute=minute)
    moment = start
    while moment <= start + timedelta(hours=26):  # a tick every 5 minutes, past the day's end
        with unit_of_work() as uow:
            claim_due_checkins(uow, moment, late_after=LATE_AFTER)
        moment += timedelta(minutes=5)
    claims = claimed_checkins(engine)
    today = [c for c in claims if c.idempotency_key.endswith(day.isoformat())]
    assert len(today) == 1
    (claim,) = today
    due_local = claim.not_before.astimezone(ZoneInfo(tz))
    expected = (3, 30) if minute == 2 * 60 + 30 else (9, 30)  # the skipped 02:30 comes at 03:30
    assert (due_local.date(), due_local.hour, due_local.minute) == (day, *expected)
    assert timedelta(0) <= claim.created_at - claim.not_before < timedelta(minutes=5)
    assert claim.status == OutboxStatus.PENDING
    assert len({c.idempotency_key for c in claims}) == len(claims)  # never twice for a day


def test_after_a_short_outage_the_check_in_is_still_sent(
    unit_of_work: UnitOfWorkFactory, engine: Engine
) -> None:
    morning = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    enrol(unit_of_work, person("UALICE", "Europe/Berlin"), morning)
    back_up = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 30 minutes after 09:30 Berlin
    with unit_of_work() as uow:
        report = claim_due_checkins(uow, back_up, late_after=LATE_AFTER)
    assert report.skipped_late == 0
    (claim,) = claimed_checkins(engine)
    assert claim.status == OutboxStatus.PENDING


def test_the_claimed_row_is_the_check_in_kind_with_todays_key_and_payload(
    unit_of_work: UnitOfWorkFactory, engine: Engine
) -> None:
    morning = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    enrol(unit_of_work, person("UALICE", "Europe/Berlin"), morning)
    with unit_of_work() as uow:
        claim_due_checkins(uow, datetime(2026, 11, 25, 8, 31, tzinfo=UTC), late_after=LATE_AFTER)
    with engine.connect() as connection:
        (row,) = connection.execute(
            select(
                OutboxMessage.idempotency_key,
                OutboxMessage.kind,
                OutboxMessage.method,
                OutboxMessage.payload,
            )
        )
    stored = row.payload if isinstance(row.payload, dict) else json.loads(row.payload)
    assert stored == {  # exactly as the untyped claim wrote it
        "user_id": "UALICE",
        "local_date": "2026-11-25",
        "tz": "Europe/Berlin",
        "local_minute": NINE_THIRTY,
        "late_minutes": 120,
    }
    payload = CHECKIN.read(stored)
    assert (row.idempotency_key, row.kind, row.method) == (
        "checkin:UALICE:2026-11-25",
        CHECKIN.name,
        CHECKIN.method,
    )
    assert row.idempotency_key == CHECKIN.key_for(payload)
    assert CHECKIN.deadline(payload) == datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def test_after_a_long_outage_the_check_in_is_skipped_late_and_tomorrow_is_next(
    unit_of_work: UnitOfWorkFactory, engine: Engine
) -> None:
    morning = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    enrol(unit_of_work, person("UALICE", "Europe/Berlin"), morning)
    back_up = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)  # three hours late
    with unit_of_work() as uow:
        report = claim_due_checkins(uow, back_up, late_after=LATE_AFTER)
        schedule = uow.repository(CheckinScheduleRepository).get(TEAM, "UALICE")
        assert schedule is not None
        assert schedule.next_local_date == date(2026, 11, 26)
    assert report.skipped_late == 1
    (claim,) = claimed_checkins(engine)
    assert claim.status == OutboxStatus.SKIPPED_LATE


def test_after_days_away_only_todays_check_in_is_sent_never_yesterdays(
    unit_of_work: UnitOfWorkFactory, engine: Engine
) -> None:
    enrol(unit_of_work, person("UALICE", "Europe/Berlin"), datetime(2026, 11, 20, 7, 0, tzinfo=UTC))
    back_up = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # five days later, 30 min after 09:30
    for _ in range(3):
        with unit_of_work() as uow:
            claim_due_checkins(uow, back_up, late_after=LATE_AFTER)
    sent = [c for c in claimed_checkins(engine) if c.status == OutboxStatus.PENDING]
    assert [c.idempotency_key for c in sent] == ["checkin:UALICE:2026-11-25"]


def test_a_deactivated_member_is_never_messaged(
    unit_of_work: UnitOfWorkFactory, engine: Engine
) -> None:
    morning = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    enrol(unit_of_work, person("UGONE", "Europe/Berlin"), morning)
    with unit_of_work() as uow:  # deactivated before the directory told the schedule
        uow.repository(MemberRepository).upsert(
            team_id=TEAM,
            user_id="UGONE",
            display_name="Gone",
            tz="Europe/Berlin",
            is_bot=False,
            deleted=True,
            refreshed_at=morning,
        )
    with unit_of_work() as uow:
        report = claim_due_checkins(uow, morning + timedelta(hours=2), late_after=LATE_AFTER)
    assert report.claimed == 0
    assert claimed_checkins(engine) == []
    with unit_of_work() as uow:  # once the directory learns of it, the schedule stops
        remember_member(uow, person("UGONE", "Europe/Berlin", deleted=True), now=morning)
        schedule = uow.repository(CheckinScheduleRepository).get(TEAM, "UGONE")
        assert schedule is not None
        assert schedule.next_due_utc is None


def seed_due_members(engine: Engine, count: int, due: datetime) -> None:
    rows = [
        {
            "team_id": TEAM,
            "user_id": f"U{index:06d}",
            "status": "on",
            "tz": "Europe/Berlin",
            "local_minute": NINE_THIRTY,
            "workdays": EVERY_DAY,
            "next_due_utc": due,
            "next_local_date": due.date(),
            "created_at": due,
            "updated_at": due,
        }
        for index in range(count)
    ]
    with engine.begin() as connection:
        connection.execute(insert(Workspace).values(team_id=TEAM, created_at=due))
        connection.execute(insert(CheckinSchedule), rows)


def test_two_tick_runners_at_once_claim_each_of_1000_check_ins_exactly_once(
    unit_of_work: UnitOfWorkFactory, engine: Engine
) -> None:
    """Threads with their own connections: separate transactions racing, as two processes'
    would on PostgreSQL (on SQLite, one process takes turns)."""
    due = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
    seed_due_members(engine, 1000, due)
    start = threading.Barrier(2)
    reports = []

    def run() -> None:
        start.wait()
        with unit_of_work() as uow:
            reports.append(claim_due_checkins(uow, due + timedelta(minutes=1)))

    runners = [threading.Thread(target=run) for _ in range(2)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join(timeout=60)
    claims = claimed_checkins(engine)
    assert len(claims) == 1000
    assert len({c.channel for c in claims}) == 1000
    assert sum(report.claimed for report in reports) == 1000
    with unit_of_work() as uow:
        assert uow.repository(CheckinClaimRepository).due_groups(due + timedelta(minutes=1)) == []


def test_a_later_time_set_after_todays_check_in_brings_no_second_one_that_day(
    unit_of_work: UnitOfWorkFactory, engine: Engine
) -> None:
    """Today's row already exists when the schedule comes due again: the claim leaves it."""
    alice = person("UALICE", "Europe/Berlin")
    morning = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    enrol(unit_of_work, alice, morning)
    with unit_of_work() as uow:
        assert claim_due_checkins(uow, morning + timedelta(hours=1, minutes=31)).claimed == 1
    after_it = morning + timedelta(hours=2)  # 10:00 in Berlin
    with unit_of_work() as uow:
        set_time(uow, alice, 11 * 60, now=after_it)
    with unit_of_work() as uow:
        report = claim_due_checkins(uow, morning + timedelta(hours=3, minutes=1))
    assert report.claimed == 0
    claims = claimed_checkins(engine)
    assert [c.idempotency_key.endswith("2026-11-25") for c in claims] == [True]
    with unit_of_work() as uow:
        stored = uow.repository(CheckinScheduleRepository).get(TEAM, alice.user_id)
        assert stored is not None
        assert stored.next_local_date == date(2026, 11, 26), "tomorrow is next"
