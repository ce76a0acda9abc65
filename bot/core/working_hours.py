"""A member's working hours, in their own zone: when a message that can wait may reach them.

Everything Kindling says to one person that is not the check-in itself, or a direct answer to
something they just did, waits for their next working hour (see ``MessageKind.quiet_hours``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core.localtime import MONDAY_TO_FRIDAY, local_today, wall_clock_utc

DEFAULT_STARTS = 9 * 60
DEFAULT_ENDS = 18 * 60
MIN_LENGTH_MINUTES = 60  # a working day shorter than an hour would hold nearly everything
_LOOK_AHEAD_DAYS = 15  # two weeks and a day hold a working day unless every day is off


def _no_day_off(_day: date) -> bool:
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkingHours:
    """``starts``-``ends`` (minutes after local midnight) on ``workdays`` (a bit per weekday,
    Monday first) in ``tz``, except on the days ``day_off`` names. Hours that end before they
    start run past midnight (a night shift, 22:00-06:00)."""

    tz: str | None
    starts: int = DEFAULT_STARTS
    ends: int = DEFAULT_ENDS
    workdays: int = MONDAY_TO_FRIDAY
    day_off: Callable[[date], bool] = _no_day_off

    def opens_at(self, now: datetime) -> datetime:
        """``now`` if it falls in working hours, else when the next working hour begins.
        With no working day ahead at all, ``now``: holding a message forever would lose it."""
        today = local_today(now, self.tz)
        for offset in range(-1, _LOOK_AHEAD_DAYS):  # yesterday's night shift may still run
            day = today + timedelta(days=offset)
            if not self.workdays & (1 << day.weekday()) or self.day_off(day):
                continue
            starts, ends = self._window(day)
            if now < ends:
                return max(now, starts)
        return now

    def is_open(self, now: datetime) -> bool:
        return self.opens_at(now) == now

    def _window(self, day: date) -> tuple[datetime, datetime]:
        ends_on = day + timedelta(days=1) if self.ends <= self.starts else day
        starts = wall_clock_utc(day, self.starts, self.tz)
        return starts, wall_clock_utc(ends_on, self.ends, self.tz)


def length_minutes(starts: int, ends: int) -> int:
    """How long hours from ``starts`` to ``ends`` last (past midnight when ``ends`` is earlier)."""
    return (ends - starts) % (24 * 60)
