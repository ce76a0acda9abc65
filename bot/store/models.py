"""Tables. Every row of workspace data carries ``team_id``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.base import Base

SLACK_ID = String(32)


class Workspace(Base):
    """A Slack workspace the bot serves."""

    __tablename__ = "workspaces"

    team_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]


class Member(Base):
    """The member directory: what Kindling needs to know about a person, synced from Slack."""

    __tablename__ = "members"

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(255))
    tz: Mapped[str | None] = mapped_column(String(64))
    is_bot: Mapped[bool] = mapped_column(Boolean, server_default=false())
    deleted: Mapped[bool] = mapped_column(Boolean, server_default=false())
    refreshed_at: Mapped[datetime]


class ProcessedEvent(Base):
    """An Events API delivery already taken on, so Slack's retries are handled once."""

    __tablename__ = "processed_events"
    __table_args__ = (Index(None, "received_at"),)

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime]
