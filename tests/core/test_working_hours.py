"""Working hours: ``opens_at`` is the first moment at work, checked against a plain scan; and
whose public holidays a member keeps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core.holidays import kept_country
from bot.core.localtime import EVERY_DAY, MONDAY_TO_FRIDAY, zone
from bot.core.working_hours import WorkingHours

QUARTER = timedelta(minutes=15)
ZONES = ("Asia/Kathmandu", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC")
# A week around Europe's and North America's autumn clock change, and a plain one.
STARTS = (datetime(2026, 10, 24, 0, 0, tzinfo=UTC), datetime(2026, 11, 30, 0, 0, tzinfo=UTC))


def at_work_by_scan(hours: WorkingHours, moment: datetime) -> bool:
    """Whether ``moment`` is at work, read off the wall clock the slow way."""
    local = moment.astimezone(zone(hours.tz))
    minute = local.hour * 60 + local.minute
    overnight = hours.ends <= hours.starts
    today, yesterday = local.date(), local.date() - timedelta(days=1)

    def works(day: date) -> bool:
        return bool(hours.workdays & (1 << day.weekday())) and not hours.day_off(day)

    if not overnight:
        return works(today) and hours.starts <= minute < hours.ends
    return (works(today) and minute >= hours.starts) or (works(yesterday) and minute < hours.ends)


def first_at_work_by_scan(hours: WorkingHours, now: datetime) -> datetime:
    moment = now
    while not at_work_by_scan(hours, moment):
        moment += QUARTER
    return moment


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(
    ("starts", "ends", "workdays"),
    [
        (9 * 60, 18 * 60, MONDAY_TO_FRIDAY),
        (7 * 60 + 30, 15 * 60, 0b0101010),
        (22 * 60, 6 * 60, EVERY_DAY),
    ],
    ids=["office", "some-days", "night-shift"],
)
def test_opens_at_is_the_first_quarter_hour_at_work(
    tz: str, starts: int, ends: int, workdays: int
) -> None:
    hours = WorkingHours(tz=tz, starts=starts, ends=ends, workdays=workdays)
    for week in STARTS:
        now = week
        while now < week + timedelta(days=8):
            opens = hours.opens_at(now)
            assert opens == first_at_work_by_scan(hours, now), (tz, now)
            assert hours.is_open(opens)
            now += timedelta(minutes=105)  # lands on every quarter of the hour over a week


def test_a_public_holiday_is_not_a_working_day() -> None:
    christmas = date(2026, 12, 25)  # a Friday
    hours = WorkingHours(tz="Europe/Berlin", day_off=lambda day: day == christmas)
    thursday_evening = datetime(2026, 12, 24, 18, 0, tzinfo=UTC)
    assert hours.opens_at(thursday_evening) == datetime(2026, 12, 28, 8, 0, tzinfo=UTC)


def test_with_no_working_day_at_all_nothing_is_held_forever() -> None:
    now = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
    assert WorkingHours(tz="UTC", workdays=0).opens_at(now) == now


@pytest.mark.parametrize(
    ("chosen", "tz", "workspace", "kept"),
    [
        (None, "Asia/Kathmandu", "DE", "NP"),  # the zone's own country
        (None, "UTC", "DE", "DE"),  # a zone of no single country: the workspace's
        (None, "Asia/Kathmandu", None, None),  # the workspace keeps no holidays
        ("FR", "Asia/Kathmandu", None, "FR"),  # a member's own choice, always
    ],
)
def test_whose_holidays_a_member_keeps(
    chosen: str | None, tz: str, workspace: str | None, kept: str | None
) -> None:
    assert kept_country(chosen, tz, workspace) == kept
