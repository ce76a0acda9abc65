"""Time as a parameter: services and jobs take a clock instead of reading the system time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock: the wall time, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)
