"""The full-text index on PostgreSQL: the same rows as SQLite's FTS5 table, searched by tsvector.

`search_index` is a plain table with the same columns and rowid encoding (id * 8 + kind code),
kept in step by one trigger function per source table. Its `doc` column is a generated tsvector
(title weighted A, body B) with a GIN index. The text search configuration `csplanner_search`
lower-cases every word and, where the `unaccent` extension can be created, folds diacritics
("Ärzte" finds "arzte"), as SQLite's `remove_diacritics` does. Where it cannot, search still works
but matches accents exactly; `accents_folded()` says which, and `csplanner search` says so.
"""

import sqlalchemy as sa

from csplanner.core.search_schema import KIND_BITS, SOURCES, TABLE, Source

CONFIG = "csplanner_search"
# Split as SQLite's unicode61 does where PostgreSQL's parser keeps one token: an email, a URL,
# a host or a file path is indexed as its words ("ana@acme.com" is found by "acme").
SPLIT = "translate({}, '@/:._', '     ')"
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart"


def _body(s: Source, row: str) -> str:
    return " || chr(10) || ".join(f"coalesce({row}.{c}, '')" for c in s.body)


def _title(s: Source, row: str) -> str:
    return s.title if s.title.startswith("'") else f"coalesce({row}.{s.title}, '')"


def _values(s: Source, row: str) -> str:
    day = f"{row}.{s.day}" if s.day else "NULL"
    return (f"{row}.id * {KIND_BITS} + {s.code}, '{s.table}', {row}.id, {row}.{s.account}, {day}, "
            f"{_title(s, row)}, {_body(s, row)}")


COLS = f"{TABLE} (rowid, kind, record_id, account_id, day, title, body)"


def create(conn: sa.Connection) -> None:
    """Build the index (run by migration 0005 on PostgreSQL, inside its transaction)."""
    schema = _try_unaccent(conn)
    run = conn.exec_driver_sql
    run(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple)")
    if schema is not None:
        run(f'ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {WORD_TOKENS} WITH "{schema}".unaccent, simple')
    run(f"CREATE TABLE {TABLE} (rowid bigint PRIMARY KEY, kind text NOT NULL, record_id integer NOT NULL, "
        "account_id integer NOT NULL, day date, title text NOT NULL, body text NOT NULL, "
        f"doc tsvector GENERATED ALWAYS AS (setweight(to_tsvector('{CONFIG}', {SPLIT.format('title')}), 'A') || "
        f"setweight(to_tsvector('{CONFIG}', {SPLIT.format('body')}), 'B')) STORED)")
    run(f"CREATE INDEX {TABLE}_doc ON {TABLE} USING gin (doc)")
    for s in SOURCES:
        watched = ", ".join(dict.fromkeys(
            c for c in (s.title, *s.body, s.account, s.day) if c and not c.startswith("'") and c != "id"))
        run(f"CREATE FUNCTION {TABLE}_{s.table}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN DELETE FROM {TABLE} WHERE rowid = OLD.id * {KIND_BITS} + {s.code}; END IF; "
            f"IF TG_OP <> 'DELETE' THEN INSERT INTO {COLS} VALUES ({_values(s, 'NEW')}); END IF; "
            "RETURN NULL; END $fn$")
        run(f"CREATE TRIGGER {TABLE}_{s.table} AFTER INSERT OR DELETE OR UPDATE OF {watched} ON {s.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_{s.table}()")
        run(f"INSERT INTO {COLS} SELECT {_values(s, s.table)} FROM {s.table}")


def _unaccent_schema(conn: sa.Connection) -> str | None:
    return conn.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'unaccent'").scalar()


def _try_unaccent(conn: sa.Connection) -> str | None:
    """The schema of the unaccent extension, created if the server has it and we may; None: it
    cannot be had (no postgresql-contrib, no right to create it) and search keeps accents."""
    found = _unaccent_schema(conn)
    if found is not None:
        return found
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION unaccent")
    except sa.exc.DBAPIError:
        return None
    return _unaccent_schema(conn)


def drop(conn: sa.Connection) -> None:
    for s in SOURCES:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {TABLE}_{s.table} ON {s.table}")
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {TABLE}_{s.table}()")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")
    conn.exec_driver_sql(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


def accents_folded(conn: sa.Connection) -> bool:
    """Whether the index folds diacritics (the configuration maps words through unaccent)."""
    return bool(conn.exec_driver_sql(
        "SELECT 1 FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg "
        "JOIN pg_ts_dict d ON d.oid = m.mapdict "
        f"WHERE c.cfgname = '{CONFIG}' AND d.dictname = 'unaccent' LIMIT 1").scalar())
