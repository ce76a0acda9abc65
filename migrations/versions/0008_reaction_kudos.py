"""reaction kudos

Kudos given with an emoji reaction: the message reacted to (its channel, ts and permalink,
never its text), the emoji, when each recipient was told, and the workspace's kudos emoji.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("kudos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item_ts", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("reaction", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("item_link", sa.String(length=500), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_kudos_team_id_giver_id_channel_id_item_ts"),
            ["team_id", "giver_id", "channel_id", "item_ts"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_kudos_team_id_channel_id_item_ts"),
            ["team_id", "channel_id", "item_ts"],
            unique=False,
        )
    with op.batch_alter_table("kudos_recipients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("noted_in", sa.Integer(), nullable=True))
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kudos_reactions",
                sa.String(length=500),
                server_default="yellow_heart",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("kudos_reactions")
    with op.batch_alter_table("kudos_recipients", schema=None) as batch_op:
        batch_op.drop_column("noted_in")
    with op.batch_alter_table("kudos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kudos_team_id_channel_id_item_ts"))
        batch_op.drop_index(batch_op.f("ix_kudos_team_id_giver_id_channel_id_item_ts"))
        batch_op.drop_column("item_link")
        batch_op.drop_column("reaction")
        batch_op.drop_column("item_ts")
