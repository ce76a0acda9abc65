"""Break schedules' plain values: their statuses and how people see their settings. Pure: no
store, no service (Block Kit uses them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.breaks.slots import Window


class BreakStatus(StrEnum):
    """A break schedule: on, turned off, or paused (the bot cannot reach the person)."""

    ON = "on"
    OFF = "off"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class BreakSettings:
    """A schedule as people see it in ``/breaks status`` and the confirmations."""

    status: BreakStatus
    interval: int
    window: Window
    workdays: int
    tz: str
    next_slot: datetime | None
    snoozed_on: date | None
    paused_reason: str | None
