"""channel enrolment with consent

``/checkin team`` is checked (who may ask) and counted (who would be invited) and waits for
the asker's confirmation; ``/checkin team off`` stops inviting newcomers. Channels enrolled
before this revision keep inviting, as they did.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkin_channels", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), server_default="invites", nullable=False)
        )
        batch_op.add_column(sa.Column("response_url", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("invitees", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkin_channels", schema=None) as batch_op:
        batch_op.drop_column("invitees")
        batch_op.drop_column("response_url")
        batch_op.drop_column("status")
