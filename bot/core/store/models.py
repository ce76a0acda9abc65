"""The core tables: workspaces, the event ledger, the outbox. Every row of workspace data
carries ``team_id``; features keep their own tables in their own ``models`` module."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.outbox.values import DeliveryMethod, OutboxStatus
from bot.core.store.base import Base

SLACK_ID = String(32)


def holiday_country_index() -> Index:
    """An index of only the rows that name a holiday country: the tick asks every minute
    whether there are any, and in most deployments there are none."""
    named = text("holiday_country IS NOT NULL")
    return Index(None, "holiday_country", sqlite_where=named, postgresql_where=named)


INSTALLED = text("uninstalled_at IS NULL")
UNINSTALLED = text("uninstalled_at IS NOT NULL")


class Workspace(Base):
    """A Slack workspace the bot serves. The tick looks every minute for a kindness recap
    due, a retention sweep due and an uninstall's purge due: each through an index."""

    __tablename__ = "workspaces"
    __table_args__ = (
        holiday_country_index(),
        Index(None, "kindness_recap_due_utc"),
        Index(None, "retention_swept_at", sqlite_where=INSTALLED, postgresql_where=INSTALLED),
        Index(None, "purge_after_utc", sqlite_where=UNINSTALLED, postgresql_where=UNINSTALLED),
    )

    team_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]
    kudos_channel_id: Mapped[str | None] = mapped_column(SLACK_ID)
    kudos_values: Mapped[str] = mapped_column(
        String(500), server_default="kindness,teamwork,courage,craft,care"
    )
    kudos_daily_limit: Mapped[int] = mapped_column(Integer, server_default="10")
    kudos_reactions: Mapped[str] = mapped_column(String(500), server_default="yellow_heart")
    members_synced_at: Mapped[datetime | None]
    checkin_default_minute: Mapped[int] = mapped_column(Integer, server_default="570")  # 09:30
    min_group_size: Mapped[int] = mapped_column(Integer, server_default="5")
    retention_days: Mapped[int] = mapped_column(Integer, server_default="365")
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    support_link: Mapped[str | None] = mapped_column(String(500))
    leaderboard: Mapped[bool] = mapped_column(Boolean, server_default=false())
    admin_user_ids: Mapped[str] = mapped_column(String(2000), server_default="")
    tz: Mapped[str] = mapped_column(String(64), server_default="UTC")  # of the weekly recap
    kindness_recap_due_utc: Mapped[datetime | None]
    retention_swept_at: Mapped[datetime | None]  # the daily retention sweep's last run
    uninstalled_at: Mapped[datetime | None]  # kept only during the uninstall grace period
    purge_after_utc: Mapped[datetime | None]


class ProcessedEvent(Base):
    """An Events API delivery already taken on, so Slack's retries are handled once."""

    __tablename__ = "processed_events"
    __table_args__ = (Index(None, "received_at"),)

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime]


class OutboxMessage(Base):
    """Something the bot will say, written with the change that causes it and sent later.

    ``idempotency_key`` is unique per workspace, so a message can be claimed only once;
    ``depends_on_key`` names the message (same workspace) that must be settled first.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("team_id", "idempotency_key"),
        Index(None, "status", "not_before"),
        Index(None, "team_id", "depends_on_key"),
        Index(None, "team_id", "sent_channel", "sent_ts"),  # a message found by its ts
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    idempotency_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    method: Mapped[DeliveryMethod] = mapped_column(String(40))
    channel: Mapped[str | None] = mapped_column(SLACK_ID)
    lane: Mapped[str | None] = mapped_column(String(80))  # one call at a time; default: channel
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    subject_id: Mapped[int | None] = mapped_column(Integer)
    depends_on_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[OutboxStatus] = mapped_column(String(16), server_default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    not_before: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    sent_channel: Mapped[str | None] = mapped_column(SLACK_ID)
    sent_ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(String(200))


class DeliveryLease(Base):
    """Which process sends a workspace's messages, until when: one at a time, so the
    workspace's rate holds across replicas. Kept after its end, with the 429 pause it left."""

    __tablename__ = "delivery_leases"

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    holder: Mapped[str] = mapped_column(String(64))
    lease_until: Mapped[datetime]
    paused_until: Mapped[datetime | None]
