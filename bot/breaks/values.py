"""Break schedules' plain values: their statuses and how people see their settings. Pure: no
store, no service (Block Kit uses them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.breaks.slots import Window

ON = "on"
OFF = "off"
PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class BreakSettings:
    """A schedule as people see it in ``/breaks status`` and the confirmations."""

    status: str
    interval: int
    window: Window
    workdays: int
    tz: str
    next_slot: datetime | None
    snoozed_on: date | None
    paused_reason: str | None
