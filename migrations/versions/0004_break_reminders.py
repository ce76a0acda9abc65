"""break reminders

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "break_schedules",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=48), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("personal", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("set_up_by", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.Integer(), nullable=False),
        sa.Column("window_end", sa.Integer(), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("next_slot_utc", sa.DateTime(timezone=True), nullable=True),
        sa.Column("snoozed_on", sa.Date(), nullable=True),
        sa.Column("paused_reason", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_break_schedules_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_break_schedules")),
        sa.UniqueConstraint("team_id", "scope", name=op.f("uq_break_schedules_team_id_scope")),
    )
    with op.batch_alter_table("break_schedules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_break_schedules_next_slot_utc"), ["next_slot_utc"], unique=False
        )

    op.create_table(
        "break_reminders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("slot_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prompt", sa.String(length=40), nullable=False),
        sa.Column("snoozed_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["break_schedules.id"],
            name=op.f("fk_break_reminders_schedule_id_break_schedules"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_break_reminders")),
        sa.UniqueConstraint(
            "schedule_id", "slot_utc", name=op.f("uq_break_reminders_schedule_id_slot_utc")
        ),
    )
    with op.batch_alter_table("break_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_break_reminders_schedule_id_id"), ["schedule_id", "id"], unique=False
        )

    op.create_table(
        "breaks_taken",
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["break_reminders.id"],
            name=op.f("fk_breaks_taken_reminder_id_break_reminders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("reminder_id", "user_id", name=op.f("pk_breaks_taken")),
    )
    with op.batch_alter_table("breaks_taken", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_breaks_taken_team_id_user_id_created_at"),
            ["team_id", "user_id", "created_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("breaks_taken", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_breaks_taken_team_id_user_id_created_at"))

    op.drop_table("breaks_taken")
    with op.batch_alter_table("break_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_break_reminders_schedule_id_id"))

    op.drop_table("break_reminders")
    with op.batch_alter_table("break_schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_break_schedules_next_slot_utc"))

    op.drop_table("break_schedules")
