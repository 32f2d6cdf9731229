"""Opening a book safely: inspect it untouched, then pragmas, backup, migrations.

A book is a SQLite file (the default) or a PostgreSQL database (core.server, for a team); the
same models, services and migrations run on both. Every way a file can be unusable is a
BadDatabase (see dbfile) raised before anything writes. A book can also be opened read-only:
browsing and export work, saving says why it cannot.
"""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import QueuePool, StaticPool
from sqlmodel import Session, create_engine

from csplanner.core import backups, dbfile, dburl, files, migrate, versions
from csplanner.core.dburl import ServerBook
from csplanner.core.errors import DomainError

SQLITE_HEADER = files.SQLITE_HEADER
BUSY_TIMEOUT_MS = 3000


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: an edit reported as saved survives a crash or power loss, even in WAL mode.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _on_connect_read_only(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.execute("PRAGMA query_only=ON")  # belt and braces to mode=ro
    dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def save_error(exc: sa.exc.DBAPIError, read_only_why: str = "") -> DomainError:
    """A failed write as a sentence: what happened, and that nothing was saved."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if read_only_why:
        return DomainError(f"This book is open read-only ({read_only_why}): edits are disabled. Nothing was saved.")
    if isinstance(exc, sa.exc.IntegrityError) and ("name_key" in text or "account.name" in text):
        return DomainError("An account with that name already exists.", "name")
    if isinstance(exc, sa.exc.IntegrityError):
        return DomainError(f"That clashes with another record ({text}); nothing was saved.")
    if "readonly" in text or "read-only" in text or "query_only" in text:
        why = "the book is open read-only"
    elif "lock timeout" in text:  # PostgreSQL: a row someone else is saving
        why = "someone else is saving the same record on the server; try again in a moment"
    elif "locked" in text or "busy" in text:
        why = "the database is locked by another program; try again in a moment"
    elif "full" in text:
        why = "the disk is full; free some space and try again"
    else:
        why = f"the database reported: {text}"
    return DomainError(f"Could not save: {why}. Nothing was saved.")


class Database:
    """One book. `session()` gives a short unit of work that commits on success.

    `path` is the file, or None for a book on a server (`server`); `label` names either.
    """

    def __init__(self, path: Path | None, engine: sa.Engine, read_only_why: str = "",
                 server: ServerBook | None = None) -> None:
        self.path = path
        self.engine = engine
        self.read_only_why = read_only_why  # why edits are disabled; "" when they are not
        self.server = server
        self.checked = True  # False: opened without its quick_check, which the caller runs later
        self.damaged: dbfile.BadDatabase | None = None  # what that later check found (found_damaged)
        self.ledger = versions.Ledger()  # what this app instance wrote itself (undo, the poll)

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_why)

    @property
    def threads_ok(self) -> bool:
        """Several threads may each take a connection: not a book upgraded in memory (one connection)."""
        return not isinstance(self.engine.pool, StaticPool)

    def found_damaged(self, problem: dbfile.BadDatabase) -> None:
        """The later quick_check found damage: from now on the file is only read (mode=ro, query_only);
        every edit says why, and a restore from a backup is still allowed."""
        writable = not self.read_only and self.path is not None
        self.damaged = problem
        self.read_only_why = "it is damaged"  # short: the status bar says it; the message said what SQLite found
        if writable:  # a read-only book's engine reads only already
            found = dbfile.Inspection(self.path, True, migrate.head_revision(),  # type: ignore[arg-type]
                                      read_only_why=dbfile.writable_problem(self.path))  # type: ignore[arg-type]
            old, self.engine = self.engine, _read_only_engine(found)
            old.dispose()

    @property
    def is_file(self) -> bool:
        return self.server is None

    @property
    def label(self) -> str:
        """The book in a message: its file's path, or its server database (never a password)."""
        return self.server.label if self.server is not None else str(self.path)

    @property
    def name(self) -> str:
        """Short, for a window title."""
        return self.server.name if self.server is not None else self.path.name  # type: ignore[union-attr]

    @contextmanager
    def session(self, who: str = "", now: datetime | None = None) -> Iterator[Session]:
        """`who` and `now` stamp the rows this unit of work changes (core.versions)."""
        # expire_on_commit=False: returned objects stay readable as plain snapshots.
        with versions.BookSession(self.engine, expire_on_commit=False) as session:
            versions.watch(session, self.ledger, who, now)
            try:
                yield session
                session.commit()
            except sa.orm.exc.StaleDataError as exc:  # a writer got in between our read and write
                session.rollback()
                raise versions.Stale(versions.RACED) from exc
            except sa.exc.DBAPIError as exc:  # locked, read-only, disk full, a clash: a message
                session.rollback()
                raise save_error(exc, self.read_only_why) from exc
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()

    def restore(self, backup: Path, now: datetime) -> Path:
        """Replace this book with `backup` (backing up the current file first), then go on
        working on it, migrated if the backup is older. Returns the before-restore backup."""
        if self.read_only and self.damaged is None:  # a damaged book is exactly what a restore is for
            raise DomainError(f"Cannot restore: {self.read_only_why}.")
        if self.path is None:
            raise DomainError(FILE_ONLY_RESTORE)
        self.engine.dispose()  # no connection may stay open on the file being replaced
        before = backups.restore(self.path, backup, now)
        self.engine = open_database(self.path).engine
        self.read_only_why, self.damaged = "", None
        return before


def make_engine(path: Path) -> sa.Engine:
    # A quoted URI through a creator: in a `sqlite:///` URL a `?` or `#` in the name cuts the path.
    uri = files.sqlite_uri(Path(path))
    engine = create_engine(
        "sqlite://", poolclass=QueuePool,
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
    )
    event.listen(engine, "connect", _on_connect)
    return engine


def _read_only_engine(found: dbfile.Inspection) -> sa.Engine:
    """The file itself (mode=ro) when its schema is this app's or newer; an older one is
    copied into memory and upgraded there, so the screens find the columns they expect."""
    path = found.path
    uri = dbfile.read_uri(path, found.read_only_why)
    if found.newer or found.revision == migrate.head_revision():
        engine = create_engine("sqlite://", poolclass=QueuePool,
                               creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
        event.listen(engine, "connect", _on_connect_read_only)
        return engine
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    source = sqlite3.connect(uri, uri=True)
    try:
        source.backup(memory)
    finally:
        source.close()
    engine = create_engine("sqlite://", poolclass=StaticPool, creator=lambda: memory)
    event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA foreign_keys=ON"))
    migrate.upgrade(engine)
    event.listen(engine, "connect", _on_connect_read_only)
    with engine.connect() as conn:  # StaticPool: the one connection, already connected
        conn.exec_driver_sql("PRAGMA query_only=ON")
    return engine


def _create_new(path: Path) -> None:
    """Build a new book beside `path` and link it into place whole: a crash never leaves an
    empty or half-made file behind (that would be refused as damaged on the next start)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.new")
    for old in (part, *files.side_files(part)[:3]):
        old.unlink(missing_ok=True)
    try:
        os.close(os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, files.PRIVATE))
        engine = make_engine(part)
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        try:
            os.link(part, path)
        except FileExistsError:
            pass  # another process made it first: open theirs
    except OSError as exc:
        raise DomainError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
    finally:
        part.unlink(missing_ok=True)


FILE_ONLY_RESTORE = ("Restore replaces a book file; a book on a server is restored with "
                     "`csplanner copy --from BACKUP --to URL --replace`.")


def open_database(path: Path | str | ServerBook, *, read_only: bool = False, migrate_schema: bool = True,
                  check: bool = True) -> Database:
    """Open (creating if needed) a book: refuse a bad file untouched, back up, migrate.

    `path`: a file, or a postgresql:// URL (a str, or parsed by core.dburl).
    read_only: never write the file (a read-only or newer file; exports). Raises BadDatabase.
    check=False: leave the whole-file quick_check to the caller (`dbfile.quick_check`, then
    `Database.found_damaged`), unless a migration is due: an upgrade never writes an unchecked file.
    """
    where = dburl.parse(path)
    if isinstance(where, ServerBook):
        from csplanner.core import server

        engine, why = server.open_book(where, read_only=read_only, migrate_schema=migrate_schema)
        return Database(None, engine, why, server=where)
    path = where.absolute()
    found = dbfile.inspect(path, check=check)
    if not check and found.exists and not read_only and migrate_schema and found.revision != migrate.head_revision():
        found, check = dbfile.inspect(path), True  # raises for a damaged file, like a checked open
    if not found.exists:
        if read_only:
            raise DomainError(f"No database at {path}.")
        if found.read_only_why:
            raise DomainError(f"Cannot create {path}: {found.read_only_why}. Choose another folder.")
        _create_new(path)
        found, check = dbfile.inspect(path), True
    dbfile.require_openable(found, read_only=read_only)
    if read_only:
        why = found.read_only_why or ("it was made by a newer csplanner" if found.newer else "it was opened read-only")
        book = Database(path, _read_only_engine(found), why)
        book.checked = check
        return book
    engine = make_engine(path)
    try:
        if migrate_schema and found.revision != migrate.head_revision():
            if found.revision is not None:
                backups.take(path, "before-migration")
            migrate.upgrade(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise save_error(exc) from exc
    except BaseException:
        engine.dispose()
        raise
    book = Database(path, engine)
    book.checked = check
    return book


def backup(path: Path, dest_dir: Path | None = None, reason: str = "manual") -> Path:
    """One backup now (kept for callers of the old API); see core.backups."""
    del dest_dir
    return backups.take(Path(path).absolute(), reason if reason in backups.REASONS else "manual")
