"""The file itself: `check`, `backup`, `restore`, `export-json`, `import-json`."""

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from csplanner.cli.base import UsageError, db_path, existing_db
from csplanner.core.errors import DomainError


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Writing commands hold the same lock as the app: never two writers' worth of surprise."""
    from csplanner import instance_lock

    held = instance_lock.acquire(path)
    if held.problem:
        raise DomainError(instance_lock.message(path, held.problem))
    try:
        yield
    finally:
        held.release()


def cmd_check(args: argparse.Namespace) -> int:
    """Strictly read-only: opens mode=ro/immutable, never changes a byte of the file."""
    from csplanner.core import dbfile, migrate

    path = existing_db(args)
    found = dbfile.inspect(path, full=True)
    head = migrate.head_revision()
    if found.revision is None:
        schema = "none (a blank SQLite file: csplanner will set it up when opened)"
    elif found.newer:
        schema = f"{found.revision} — newer than this csplanner (latest {head}); update csplanner, or open it read-only"
    elif found.revision != head:
        schema = f"{found.revision} (latest {head}) — will be upgraded when opened, after a backup"
    else:
        schema = f"{found.revision} (latest {head})"
    print(f"integrity: {found.integrity}")
    refs = found.broken_references
    print(f"foreign keys: {'ok' if not refs else f'{refs} broken references'}")
    print(f"schema: {schema}")
    if found.read_only_why:
        print(f"access: read-only ({found.read_only_why}); csplanner will offer to open it read-only")
    if found.integrity != "ok":
        raise DomainError(f"{path} is damaged; {dbfile.RESTORE}")
    return 1 if found.newer or refs else 0


def cmd_backup(args: argparse.Namespace) -> int:
    from csplanner.core import backups, dbfile

    path = existing_db(args)
    found = dbfile.inspect(path)
    if found.revision is None:
        raise DomainError(f"{path} holds no csplanner book yet; nothing to back up.")
    out = backups.take(path, "manual", datetime.now(), out=Path(args.out) if args.out else None)
    print(f"Backed up {path} to {out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from csplanner.core import backups

    path = db_path(args)
    with locked(path):
        before = backups.restore(path, Path(args.backup), datetime.now())
    print(f"Restored {path} from {args.backup} (the previous book was saved as {before})")
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    from csplanner.core import book_json
    from csplanner.core.db import open_database

    db = open_database(existing_db(args), read_only=True)
    try:
        out, count = book_json.export(db, args.out)
    finally:
        db.dispose()
    print(f"Wrote {out} ({count} account{'s' if count != 1 else ''})")
    return 0


def cmd_import_json(args: argparse.Namespace) -> int:
    from csplanner.core import book_json
    from csplanner.core.db import open_database

    if args.replace and args.merge:
        raise UsageError("choose one of --replace and --merge")
    mode = "replace" if args.replace else "merge" if args.merge else None
    path = db_path(args)
    with locked(path):
        db = open_database(path)
        try:
            result = book_json.import_book(db, args.file, mode, datetime.now())
        finally:
            db.dispose()
    skipped = f"; skipped {len(result.skipped_accounts)} already in the book" if result.skipped_accounts else ""
    print(f"Imported {result.accounts} account{'s' if result.accounts != 1 else ''} into {path}{skipped}")
    return 0


def register(command: Any) -> None:
    command("check", cmd_check, "check a database's integrity and schema version (never changes the file)")
    backup = command("backup", cmd_backup, "copy the database into its backups folder (or --out FILE)")
    backup.add_argument("--out", metavar="FILE", help="where to write the copy (default: backups/ beside the database)")
    restore = command("restore", cmd_restore, "replace the database with a backup (the current file is backed up first)")
    restore.add_argument("backup", metavar="BACKUP", help="the backup file to restore")
    export = command("export-json", cmd_export_json, "write the whole book as JSON")
    export.add_argument("--out", required=True, metavar="FILE", help="where to write the JSON")
    imp = command("import-json", cmd_import_json, "read a book written by export-json")
    imp.add_argument("file", metavar="FILE", help="the JSON file")
    imp.add_argument("--replace", action="store_true", help="the file's book replaces this one")
    imp.add_argument("--merge", action="store_true", help="add the file's accounts that are not in this book")
