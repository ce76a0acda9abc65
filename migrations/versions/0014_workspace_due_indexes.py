"""the tick's looks at workspaces, through indexes

Every minute the tick looks for a workspace whose kindness recap is due, one whose daily
retention sweep is due and one whose uninstall grace period is over; without indexes each
look read every workspace (about 1.5 ms each at 10,000 workspaces).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSTALLED = sa.text("uninstalled_at IS NULL")
UNINSTALLED = sa.text("uninstalled_at IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        op.f("ix_workspaces_kindness_recap_due_utc"),
        "workspaces",
        ["kindness_recap_due_utc"],
        unique=False,
    )
    op.create_index(
        op.f("ix_workspaces_retention_swept_at"),
        "workspaces",
        ["retention_swept_at"],
        unique=False,
        sqlite_where=INSTALLED,
        postgresql_where=INSTALLED,
    )
    op.create_index(
        op.f("ix_workspaces_purge_after_utc"),
        "workspaces",
        ["purge_after_utc"],
        unique=False,
        sqlite_where=UNINSTALLED,
        postgresql_where=UNINSTALLED,
    )


def downgrade() -> None:
    for column in ("purge_after_utc", "retention_swept_at", "kindness_recap_due_utc"):
        op.drop_index(op.f(f"ix_workspaces_{column}"), table_name="workspaces")
