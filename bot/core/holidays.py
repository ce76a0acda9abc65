"""Public holidays (the ``holidays`` package) and the country of a time zone (the IANA
``zone.tab`` that ships with ``tzdata``): check-ins, break reminders and quiet hours skip a
member's holidays when their workspace keeps holidays or they chose a country."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

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


@cache
def _zone_countries() -> dict[str, str]:
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and line[0] != "#")
    return {row[2]: row[0] for row in rows if len(row) >= 3}


def country_of_zone(tz: str | None) -> str | None:
    """The one country ``tz`` is in (``Asia/Kathmandu`` → ``NP``); None for a zone of no single
    country (``UTC``, ``Etc/GMT+5``) or one unknown."""
    return _zone_countries().get(tz or "")
