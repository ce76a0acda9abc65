"""working hours and holidays per person

Each member's working hours (minutes after their local midnight; messages that can wait are
held until then) and the country whose public holidays they keep (none: from their zone).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("work_starts", sa.Integer(), server_default="540", nullable=False)
        )
        batch_op.add_column(
            sa.Column("work_ends", sa.Integer(), server_default="1080", nullable=False)
        )
        batch_op.add_column(sa.Column("holiday_country", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("holiday_country")
        batch_op.drop_column("work_ends")
        batch_op.drop_column("work_starts")
