"""meta table with the database's own identity (stable calendar UIDs)

Revision ID: 0006_book_id
Revises: 0005_fts
"""
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_book_id"
down_revision: str | None = "0005_fts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    meta = op.create_table(
        "meta",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    # Each file gets its own identity once; copies and backups keep it (they are the same book).
    op.bulk_insert(meta, [{"key": "book_id", "value": str(uuid.uuid4())}])


def downgrade() -> None:
    op.drop_table("meta")
