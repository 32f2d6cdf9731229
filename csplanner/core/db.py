"""Opening a database file safely: permissions, pragmas, integrity, backup, migrations."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session, create_engine

from csplanner.core import files, migrate
from csplanner.core.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"
KEEP_BACKUPS = 10


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: an edit reported as saved survives a crash or power loss, even in WAL mode.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=3000")
    cur.close()


def check_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database, before anything can write to it."""
    if path.is_dir():
        raise DomainError(f"{path} is a folder, not a database file.")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except PermissionError as exc:
        raise DomainError(f"Cannot read {path}: permission denied.") from exc
    if header != SQLITE_HEADER:
        raise DomainError(f"{path} is not a csplanner database (it is damaged or another kind of file).")


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise DomainError(f"Cannot create {path}: {exc.strerror}.") from exc
    os.close(fd)


def backup(path: Path, dest_dir: Path | None = None, reason: str = "backup") -> Path:
    """Copy a live database with SQLite's backup API; keeps the newest KEEP_BACKUPS."""
    dest_dir = dest_dir or path.parent / "backups"
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = dest_dir / f"{path.stem}-{reason}-{stamp}.sqlite3"
    src = sqlite3.connect(files.sqlite_uri(path, mode="ro"), uri=True)
    try:
        dst = sqlite3.connect(dest)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    os.chmod(dest, 0o600)
    old = sorted(dest_dir.glob(f"{path.stem}-{reason}-*.sqlite3"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return dest


class Database:
    """One database file. `session()` gives a short unit of work that commits on success."""

    def __init__(self, path: Path, engine: sa.Engine) -> None:
        self.path = path
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        # expire_on_commit=False: returned objects stay readable as plain snapshots.
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(path: Path) -> sa.Engine:
    # A quoted URI through a creator: in a `sqlite:///` URL a `?` or `#` in the name cuts the path.
    uri = files.sqlite_uri(Path(path))
    engine = create_engine(
        "sqlite://", poolclass=sa.pool.QueuePool,
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
    )
    event.listen(engine, "connect", _on_connect)
    return engine


def open_database(path: Path | str, *, migrate_schema: bool = True) -> Database:
    """Open (creating if needed) a database file, back it up and migrate it to the latest schema."""
    path = Path(path).expanduser().absolute()
    check_file(path)
    existed = path.exists() and path.stat().st_size > 0
    _create_private(path)
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            if result != "ok":
                raise DomainError(f"{path} is damaged ({result}); it was left untouched.")
        if migrate_schema:
            if existed and migrate.needs_upgrade(engine):
                if migrate.current_revision(engine) is None and not migrate.is_empty(engine):
                    raise DomainError(f"{path} is a SQLite file but not a csplanner database.")
                backup(path, reason="before-migration")
            migrate.upgrade(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        msg = str(exc.orig) if exc.orig else str(exc)
        if "locked" in msg:
            raise DomainError(f"{path} is locked by another program; close it and try again.") from exc
        if "readonly" in msg or "read-only" in msg:
            raise DomainError(f"{path} is read-only; csplanner needs to write to it.") from exc
        raise DomainError(f"Cannot open {path}: {msg}.") from exc
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise DomainError(f"{path} is damaged or not a database: {exc.orig}.") from exc
    except DomainError:
        engine.dispose()
        raise
    return Database(path, engine)
