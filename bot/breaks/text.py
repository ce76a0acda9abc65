"""Read what follows ``/breaks`` into one request, or a problem to explain kindly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.breaks.slots import MAX_INTERVAL, MIN_INTERVAL, Window
from bot.core.localtime import (
    EVERY_DAY,
    is_known_zone,
    parse_local_time,
    parse_workdays,
)

_EVERY = re.compile(r"^(\d{1,3})\s*(m|min|mins|minutes|h|hr|hrs|hours?)?$")


class BreaksAction(StrEnum):
    HELP = "help"
    STATUS = "status"
    ON = "on"
    OFF = "off"
    NOW = "now"
    ME_ON = "me_on"
    ME_OFF = "me_off"


@dataclass(frozen=True, slots=True)
class BreaksRequest:
    """A valid ``/breaks`` request; ``on`` may carry any of the optional parts."""

    action: BreaksAction
    interval: int | None = None
    window: Window | None = None
    workdays: int | None = None
    tz: str | None = None


@dataclass(frozen=True, slots=True)
class BreaksProblem:
    """Input that cannot be understood: a phrase key under ``breaks.problems``."""

    key: str
    text: str = ""


_SIMPLE = {
    "": BreaksAction.HELP,
    "help": BreaksAction.HELP,
    "?": BreaksAction.HELP,
    "status": BreaksAction.STATUS,
    "off": BreaksAction.OFF,
    "now": BreaksAction.NOW,
    "me on": BreaksAction.ME_ON,
    "me off": BreaksAction.ME_OFF,
}


def parse_breaks_text(text: str) -> BreaksRequest | BreaksProblem:
    words = text.split()
    joined = " ".join(words).lower()
    if joined in _SIMPLE:
        return BreaksRequest(_SIMPLE[joined])
    if not words or words[0].lower() != "on":
        return BreaksProblem("unknown", " ".join(words))
    return _schedule_parts(words[1:])


def _schedule_parts(words: list[str]) -> BreaksRequest | BreaksProblem:
    """``every 90m``, ``10:00-17:00``, ``mon-fri`` and ``tz Europe/Berlin``, in any order."""
    interval: int | None = None
    window: Window | None = None
    workdays: int | None = None
    tz: str | None = None
    rest = list(words)
    while rest:
        word = rest.pop(0)
        lowered = word.lower()
        if lowered == "every" and rest and rest[0].lower() == "day":
            rest.pop(0)
            workdays = EVERY_DAY
        elif lowered == "every":
            every = _interval(rest.pop(0) if rest else "")
            if isinstance(every, BreaksProblem):
                return every
            interval = every
        elif lowered == "tz":
            zone_name = rest.pop(0) if rest else ""
            if not is_known_zone(zone_name):
                return BreaksProblem("bad_tz", zone_name)
            tz = zone_name
        elif "-" in lowered and lowered[:1].isdigit():  # 10:00-17:00, 9am-5pm
            hours = _window(lowered)
            if isinstance(hours, BreaksProblem):
                return hours
            window = hours
        else:
            workdays = parse_workdays(lowered)
            if workdays is None:
                return BreaksProblem("unknown_part", word)
    return BreaksRequest(
        BreaksAction.ON, interval=interval, window=window, workdays=workdays, tz=tz
    )


def _interval(text: str) -> int | BreaksProblem:
    match = _EVERY.match(text.lower())
    if match is None:
        return BreaksProblem("bad_interval", text)
    minutes = int(match.group(1)) * (60 if (match.group(2) or "m").startswith("h") else 1)
    if not MIN_INTERVAL <= minutes <= MAX_INTERVAL:
        return BreaksProblem("interval_out_of_range", text)
    return minutes


def _window(text: str) -> Window | BreaksProblem:
    start_text, _, end_text = text.partition("-")
    start, end = parse_local_time(start_text), parse_local_time(end_text)
    if start is None or end is None:
        return BreaksProblem("bad_window", text)
    if end <= start:
        return BreaksProblem("window_crosses_midnight", text)
    return Window(start, end)
