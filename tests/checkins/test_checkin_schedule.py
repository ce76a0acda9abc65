"""Check-in time arithmetic in people's own zones: DST days, odd offsets, pauses, workdays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.localtime import (
    EVERY_DAY,
    MONDAY_TO_FRIDAY,
    format_workdays,
    next_occurrence,
    parse_local_time,
    parse_workdays,
)

NINE_THIRTY = 9 * 60 + 30

# (zone, a DST-change day or an ordinary day, what that day is)
DAYS = [
    ("America/New_York", date(2026, 3, 8), "spring forward"),
    ("America/New_York", date(2026, 11, 1), "fall back"),
    ("Europe/London", date(2026, 3, 29), "spring forward"),
    ("Europe/London", date(2026, 10, 25), "fall back"),
    ("Australia/Lord_Howe", date(2026, 4, 5), "fall back by 30 minutes"),
    ("Australia/Lord_Howe", date(2026, 10, 4), "spring forward by 30 minutes"),
    ("Asia/Kathmandu", date(2026, 11, 25), "+05:45"),
    ("Pacific/Chatham", date(2026, 11, 25), "+13:45 in summer"),
    ("Pacific/Chatham", date(2026, 6, 24), "+12:45 in winter"),
]


@pytest.mark.parametrize(("tz", "day", "what"), DAYS)
def test_the_check_in_falls_at_nine_thirty_local_on_the_day(tz: str, day: date, what: str) -> None:
    local_midnight = datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(tz))
    upcoming = next_occurrence(
        local_midnight.astimezone(UTC), tz=tz, local_minute=NINE_THIRTY, workdays=EVERY_DAY
    )
    assert upcoming is not None, what
    local = upcoming.due_utc.astimezone(ZoneInfo(tz))
    assert (local.date(), local.hour, local.minute) == (day, 9, 30), what
    assert upcoming.local_date == day


@pytest.mark.parametrize(("tz", "day", "what"), DAYS)
def test_stepping_through_the_day_finds_that_check_in_once(tz: str, day: date, what: str) -> None:
    """Asked every 5 minutes across the day, the same single occurrence comes back until it
    has passed, then the next day's."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(tz)).astimezone(UTC)
    seen = set()
    moment = start
    while moment < start + timedelta(hours=30):
        upcoming = next_occurrence(moment, tz=tz, local_minute=NINE_THIRTY, workdays=EVERY_DAY)
        assert upcoming is not None
        seen.add((upcoming.local_date, upcoming.due_utc))
        moment += timedelta(minutes=5)
    assert [d for d, _ in sorted(seen)] == [day, day + timedelta(days=1)], what


def test_a_time_skipped_by_spring_forward_happens_once_that_day() -> None:
    tz = "America/New_York"  # 2026-03-08: 02:00 jumps to 03:00
    before = datetime(2026, 3, 8, 0, 0, tzinfo=ZoneInfo(tz)).astimezone(UTC)
    upcoming = next_occurrence(before, tz=tz, local_minute=2 * 60 + 30, workdays=EVERY_DAY)
    assert upcoming is not None
    assert upcoming.local_date == date(2026, 3, 8)
    local = upcoming.due_utc.astimezone(ZoneInfo(tz))
    assert (local.hour, local.minute) == (3, 30)  # as soon as the wall clock passes 02:30
    following = next_occurrence(
        upcoming.due_utc, tz=tz, local_minute=2 * 60 + 30, workdays=EVERY_DAY
    )
    assert following is not None
    assert following.local_date == date(2026, 3, 9)


def test_a_time_repeated_by_fall_back_happens_once_at_the_first() -> None:
    tz = "America/New_York"  # 2026-11-01: 01:00-02:00 happens twice
    before = datetime(2026, 11, 1, 0, 0, tzinfo=ZoneInfo(tz)).astimezone(UTC)
    upcoming = next_occurrence(before, tz=tz, local_minute=90, workdays=EVERY_DAY)
    assert upcoming is not None
    assert upcoming.due_utc == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    following = next_occurrence(upcoming.due_utc, tz=tz, local_minute=90, workdays=EVERY_DAY)
    assert following is not None
    assert following.local_date == date(2026, 11, 2)  # not 01:30 EST the same day


def test_weekends_are_skipped_on_monday_to_friday() -> None:
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
    upcoming = next_occurrence(
        friday_evening, tz="Europe/Berlin", local_minute=NINE_THIRTY, workdays=MONDAY_TO_FRIDAY
    )
    assert upcoming is not None
    assert upcoming.local_date == date(2026, 11, 30)  # Monday


def test_a_pause_moves_the_next_check_in_to_the_resume_day() -> None:
    now = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    upcoming = next_occurrence(
        now,
        tz="Europe/Berlin",
        local_minute=NINE_THIRTY,
        workdays=MONDAY_TO_FRIDAY,
        resume_on=date(2026, 12, 27),  # a Sunday: the next workday is Monday the 28th
    )
    assert upcoming is not None
    assert upcoming.local_date == date(2026, 12, 28)


def test_no_workdays_means_no_check_in() -> None:
    now = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    assert next_occurrence(now, tz="UTC", local_minute=NINE_THIRTY, workdays=0) is None


def test_an_unknown_zone_falls_back_to_utc() -> None:
    now = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    upcoming = next_occurrence(now, tz="Mars/Olympus", local_minute=NINE_THIRTY, workdays=EVERY_DAY)
    assert upcoming is not None
    assert upcoming.due_utc == datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "minute"),
    [
        ("08:45", 525),
        ("8:45", 525),
        ("8.45", 525),
        ("00:00", 0),
        ("23:59", 1439),
        ("24:00", None),
        ("9", None),
        ("9:5", None),
        ("nine", None),
        ("12:60", None),
        ("", None),
    ],
)
def test_parse_local_time(text: str, minute: int | None) -> None:
    assert parse_local_time(text) == minute


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("mon-fri", "Mon-Fri"),
        ("mon-thu", "Mon-Thu"),
        ("Monday-Thursday", "Mon-Thu"),
        ("mon,wed,fri", "Mon, Wed, Fri"),
        ("sun-thu", "Mon, Tue, Wed, Thu, Sun"),
        ("weekdays", "Mon-Fri"),
        ("every day", "every day"),
        ("sat", "Sat"),
    ],
)
def test_parse_and_show_workdays(text: str, shown: str) -> None:
    workdays = parse_workdays(text)
    assert workdays is not None
    assert format_workdays(workdays) == shown


@pytest.mark.parametrize("text", ["", "funday", "mo", "mon-", "mon-xyz", "1-5"])
def test_unreadable_workdays(text: str) -> None:
    assert parse_workdays(text) is None
