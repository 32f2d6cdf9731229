"""Ids given explicitly (a copy, a JSON import, a CSV import) and PostgreSQL's sequences.

SQLite hands out max(id) + 1, so explicit ids need nothing. PostgreSQL's sequence does not see
them: without a reset its next id would clash with a row just inserted.
"""

from collections.abc import Iterable

import sqlalchemy as sa


def serial_tables(tables: Iterable[sa.Table]) -> list[sa.Table]:
    """The tables whose `id` comes from a sequence."""
    return [t for t in tables if "id" in t.c and t.c.id.primary_key and t.c.id.autoincrement is not False
            and isinstance(t.c.id.type, sa.Integer)]


def reset(conn: sa.Connection, tables: Iterable[sa.Table]) -> None:
    """After explicit ids: each table's sequence continues after its highest id (no-op on SQLite)."""
    if conn.dialect.name != "postgresql":
        return
    for table in serial_tables(tables):
        conn.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence(:table, 'id'), coalesce(max(id), 0) + 1, false) "
            f'FROM "{table.name}"'), {"table": f'"{table.name}"'})
