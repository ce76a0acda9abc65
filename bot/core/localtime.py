"""Time arithmetic for check-ins, always in the member's own IANA zone (never a fixed offset)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONDAY_TO_FRIDAY = 0b0011111
EVERY_DAY = 0b1111111
DEFAULT_LOCAL_MINUTE = 9 * 60 + 30
FALLBACK_ZONE = "UTC"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One check-in: when it is due, and the member's local date it belongs to."""

    due_utc: datetime
    local_date: date


@cache
def zone(name: str | None) -> ZoneInfo:
    """The IANA zone ``name``; UTC when Slack gave none or one this machine does not know."""
    try:
        return ZoneInfo(name or FALLBACK_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(FALLBACK_ZONE)


def is_known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def local_today(now: datetime, tz: str | None) -> date:
    """The member's calendar date at ``now``."""
    return now.astimezone(zone(tz)).date()


def wall_clock_utc(day: date, local_minute: int, tz: str | None) -> datetime:
    """``day`` at ``local_minute`` in ``tz``, as UTC.

    A time skipped by a spring-forward (02:30) resolves with the offset from before the jump,
    so it happens once, an hour "later" on the wall clock; a repeated time (fall-back) is the
    first of the two.
    """
    hour, minute = divmod(local_minute, 60)
    local = datetime.combine(day, time(hour, minute), tzinfo=zone(tz))
    return local.astimezone(UTC)


def local_day_end_utc(day: date, tz: str | None) -> datetime:
    """The UTC moment the member's ``day`` ends (their next midnight)."""
    return wall_clock_utc(day + timedelta(days=1), 0, tz)


def next_occurrence(
    after: datetime,
    *,
    tz: str | None,
    local_minute: int,
    workdays: int,
    resume_on: date | None = None,
) -> Occurrence | None:
    """The first check-in strictly after ``after``, on a workday, not before ``resume_on``.

    None when ``workdays`` is empty.
    """
    if not workdays & EVERY_DAY:
        return None
    day = local_today(after, tz)
    if resume_on is not None and resume_on > day:
        day = resume_on
    for _ in range(8 + 1):  # a week and a day always holds a workday after ``after``
        if workdays & (1 << day.weekday()):
            due = wall_clock_utc(day, local_minute, tz)
            if due > after:
                return Occurrence(due_utc=due, local_date=day)
        day += timedelta(days=1)
    return None  # pragma: no cover - unreachable with at least one workday


# -- reading and showing settings ----------------------------------------------------------

# ``8:45``, ``8.45`` (a 24-hour clock), or ``9am``, ``9:30 pm`` (a 12-hour one); a bare
# number is not a time.
_LOCAL_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")
HALF_DAY_HOURS = 12


def parse_local_time(text: str) -> int | None:
    """Minutes after midnight from ``08:45``, ``8:45``, ``8.45``, ``9am``, ``9:30 pm`` or
    ``12am`` (midnight); None if not a time."""
    found = _LOCAL_TIME.match(text.strip().lower())
    if found is None or (found["minute"] is None and found["half"] is None):
        return None
    hour, minute, half = int(found["hour"]), int(found["minute"] or 0), found["half"]
    if half is not None:
        if not 1 <= hour <= HALF_DAY_HOURS:
            return None
        hour = hour % HALF_DAY_HOURS + (HALF_DAY_HOURS if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def format_local_date(day: date) -> str:
    """``Wed 2 Dec``: one way of writing a day everywhere Kindling writes one."""
    return f"{day:%a} {day.day} {day:%b}"


def format_local_time(local_minute: int) -> str:
    hour, minute = divmod(local_minute, 60)
    return f"{hour:02d}:{minute:02d}"


def parse_workdays(text: str) -> int | None:
    """A bit set from ``mon-fri``, ``mon-thu``, ``mon,wed,fri``, ``sun-thu``, ``weekdays``
    or ``every day``; None if it names no day or something else."""
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in {"weekdays", "workdays"}:
        return MONDAY_TO_FRIDAY
    if cleaned in {"everyday", "daily", "all"}:
        return EVERY_DAY
    days = 0
    for part in filter(None, cleaned.split(",")):
        first, dash, last = part.partition("-")
        start, end = _day_index(first), _day_index(last) if dash else _day_index(first)
        if start is None or end is None:
            return None
        index = start
        days |= 1 << index
        while index != end:
            index = (index + 1) % 7
            days |= 1 << index
    return days or None


def format_workdays(workdays: int) -> str:
    """``Mon-Fri``, ``Mon, Wed, Fri`` or ``every day``."""
    if workdays & EVERY_DAY == EVERY_DAY:
        return "every day"
    names = [DAY_NAMES[i].title() for i in range(7) if workdays & (1 << i)]
    indexes = [i for i in range(7) if workdays & (1 << i)]
    consecutive = len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1))
    return f"{names[0]}-{names[-1]}" if consecutive else ", ".join(names)


def _day_index(text: str) -> int | None:
    prefix = text[:3]
    if len(text) < 3 or prefix not in DAY_NAMES:
        return None
    full = {
        "mon": "monday",
        "tue": "tuesday",
        "wed": "wednesday",
        "thu": "thursday",
        "fri": "friday",
        "sat": "saturday",
        "sun": "sunday",
    }[prefix]
    return DAY_NAMES.index(prefix) if full.startswith(text) else None
