"""account.name_key: Unicode case-folded names, unique; names stored NFC

Revision ID: 0004_name_key
Revises: 0003_currency_minor_units
"""
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_name_key"
down_revision: str | None = "0003_currency_minor_units"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(name: str) -> str:  # frozen copy of core.names.key as of this revision
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name.strip()).casefold())


def upgrade() -> None:
    # A plain ADD COLUMN (nullable): no table copy, so no child row is ever at risk.
    op.add_column("account", sa.Column("name_key", sa.String(), nullable=True))
    conn = op.get_bind()
    taken: set[str] = set()
    rows = conn.execute(sa.text("SELECT id, name FROM account ORDER BY id")).fetchall()
    for account_id, name in rows:
        clean = unicodedata.normalize("NFC", name.strip())
        # Names that only differed in case ("Ärzte"/"ÄRZTE") were allowed before: the later
        # one gets a number, so the upgrade never fails and no account is lost.
        candidate, n = clean, 2
        while _key(candidate) in taken:
            candidate, n = f"{clean} ({n})", n + 1
        taken.add(_key(candidate))
        conn.execute(sa.text("UPDATE account SET name = :name, name_key = :key WHERE id = :id"),
                     {"name": candidate, "key": _key(candidate), "id": account_id})
    op.create_index("ix_account_name_key", "account", ["name_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_account_name_key", table_name="account")
    with op.batch_alter_table("account") as batch:
        batch.drop_column("name_key")
