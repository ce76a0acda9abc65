"""The breaks tables. Every row carries ``team_id``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.breaks.values import BreakStatus
from bot.core.store.base import Base
from bot.core.store.models import SLACK_ID


class BreakSchedule(Base):
    """Break reminders for a channel (``channel:C…``) or one member's DMs (``member:U…``).

    ``next_slot_utc`` is NULL while nothing is scheduled (off, or paused because Slack says
    the channel cannot be reached); ``snoozed_on`` is a local date with no more reminders.
    """

    __tablename__ = "break_schedules"
    __table_args__ = (UniqueConstraint("team_id", "scope"), Index(None, "next_slot_utc"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    scope: Mapped[str] = mapped_column(String(48))
    channel_id: Mapped[str] = mapped_column(SLACK_ID)  # where reminders go (a user id: a DM)
    personal: Mapped[bool] = mapped_column(Boolean, server_default=false())
    set_up_by: Mapped[str] = mapped_column(SLACK_ID)
    status: Mapped[BreakStatus] = mapped_column(String(16))
    interval_minutes: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[int] = mapped_column(Integer)
    window_end: Mapped[int] = mapped_column(Integer)
    workdays: Mapped[int] = mapped_column(Integer)
    tz: Mapped[str] = mapped_column(String(64))
    next_slot_utc: Mapped[datetime | None]
    snoozed_on: Mapped[date | None]
    paused_reason: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class BreakReminder(Base):
    """One reminder slot claimed for a schedule: at most one per slot, whatever runs."""

    __tablename__ = "break_reminders"
    __table_args__ = (
        UniqueConstraint("schedule_id", "slot_utc"),
        Index(None, "schedule_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    schedule_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("break_schedules.id", ondelete="CASCADE")
    )
    team_id: Mapped[str] = mapped_column(SLACK_ID)
    slot_utc: Mapped[datetime]
    prompt: Mapped[str] = mapped_column(String(40))
    snoozed_by: Mapped[str | None] = mapped_column(SLACK_ID)
    created_at: Mapped[datetime]


class BreakTaken(Base):
    """Someone pressed "I took a break" on a reminder (once per person and reminder)."""

    __tablename__ = "breaks_taken"
    __table_args__ = (Index(None, "team_id", "user_id", "created_at"),)

    reminder_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("break_reminders.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    team_id: Mapped[str] = mapped_column(SLACK_ID)
    created_at: Mapped[datetime]
