"""Tables. Every row of workspace data carries ``team_id``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    JSON,
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

from bot.core.store.base import Base

SLACK_ID = String(32)


class Workspace(Base):
    """A Slack workspace the bot serves."""

    __tablename__ = "workspaces"

    team_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]
    kudos_channel_id: Mapped[str | None] = mapped_column(SLACK_ID)
    kudos_values: Mapped[str] = mapped_column(
        String(500), server_default="kindness,teamwork,courage,craft,care"
    )
    kudos_daily_limit: Mapped[int] = mapped_column(Integer, server_default="10")
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
    is_admin: Mapped[bool] = mapped_column(Boolean, server_default=false())  # admin or owner
    refreshed_at: Mapped[datetime]
    deactivated_at: Mapped[datetime | None]  # first seen deactivated (for retention)


class ProcessedEvent(Base):
    """An Events API delivery already taken on, so Slack's retries are handled once."""

    __tablename__ = "processed_events"
    __table_args__ = (Index(None, "received_at"),)

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime]


class Kudos(Base):
    """One shout-out: a kind act recorded in the giver's and each recipient's journal."""

    __tablename__ = "kudos"
    __table_args__ = (Index(None, "team_id", "giver_id", "created_at"),)

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


class KudosValue(Base):
    """A value tag (``#teamwork``) a kudos was given for."""

    __tablename__ = "kudos_values"

    kudos_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("kudos.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    team_id: Mapped[str] = mapped_column(SLACK_ID)


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
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    idempotency_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    method: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str | None] = mapped_column(SLACK_ID)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    subject_id: Mapped[int | None] = mapped_column(Integer)
    depends_on_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    not_before: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    sent_channel: Mapped[str | None] = mapped_column(SLACK_ID)
    sent_ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(String(200))


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
    status: Mapped[str] = mapped_column(String(16))
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
    """A channel enrolled with ``/checkin team``: its members, and those who join later, are
    invited to the check-in."""

    __tablename__ = "checkin_channels"

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    channel_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    enrolled_by: Mapped[str] = mapped_column(SLACK_ID)
    created_at: Mapped[datetime]
    members_enrolled_at: Mapped[datetime | None]


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
    status: Mapped[str] = mapped_column(String(16))
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


class CheckinChannelMember(Base):
    """Who is in a channel enrolled with ``/checkin team`` (for its anonymous team pulse)."""

    __tablename__ = "checkin_channel_members"

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    channel_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)


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


class RecapSchedule(Base):
    """A member's weekly private recap (on by default once they use Kindling for themselves)."""

    __tablename__ = "recap_schedules"
    __table_args__ = (Index(None, "next_due_utc"),)

    team_id: Mapped[str] = mapped_column(
        SLACK_ID, ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    tz: Mapped[str] = mapped_column(String(64))
    next_due_utc: Mapped[datetime | None]
    created_at: Mapped[datetime]


# slack_sdk's own tables for OAuth installs (its SQLAlchemy installation and state stores read
# and write them); declared here so the migrations create them and ``alembic check`` sees them.
INSTALLATIONS_TABLE = SQLAlchemyInstallationStore.build_installations_table(
    Base.metadata, "slack_installations"
)
BOTS_TABLE = SQLAlchemyInstallationStore.build_bots_table(Base.metadata, "slack_bots")
OAUTH_STATES_TABLE = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    Base.metadata, "slack_oauth_states"
)
