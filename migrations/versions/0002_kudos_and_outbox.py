"""kudos and the outbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kudos",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("giver_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("announcement", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("shout_channel_id", sa.String(length=32), nullable=True),
        sa.Column("shout_ts", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_kudos_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kudos")),
    )
    with op.batch_alter_table("kudos", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kudos_team_id_giver_id_created_at"),
            ["team_id", "giver_id", "created_at"],
            unique=False,
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("depends_on_key", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_channel", sa.String(length=32), nullable=True),
        sa.Column("sent_ts", sa.String(length=32), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_outbox_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint(
            "team_id", "idempotency_key", name=op.f("uq_outbox_team_id_idempotency_key")
        ),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_status_not_before"), ["status", "not_before"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_outbox_team_id_depends_on_key"),
            ["team_id", "depends_on_key"],
            unique=False,
        )

    op.create_table(
        "kudos_recipients",
        sa.Column("kudos_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.String(length=32), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("thanked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["kudos_id"],
            ["kudos.id"],
            name=op.f("fk_kudos_recipients_kudos_id_kudos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kudos_id", "recipient_id", name=op.f("pk_kudos_recipients")),
    )
    with op.batch_alter_table("kudos_recipients", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kudos_recipients_team_id_recipient_id_created_at"),
            ["team_id", "recipient_id", "created_at"],
            unique=False,
        )

    op.create_table(
        "kudos_values",
        sa.Column("kudos_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["kudos_id"],
            ["kudos.id"],
            name=op.f("fk_kudos_values_kudos_id_kudos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kudos_id", "value", name=op.f("pk_kudos_values")),
    )
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kudos_channel_id", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column(
                "kudos_values",
                sa.String(length=500),
                server_default="kindness,teamwork,courage,craft,care",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("kudos_daily_limit", sa.Integer(), server_default="10", nullable=False)
        )
        batch_op.add_column(
            sa.Column("members_synced_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("members_synced_at")
        batch_op.drop_column("kudos_daily_limit")
        batch_op.drop_column("kudos_values")
        batch_op.drop_column("kudos_channel_id")

    op.drop_table("kudos_values")
    with op.batch_alter_table("kudos_recipients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kudos_recipients_team_id_recipient_id_created_at"))

    op.drop_table("kudos_recipients")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_team_id_depends_on_key"))
        batch_op.drop_index(batch_op.f("ix_outbox_status_not_before"))

    op.drop_table("outbox")
    with op.batch_alter_table("kudos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kudos_team_id_giver_id_created_at"))

    op.drop_table("kudos")
