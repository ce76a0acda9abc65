"""The recaps tables. Every row carries ``team_id``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.store.base import Base
from bot.core.store.models import SLACK_ID
from bot.recaps.values import RecapStatus


class RecapSchedule(Base):
    """A member's weekly private recap (on by default once they use Kindling for themselves)."""

    __tablename__ = "recap_schedules"
    __table_args__ = (Index(None, "next_due_utc"),)

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    status: Mapped[RecapStatus] = mapped_column(String(16))
    tz: Mapped[str] = mapped_column(String(64))
    next_due_utc: Mapped[datetime | None]
    created_at: Mapped[datetime]
