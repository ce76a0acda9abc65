"""outbox messages found by their ts

A thank-you pressed on a DM that gathered several kudos finds that DM's outbox row by the
``ts`` Slack gave it, to update it whole.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_team_id_sent_channel_sent_ts"),
            ["team_id", "sent_channel", "sent_ts"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_team_id_sent_channel_sent_ts"))
