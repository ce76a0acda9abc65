"""The checkins tables. Every row carries ``team_id``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.checkins.values import ChannelEnrolment, CheckinStatus
from bot.core.store.base import Base
from bot.core.store.models import SLACK_ID


class CheckinSchedule(Base):
    """A member's morning check-in: whether they take part, when, and when it is next due.

    ``local_minute`` is minutes after local midnight, ``workdays`` a bit set (Monday = bit 0);
    ``next_due_utc`` is NULL while nothing is scheduled (off, opted out, unreachable).
    """

    __tablename__ = "checkin_schedules"
    # The claim's range scan, and the batched advance by due time and zone.
    __table_args__ = (Index(None, "next_due_utc", "tz"),)

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    status: Mapped[CheckinStatus] = mapped_column(String(16))
    tz: Mapped[str] = mapped_column(String(64))
    local_minute: Mapped[int] = mapped_column(Integer)
    workdays: Mapped[int] = mapped_column(Integer)
    resume_on: Mapped[date | None]
    next_due_utc: Mapped[datetime | None]
    next_local_date: Mapped[date | None]
    stopped_reason: Mapped[str | None] = mapped_column(String(40))
    joined_via: Mapped[str | None] = mapped_column(SLACK_ID)
    care_sent_on: Mapped[date | None]  # the last low-energy-streak message, at most one per 14 days
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Checkin(Base):
    """A member's answer to one day's check-in; private to them."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "local_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    user_id: Mapped[str] = mapped_column(SLACK_ID)
    local_date: Mapped[date]
    energy: Mapped[int | None] = mapped_column(Integer)
    need: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    skipped: Mapped[bool] = mapped_column(Boolean, server_default=false())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CheckinChannel(Base):
    """A channel enrolled with ``/checkin team``: once confirmed, its members, and those who
    join later, are invited to the check-in."""

    __tablename__ = "checkin_channels"

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    channel_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    enrolled_by: Mapped[str] = mapped_column(SLACK_ID)
    created_at: Mapped[datetime]
    members_enrolled_at: Mapped[datetime | None]
    status: Mapped[ChannelEnrolment] = mapped_column(
        String(16), server_default=ChannelEnrolment.INVITES
    )
    response_url: Mapped[str | None] = mapped_column(String(500))  # where the asker is answered
    invitees: Mapped[int | None] = mapped_column(Integer)  # how many the confirmation named


class CheckinChannelMember(Base):
    """Who is in a channel enrolled with ``/checkin team`` (for its anonymous team pulse)."""

    __tablename__ = "checkin_channel_members"

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    channel_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
