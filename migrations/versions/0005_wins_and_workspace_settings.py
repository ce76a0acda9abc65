"""wins and workspace settings

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recap_schedules",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("next_due_utc", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_recap_schedules_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_recap_schedules")),
    )
    with op.batch_alter_table("recap_schedules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recap_schedules_next_due_utc"), ["next_due_utc"], unique=False
        )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "checkin_channel_members",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_checkin_channel_members_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "team_id", "channel_id", "user_id", name=op.f("pk_checkin_channel_members")
        ),
    )
    op.create_table(
        "wins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_wins_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wins")),
    )
    with op.batch_alter_table("wins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wins_team_id_user_id_created_at"),
            ["team_id", "user_id", "created_at"],
            unique=False,
        )

    with op.batch_alter_table("checkin_schedules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("care_sent_on", sa.Date(), nullable=True))

    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("min_group_size", sa.Integer(), server_default="5", nullable=False)
        )
        batch_op.add_column(
            sa.Column("retention_days", sa.Integer(), server_default="365", nullable=False)
        )
        batch_op.add_column(sa.Column("holiday_country", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("support_link", sa.String(length=500), nullable=True))
        batch_op.add_column(
            sa.Column("leaderboard", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("admin_user_ids", sa.String(length=2000), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("tz", sa.String(length=64), server_default="UTC", nullable=False)
        )
        batch_op.add_column(
            sa.Column("kindness_recap_due_utc", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    op.drop_table("recap_schedules")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("is_admin")
    op.drop_table("checkin_channel_members")
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("kindness_recap_due_utc")
        batch_op.drop_column("tz")
        batch_op.drop_column("admin_user_ids")
        batch_op.drop_column("leaderboard")
        batch_op.drop_column("support_link")
        batch_op.drop_column("holiday_country")
        batch_op.drop_column("retention_days")
        batch_op.drop_column("min_group_size")

    with op.batch_alter_table("checkin_schedules", schema=None) as batch_op:
        batch_op.drop_column("care_sent_on")

    with op.batch_alter_table("wins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wins_team_id_user_id_created_at"))

    op.drop_table("wins")
