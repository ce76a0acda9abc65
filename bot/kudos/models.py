"""The kudos tables. Every row carries ``team_id``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.store.base import Base
from bot.core.store.models import SLACK_ID


class Kudos(Base):
    """One shout-out: a kind act recorded in the giver's and each recipient's journal."""

    __tablename__ = "kudos"
    __table_args__ = (
        Index(None, "team_id", "giver_id", "created_at"),
        # A reaction kudos: one per giver per message (under the giver's lock, not a unique
        # index: the kudos of two people forgotten since share the one "former teammate").
        Index(None, "team_id", "giver_id", "channel_id", "item_ts"),
        Index(None, "team_id", "channel_id", "item_ts"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    giver_id: Mapped[str] = mapped_column(SLACK_ID)
    channel_id: Mapped[str | None] = mapped_column(SLACK_ID)
    message: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))
    announcement: Mapped[str] = mapped_column(String(16), server_default="pending")
    shout_channel_id: Mapped[str | None] = mapped_column(SLACK_ID)
    shout_ts: Mapped[str | None] = mapped_column(String(32))
    # A reaction kudos: the message reacted to (in ``channel_id``), the emoji, and the message's
    # permalink once Slack gave it. Never the message's text.
    item_ts: Mapped[str | None] = mapped_column(String(32))
    reaction: Mapped[str | None] = mapped_column(String(100))
    item_link: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]


class KudosRecipient(Base):
    """A person a kudos was given to."""

    __tablename__ = "kudos_recipients"
    __table_args__ = (Index(None, "team_id", "recipient_id", "created_at"),)

    kudos_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("kudos.id", ondelete="CASCADE"), primary_key=True
    )
    recipient_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    team_id: Mapped[str] = mapped_column(SLACK_ID)
    created_at: Mapped[datetime]
    thanked_at: Mapped[datetime | None]
    # A reaction kudos: the outbox message that told the recipient (None: not told yet).
    noted_in: Mapped[int | None] = mapped_column(Integer)


class KudosValue(Base):
    """A value tag (``#teamwork``) a kudos was given for."""

    __tablename__ = "kudos_values"

    kudos_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("kudos.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    team_id: Mapped[str] = mapped_column(SLACK_ID)
