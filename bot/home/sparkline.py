"""A member's energy over some days as one line of characters (the Home and the recap)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

SPARK = "▁▂▄▆█"  # energy 1 to 5
NO_ANSWER = "·"


def sparkline(energies: Sequence[tuple[date, int]], *, today: date, days: int) -> str:
    """One character per day, oldest first: the energy, or a dot for no answer."""
    by_day = dict(energies)
    line = []
    for offset in range(days - 1, -1, -1):
        energy = by_day.get(today - timedelta(days=offset))
        line.append(SPARK[energy - 1] if energy else NO_ANSWER)
    return "".join(line)
