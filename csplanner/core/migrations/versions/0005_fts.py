"""full-text search index (FTS5 on SQLite, tsvector with GIN on PostgreSQL) kept in step by triggers

Revision ID: 0005_fts
Revises: 0004_name_key
"""
from collections.abc import Sequence

from alembic import op

from csplanner.core import search_schema, search_schema_pg

revision: str = "0005_fts"
down_revision: str | None = "0004_name_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        search_schema_pg.create(op.get_bind())
        return
    for statement in search_schema.create_statements() + search_schema.fill_statements():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        search_schema_pg.drop(op.get_bind())
        return
    for statement in search_schema.drop_statements():
        op.execute(statement)
