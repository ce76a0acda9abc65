"""Where break reminders fall: every interval from the window's start, before its end, on the
chosen days, in the schedule's own IANA zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core.localtime import EVERY_DAY, local_today, wall_clock_utc

MIN_INTERVAL = 30
MAX_INTERVAL = 240


@dataclass(frozen=True, slots=True)
class Window:
    """Working hours as minutes after local midnight: ``start`` up to (not at) ``end``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= 24 * 60:
            raise ValueError("a window starts before it ends, within one day")


def personal_window(starts: int, ends: int) -> tuple[int, int]:
    """Personal reminders keep to working hours; hours past midnight remind until midnight."""
    return (starts, ends) if ends > starts else (starts, 24 * 60)


@dataclass(frozen=True, slots=True)
class Cadence:
    """A schedule's rhythm: every ``interval`` minutes inside ``window`` on ``workdays``."""

    interval: int
    window: Window
    workdays: int
    tz: str


def slots_on(day: date, cadence: Cadence) -> list[datetime]:
    """The day's reminder times in UTC (none on a day off). Wall times a DST jump skips come
    once, right after it; the list never holds a time twice."""
    if not cadence.workdays & EVERY_DAY & (1 << day.weekday()):
        return []
    minutes = range(cadence.window.start, cadence.window.end, cadence.interval)
    return sorted({wall_clock_utc(day, minute, cadence.tz) for minute in minutes})


def next_slot(after: datetime, cadence: Cadence, *, not_on: date | None = None) -> datetime | None:
    """The first reminder strictly after ``after`` (skipping the snoozed day ``not_on``)."""
    day = local_today(after, cadence.tz)
    for _ in range(8):
        if day != not_on:
            for slot in slots_on(day, cadence):
                if slot > after:
                    return slot
        day += timedelta(days=1)
    return None
