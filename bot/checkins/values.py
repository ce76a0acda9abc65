"""The check-in's plain values: statuses, answer choices, what a member's settings and a
team pulse are, and how a moment is shown. Pure: no store, no service (Block Kit uses them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.core.localtime import Occurrence, zone
from bot.core.phrases import phrase

DEACTIVATED = "deactivated"  # a schedule's ``stopped_reason``: they left the workspace


class CheckinStatus(StrEnum):
    """A member's check-in schedule: on, turned off, or opted out of a team channel's."""

    ON = "on"
    OFF = "off"
    OPTED_OUT = "opted_out"


class ChannelEnrolment(StrEnum):
    """How far a channel's ``/checkin team`` got: nobody is invited before it is confirmed."""

    PROPOSED = "proposed"  # asked for: who may ask, and who would be invited, is checked next
    AWAITING = "awaiting"  # the count was shown: waits for "Invite them"
    INVITES = "invites"  # confirmed: its members, and those who join later, are invited
    STOPPED = "stopped"  # ``/checkin team off``: nobody new is invited (choices stay)


NEEDS = ("rest", "focus", "connection", "win", "nothing")
ENERGY_LEVELS = range(1, 6)
LOW_ENERGY = 2  # at or below: one concrete self-kindness suggestion comes with the reply
MIDDLE_ENERGY = 3
MAX_NOTE_LENGTH = 1000


@dataclass(frozen=True, slots=True)
class CheckinSettings:
    """A member's check-in as they see it in ``/checkin``."""

    status: CheckinStatus
    tz: str
    local_minute: int
    workdays: int
    resume_on: date | None  # while the pause lasts: the day check-ins come back
    next_checkin: Occurrence | None
    stopped_reason: str | None = None


@dataclass(frozen=True, slots=True)
class PulseFigures:
    """Anonymous figures over a channel's answers: never who said what."""

    respondents: int
    average_energy: float | None
    needs: dict[str, int]


@dataclass(frozen=True, slots=True)
class TeamPulse:
    figures: PulseFigures
    days: int


@dataclass(frozen=True, slots=True)
class TooFewAnswers:
    """Not enough distinct people answered to keep them anonymous."""

    needed: int


def when(due_utc: datetime, tz: str | None) -> str:
    """A moment in the member's own time: ``Thu 26 Nov at 09:30 (Europe/Berlin)``."""
    local = due_utc.astimezone(zone(tz))
    return phrase(
        "checkin.answers.next_format",
        weekday=local.strftime("%a"),
        day=local.day,
        month=local.strftime("%b"),
        time=local.strftime("%H:%M"),
        tz=tz or "UTC",
    )


class DayPart(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


NOON, EVENING_FROM = 12 * 60, 18 * 60


def day_part(local_minute: int | None) -> DayPart:
    """Morning until noon, afternoon until 18:00, evening after (morning when unknown)."""
    if local_minute is None or local_minute < NOON:
        return DayPart.MORNING
    return DayPart.AFTERNOON if local_minute < EVENING_FROM else DayPart.EVENING
