"""who keeps holidays, found at once

The check-in tick asks every minute whether any workspace keeps public holidays or any member
chose a country; without an index that read went through every member (about 70 ms at a
million members). Each index holds only the rows that have a country.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HAS_COUNTRY = sa.text("holiday_country IS NOT NULL")


def upgrade() -> None:
    for table in ("workspaces", "members"):
        op.create_index(
            op.f(f"ix_{table}_holiday_country"),
            table,
            ["holiday_country"],
            unique=False,
            sqlite_where=HAS_COUNTRY,
            postgresql_where=HAS_COUNTRY,
        )


def downgrade() -> None:
    for table in ("members", "workspaces"):
        op.drop_index(op.f(f"ix_{table}_holiday_country"), table_name=table)
