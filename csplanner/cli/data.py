"""The file itself: `check` (and backups, restore, JSON export/import)."""

import argparse
from typing import Any

from csplanner.cli.base import existing_db
from csplanner.core.errors import DomainError


def cmd_check(args: argparse.Namespace) -> int:
    import sqlite3

    from csplanner.core import files, migrate
    from csplanner.core.db import check_file, make_engine

    path = existing_db(args)
    check_file(path)
    conn = sqlite3.connect(files.sqlite_uri(path, mode="ro"), uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        fk_errors = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DomainError(f"{path} is damaged or not a database: {exc}.") from exc
    finally:
        conn.close()
    engine = make_engine(path)
    try:
        current = migrate.current_revision(engine)
    finally:
        engine.dispose()
    head = migrate.head_revision()
    print(f"integrity: {result}")
    print(f"foreign keys: {'ok' if not fk_errors else f'{len(fk_errors)} broken references'}")
    print(f"schema: {current or 'none'} (latest {head}){'' if current == head else ' — will be upgraded when opened'}")
    return 0 if result == "ok" and not fk_errors else 1


def register(command: Any) -> None:
    command("check", cmd_check, "check a database's integrity and schema version")
