"""What the App Home shows, as plain data: its limits, and the state read when it is
published (no store here, so the Block Kit builders may use it)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from bot.checkins.values import CheckinStatus
from bot.core.localtime import DEFAULT_LOCAL_MINUTE, FALLBACK_ZONE, format_local_time
from bot.core.working_hours import DEFAULT_ENDS, DEFAULT_STARTS

TREND_DAYS = 14
LIST_LENGTH = 5
MAX_LIST_LENGTH = 15  # "Show more" grows the lists this far (a section holds 3,000 characters)
EXCERPT = 120


class _Plain(BaseModel):
    model_config = ConfigDict(frozen=True)


class CheckinState(_Plain):
    """The member's morning check-in: on or off, when, and on which days."""

    status: CheckinStatus = CheckinStatus.OFF
    time: str = format_local_time(DEFAULT_LOCAL_MINUTE)
    workdays: int = 31  # a bit per weekday, Monday first
    resume_on: date | None = None  # paused until then (only while in the future)
    next: datetime | None = None


class TodayAnswer(_Plain):
    """What the member answered today (whether there is a note, never the note)."""

    energy: int | None = None
    need: str | None = None
    has_note: bool = False
    skipped: bool = False


class KudosItem(_Plain):
    """One kudos given or received, its message cut to :data:`EXCERPT`."""

    giver_id: str
    message: str
    channel_id: str | None = None
    ts: str | None = None
    reaction: str | None = None  # a reaction kudos: its emoji (it has no message of its own)
    link: str | None = None  # the message's permalink, when Slack gave it


class HomeState(_Plain):
    """Everything the Home tab shows, the member's own data only; the defaults are an empty
    Home."""

    tz: str = FALLBACK_ZONE
    today: date | None = None
    checkin: CheckinState = CheckinState()
    today_answer: TodayAnswer | None = None
    energies: tuple[tuple[date, int], ...] = ()  # oldest first, over :data:`TREND_DAYS`
    kudos_given: int = 0
    kudos_received: int = 0
    received: tuple[KudosItem, ...] = ()  # newest first
    given: tuple[KudosItem, ...] = ()
    wins: int = 0
    recent_wins: tuple[str, ...] = ()
    breaks_this_week: int = 0
    personal_breaks: bool = False
    work_starts: str = format_local_time(DEFAULT_STARTS)  # their working hours, ``HH:MM``
    work_ends: str = format_local_time(DEFAULT_ENDS)
    holiday_country: str | None = None  # the country they chose (None: from their zone)
    holidays_kept: str | None = None  # whose public holidays they keep (None: none)
    weekly_recap: bool = False
