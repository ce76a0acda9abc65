"""The members tables. Every row carries ``team_id``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.store.base import Base
from bot.core.store.models import SLACK_ID, holiday_country_index


class Member(Base):
    """The member directory: what Kindling needs to know about a person, synced from Slack."""

    __tablename__ = "members"
    __table_args__ = (holiday_country_index(),)

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(255))
    tz: Mapped[str | None] = mapped_column(String(64))
    is_bot: Mapped[bool] = mapped_column(Boolean, server_default=false())
    deleted: Mapped[bool] = mapped_column(Boolean, server_default=false())
    is_admin: Mapped[bool] = mapped_column(Boolean, server_default=false())  # admin or owner
    refreshed_at: Mapped[datetime]
    deactivated_at: Mapped[datetime | None]  # first seen deactivated (for retention)
    # Their working hours, minutes after local midnight (set by them, never by the sync).
    work_starts: Mapped[int] = mapped_column(Integer, server_default="540")  # 09:00
    work_ends: Mapped[int] = mapped_column(Integer, server_default="1080")  # 18:00
    holiday_country: Mapped[str | None] = mapped_column(String(8))  # None: their zone's
