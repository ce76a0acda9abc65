"""Read what follows ``/checkin`` into one request, or a problem to explain kindly."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.core.localtime import parse_local_time, parse_workdays
from bot.core.working_hours import MIN_LENGTH_MINUTES, length_minutes

MAX_PAUSE_DAYS = 365
_PAUSE_FOR = re.compile(r"^(\d{1,3})\s*(d|day|days|w|week|weeks)$")


class Action(StrEnum):
    SHOW = "show"
    HELP = "help"
    ON = "on"
    OFF = "off"
    TEAM = "team"
    TEAM_OFF = "team_off"
    RESUME = "resume"
    PAUSE_FOR = "pause_for"
    PAUSE_UNTIL = "pause_until"
    TIME = "time"
    DAYS = "days"
    HOURS = "hours"  # working hours: what can wait for the member waits for them
    PULSE = "pulse"


@dataclass(frozen=True, slots=True)
class CheckinRequest:
    """A valid ``/checkin`` request; only the field its action needs is set."""

    action: Action
    days: int | None = None  # PAUSE_FOR: how many days; DAYS: the workday bit set
    until: date | None = None
    local_minute: int | None = None
    hours: tuple[int, int] | None = None  # HOURS: starts, ends (minutes after local midnight)


@dataclass(frozen=True, slots=True)
class CheckinProblem:
    """Input that cannot be understood: a phrase key under ``checkin.problems``."""

    key: str
    text: str = ""


def parse_checkin_text(text: str) -> CheckinRequest | CheckinProblem:
    words = text.strip().split(maxsplit=1)
    if not words:
        return CheckinRequest(Action.SHOW)
    verb, rest = words[0].lower(), (words[1].strip() if len(words) > 1 else "")
    simple = {
        "help": Action.HELP,
        "?": Action.HELP,
        "on": Action.ON,
        "off": Action.OFF,
        "resume": Action.RESUME,
        "status": Action.SHOW,
        "pulse": Action.PULSE,
    }
    if verb in simple:
        return CheckinRequest(simple[verb]) if not rest else CheckinProblem("extra_words", rest)
    parse = _WITH_ARGUMENT.get(verb)
    return parse(rest) if parse is not None else CheckinProblem("unknown", words[0])


def _team(rest: str) -> CheckinRequest | CheckinProblem:
    if not rest:
        return CheckinRequest(Action.TEAM)
    if rest.lower() == "off":
        return CheckinRequest(Action.TEAM_OFF)
    return CheckinProblem("extra_words", rest)


def _time(rest: str) -> CheckinRequest | CheckinProblem:
    minute = parse_local_time(rest)
    if minute is None:
        return CheckinProblem("bad_time", rest)
    return CheckinRequest(Action.TIME, local_minute=minute)


def _days(rest: str) -> CheckinRequest | CheckinProblem:
    workdays = parse_workdays(rest)
    if workdays is None:
        return CheckinProblem("bad_days", rest)
    return CheckinRequest(Action.DAYS, days=workdays)


def _hours(rest: str) -> CheckinRequest | CheckinProblem:
    starts_text, dash, ends_text = rest.partition("-")
    starts, ends = parse_local_time(starts_text), parse_local_time(ends_text)
    if not dash or starts is None or ends is None:
        return CheckinProblem("bad_hours", rest)
    if length_minutes(starts, ends) < MIN_LENGTH_MINUTES:
        return CheckinProblem("hours_too_short", rest)
    return CheckinRequest(Action.HOURS, hours=(starts, ends))


def _pause(rest: str) -> CheckinRequest | CheckinProblem:
    lowered = rest.lower()
    if lowered.startswith("until"):
        raw = lowered.removeprefix("until").strip()
        try:
            return CheckinRequest(Action.PAUSE_UNTIL, until=date.fromisoformat(raw))
        except ValueError:
            return CheckinProblem("bad_pause_date", raw)
    match = _PAUSE_FOR.match(lowered)
    if match is None:
        return CheckinProblem("bad_pause", rest)
    count = int(match.group(1)) * (7 if match.group(2).startswith("w") else 1)
    if count < 1:
        return CheckinProblem("bad_pause", rest)
    if count > MAX_PAUSE_DAYS:
        return CheckinProblem("pause_too_long", rest)
    return CheckinRequest(Action.PAUSE_FOR, days=count)


_WITH_ARGUMENT: dict[str, Callable[[str], CheckinRequest | CheckinProblem]] = {
    "pause": _pause,
    "time": _time,
    "days": _days,
    "hours": _hours,
    "team": _team,
}
