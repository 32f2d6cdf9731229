"""The book itself: `check`, `backup`, `restore`, `export-json`, `import-json`, `copy`."""

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from csplanner.cli.base import UsageError, db_path, existing_db
from csplanner.core.dburl import ServerBook
from csplanner.core.errors import DomainError


@contextmanager
def locked(path: Path | ServerBook) -> Iterator[None]:
    """Writing commands hold the same lock as the app: never two writers' worth of surprise.
    A server's book is shared by design: its writes are transactions, no lock is taken."""
    from csplanner import instance_lock

    if isinstance(path, ServerBook):
        yield
        return
    held = instance_lock.acquire(path)
    if held.problem:
        raise DomainError(instance_lock.message(path, held.problem))
    try:
        yield
    finally:
        held.release()


def cmd_check(args: argparse.Namespace) -> int:
    """Strictly read-only: opens mode=ro/immutable, never changes a byte of the file."""
    from csplanner.core import dbfile

    where = existing_db(args)
    if isinstance(where, ServerBook):
        return _check_server(where)
    path = where
    found = dbfile.inspect(path, full=True)
    schema = _schema(found.revision, found.newer, "a blank SQLite file", ", after a backup")
    print(f"integrity: {found.integrity}")
    refs = found.broken_references
    print(f"foreign keys: {'ok' if not refs else f'{refs} broken references'}")
    print(f"schema: {schema}")
    if found.read_only_why:
        print(f"access: read-only ({found.read_only_why}); csplanner will offer to open it read-only")
    if found.integrity != "ok":
        raise DomainError(f"{path} is damaged; {dbfile.RESTORE}")
    return 1 if found.newer or refs else 0


def _schema(revision: str | None, newer: bool, blank: str, upgrade: str) -> str:
    """The check's schema line for a file and a server alike: only what a blank book is and how it
    is upgraded differ."""
    from csplanner.core import migrate

    head = migrate.head_revision()
    if revision is None:
        return f"none ({blank}: csplanner will set it up when opened)"
    if newer:
        return f"{revision} — newer than this csplanner (latest {head}); update csplanner, or open it read-only"
    if revision != head:
        return f"{revision} (latest {head}) — will be upgraded when opened{upgrade}"
    return f"{revision} (latest {head})"


def _check_server(book: ServerBook) -> int:
    """Only reads, like a file's check; integrity and references are the server's own guarantees."""
    from csplanner.core import server

    found = server.inspect(book)
    print(f"database: {book.label}")
    print("integrity: kept by the server (foreign keys are enforced on every write)")
    schema = _schema(found.revision, found.newer, "an empty database", " (in one transaction)")
    print(f"schema: {schema}")
    if found.read_only_why:
        print(f"access: read-only ({found.read_only_why}); csplanner will offer to open it read-only")
    return 1 if found.newer else 0


def cmd_backup(args: argparse.Namespace) -> int:
    from csplanner.core import backups, dbfile

    where = existing_db(args)
    if isinstance(where, ServerBook):
        return _backup_server(where, args.out)
    path = where
    found = dbfile.inspect(path)
    if found.revision is None:
        raise DomainError(f"{path} holds no csplanner book yet; nothing to back up.")
    out = backups.take(path, "manual", datetime.now(), out=Path(args.out) if args.out else None)
    print(f"Backed up {path} to {out}")
    return 0


def _backup_server(book: ServerBook, out: str | None) -> int:
    """A server's book is backed up by its server (pg_dump); this takes a person's own copy, as a
    new book file (--out, else the backups folder in the user data folder)."""
    from csplanner.core import book_copy, paths
    from csplanner.core.db import open_database

    db = open_database(book, read_only=True)
    try:
        if out:
            dest = Path(out).expanduser().absolute()
            copied = book_copy.into_new_file(db, dest)
        else:
            dest, copied = book_copy.snapshot(db, paths.data_dir() / "backups", datetime.now())
    finally:
        db.dispose()
    print(f"Backed up {book.label} to {dest} ({copied.rows.get('account', 0)} accounts, {copied.total} rows)")
    return 0


def _copy(source: Path | ServerBook, target: Path | ServerBook, *, replace: bool) -> "book_copy.Copied":
    from csplanner.core import book_copy
    from csplanner.core.db import open_database

    if book_copy.same_place(source, target):
        raise DomainError("--from and --to are the same book; nothing was copied.")
    if isinstance(source, Path) and not source.is_file():
        raise DomainError(f"No database at {source}.")
    src = open_database(source, read_only=True)  # the source is never written
    try:
        with locked(target):
            dst = open_database(target)
            try:
                return book_copy.copy_book(src, dst, replace=replace)
            finally:
                dst.dispose()
    finally:
        src.dispose()


def cmd_copy(args: argparse.Namespace) -> int:
    from csplanner.cli import warn_password
    from csplanner.core import dburl

    for value in (args.source, args.target):
        warn_password(value)
    source, target = dburl.parse(args.source), dburl.parse(args.target)
    copied = _copy(source, target, replace=args.replace)
    named = [w.label if isinstance(w, ServerBook) else str(w) for w in (source, target)]
    print(f"Copied {copied.rows.get('account', 0)} accounts ({copied.total} rows in {len(copied.rows)} tables) "
          f"from {named[0]} to {named[1]}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from csplanner.core import backups

    from csplanner.core.db import FILE_ONLY_RESTORE

    where = db_path(args)
    if isinstance(where, ServerBook):
        raise DomainError(f"{where.label}: {FILE_ONLY_RESTORE}")
    path = where
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
    shown = path.label if isinstance(path, ServerBook) else path
    print(f"Imported {result.accounts} account{'s' if result.accounts != 1 else ''} into {shown}{skipped}")
    return 0


def register(command: Any) -> None:
    copy = command("copy", cmd_copy, "copy a whole book between a file and a PostgreSQL server, either way "
                   "(ids and every field kept; one transaction)")
    copy.add_argument("--from", dest="source", required=True, metavar="PATH|URL", help="the book to copy (never changed)")
    copy.add_argument("--to", dest="target", required=True, metavar="PATH|URL",
                      help="where it goes: a file (made if missing) or postgresql://user@host/database")
    copy.add_argument("--replace", action="store_true", help="write over a target that already holds a book")
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
