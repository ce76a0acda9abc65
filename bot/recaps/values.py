"""The recap schedule's statuses and the figures the recaps show, as plain data read when they
are sent (no store here, so the Block Kit builders may use them)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class RecapStatus(StrEnum):
    """A member's weekly recap schedule: on, or turned off."""

    ON = "on"
    OFF = "off"


class RecapFigures(BaseModel):
    """A member's week: kind acts given and received, wins, breaks and energy; the defaults
    are a quiet week."""

    model_config = ConfigDict(frozen=True)

    given: int = 0
    received: int = 0
    received_from: tuple[str, ...] = ()  # user ids, a few
    wins: tuple[str, ...] = ()  # a few wins' texts
    win_count: int = 0
    breaks: int = 0
    energies: tuple[tuple[date, int], ...] = ()  # oldest first, within the week

    @property
    def is_empty(self) -> bool:
        """Nothing to celebrate: no kind act, win, break or check-in all week."""
        return not (self.given or self.received or self.win_count or self.breaks or self.energies)


class KindnessFigures(BaseModel):
    """A workspace's week of kindness: how much, who took part (display names), the values
    shown most, and the givers' leaderboard when an admin turned it on."""

    model_config = ConfigDict(frozen=True)

    kudos: int = 0
    appreciated: int = 0
    values: tuple[tuple[str, int], ...] = ()
    names: tuple[str, ...] = ()
    leaderboard: tuple[tuple[str, int], ...] | None = None
