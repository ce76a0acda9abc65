"""The wins tables. Every row carries ``team_id``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.store.base import Base
from bot.core.store.models import SLACK_ID


class Win(Base):
    """A small win a member noted for themselves; private unless they share it."""

    __tablename__ = "wins"
    __table_args__ = (Index(None, "team_id", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    user_id: Mapped[str] = mapped_column(SLACK_ID)
    text: Mapped[str] = mapped_column(Text)
    channel_id: Mapped[str | None] = mapped_column(SLACK_ID)  # where it could be shared
    shared_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
