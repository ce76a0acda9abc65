"""Public holidays (the ``holidays`` package): check-ins and break reminders skip them when a
workspace has chosen its country."""

from __future__ import annotations

from datetime import date
from functools import cache

import holidays


@cache
def _calendar(country: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=year)


@cache
def supported_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes the package knows (``DE``, ``US``, ``NZ``...)."""
    return frozenset(holidays.list_supported_countries())


def is_public_holiday(country: str | None, day: date) -> bool:
    if not country or country not in supported_countries():
        return False
    return day in _calendar(country, day.year)
