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


@cache
def country_names() -> dict[str, str]:
    """The name of each country whose holidays are known (``iso3166.tab``), by its two-letter
    code (the package also knows each by three letters)."""
    table = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text("utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and line[0] != "#")
    names = {row[0]: row[1].strip() for row in rows if len(row) >= 2}
    known = supported_countries()
    return {code: name for code, name in sorted(names.items(), key=lambda n: n[1]) if code in known}


def country_of_zone(tz: str | None) -> str | None:
    """The one country ``tz`` is in (``Asia/Kathmandu`` → ``NP``); None for a zone of no single
    country (``UTC``, ``Etc/GMT+5``) or one unknown."""
    return _zone_countries().get(tz or "")


def kept_country(chosen: str | None, tz: str | None, workspace_country: str | None) -> str | None:
    """Whose public holidays a member keeps: the country they chose; else, when their workspace
    keeps holidays, their zone's country, or the workspace's for a zone of no single country."""
    if chosen:
        return chosen
    if workspace_country is None:
        return None
    return country_of_zone(tz) or workspace_country
