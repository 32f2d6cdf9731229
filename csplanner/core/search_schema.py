"""The full-text index's shape, shared by the migration that builds it and the queries.

One FTS5 table holds every searchable record. Its rowid encodes the record (id * 8 + kind code),
so a trigger finds a record's row by rowid instead of scanning. Triggers on each table keep the
index in step with every insert, update and delete, including undo, redo and cascades.
"""

from dataclasses import dataclass

TABLE = "search_index"
TOKENIZE = "unicode61 remove_diacritics 2"
KIND_BITS = 8  # rowid = record id * KIND_BITS + code


@dataclass(frozen=True)
class Source:
    table: str
    code: int
    title: str  # SQL expression over the row (new./old. prefix added per trigger)
    body: tuple[str, ...]  # columns joined into the body
    account: str  # column holding the account id
    day: str | None  # the date shown beside a hit


SOURCES: tuple[Source, ...] = (
    Source("account", 1, "name", ("goal", "success_criteria"), "id", "renewal"),
    Source("stakeholder", 2, "name", ("title", "email"), "account_id", None),
    Source("discovery_note", 3, "''", ("text",), "account_id", "noted_on"),
    Source("milestone", 4, "title", ("outcome", "notes"), "account_id", "planned_on"),
    Source("obstacle", 5, "title", ("mitigation",), "account_id", "opened_on"),
    Source("check_in", 6, "''", ("summary", "next_steps"), "account_id", "held_on"),
)
BY_CODE = {s.code: s for s in SOURCES}
BY_TABLE = {s.table: s for s in SOURCES}


def _col(expr: str, row: str) -> str:
    return expr if expr.startswith("'") else f"{row}.{expr}"


def _values(s: Source, row: str) -> str:
    body = " || char(10) || ".join(f"{row}.{c}" for c in s.body)
    day = f"{row}.{s.day}" if s.day else "NULL"
    return (f"{row}.id * {KIND_BITS} + {s.code}, '{s.table}', {row}.id, {row}.{s.account}, {day}, "
            f"{_col(s.title, row)}, {body}")


def create_statements() -> list[str]:
    """The table, its ranking, and three triggers per source table."""
    out = [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        "kind UNINDEXED, record_id UNINDEXED, account_id UNINDEXED, day UNINDEXED, title, body, "
        f"tokenize='{TOKENIZE}', prefix='2 3')",
        # title weighs five times the body in bm25: a run named "SSO rollout" beats a note mentioning SSO
        f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('rank', 'bm25(0, 0, 0, 0, 5.0, 1.0)')",
    ]
    cols = f"{TABLE}(rowid, kind, record_id, account_id, day, title, body)"
    for s in SOURCES:
        watched = ", ".join(dict.fromkeys(
            c for c in (s.title, *s.body, s.account, s.day) if c and not c.startswith("'") and c != "id"))
        out += [
            f"CREATE TRIGGER {TABLE}_{s.table}_ai AFTER INSERT ON {s.table} BEGIN "
            f"INSERT INTO {cols} VALUES ({_values(s, 'new')}); END",
            f"CREATE TRIGGER {TABLE}_{s.table}_ad AFTER DELETE ON {s.table} BEGIN "
            f"DELETE FROM {TABLE} WHERE rowid = old.id * {KIND_BITS} + {s.code}; END",
            f"CREATE TRIGGER {TABLE}_{s.table}_au AFTER UPDATE OF {watched} ON {s.table} BEGIN "
            f"DELETE FROM {TABLE} WHERE rowid = old.id * {KIND_BITS} + {s.code}; "
            f"INSERT INTO {cols} VALUES ({_values(s, 'new')}); END",
        ]
    return out


def fill_statements() -> list[str]:
    """Index the records already in the file (run once, by the migration)."""
    cols = f"{TABLE}(rowid, kind, record_id, account_id, day, title, body)"
    return [f"INSERT INTO {cols} SELECT {_values(s, s.table)} FROM {s.table}" for s in SOURCES]


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {TABLE}_{s.table}_{t}" for s in SOURCES for t in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {TABLE}"
    ]


def is_index_table(name: str) -> bool:
    """The FTS table and its shadow tables, which the models do not describe."""
    return name == TABLE or name.startswith(f"{TABLE}_")
