"""Rotating backups through SQLite's backup API, in a private `backups/` folder beside the book.

Taken once a day when the app starts, before every migration, before a restore and before an
import (and on demand). Kept: the newest of each of the last 7 days that have one, the newest
of each of the last 4 weeks, and the 3 newest of any kind (so the copy taken just before a
restore survives the next one). Names are `<stem>-<reason>-<YYYYmmdd-HHMMSS-ffffff>.sqlite3`,
found by parsing, never by glob (a `[` in a name is a glob pattern).
"""

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from csplanner.core import files, paths
from csplanner.core.errors import DomainError

REASONS = ("daily", "before-migration", "before-restore", "before-import", "before-demo", "manual")
KEEP_DAYS = 7
KEEP_WEEKS = 4
KEEP_NEWEST = 3
STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str


def _pattern(db_path: Path) -> re.Pattern[str]:
    reasons = "|".join(re.escape(r) for r in REASONS)
    return re.compile(rf"{re.escape(db_path.stem)}-({reasons})-(\d{{8}}-\d{{6}}-\d{{6}})\.sqlite3")


def list_backups(db_path: Path) -> list[Backup]:
    """This book's backups, newest first."""
    folder = paths.backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found = []
    for entry in folder.iterdir():
        m = pattern.fullmatch(entry.name)
        if m and entry.is_file():
            found.append(Backup(entry, datetime.strptime(m.group(2), STAMP), m.group(1)))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def copy_database(src_uri: str, dest: Path) -> None:
    """SQLite's backup API from `src_uri` into a new file `dest`, private from its first byte."""
    fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, files.PRIVATE)
    os.close(fd)
    src = sqlite3.connect(src_uri, uri=True, timeout=5)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def take(db_path: Path, reason: str, now: datetime | None = None, out: Path | None = None) -> Path:
    """Copy the live book (consistent even while it is being edited); returns the new file.

    `now` names the file. The core's one read of the clock is the default here, and it only
    stamps a file name (the migration's backup, taken where no caller has a clock to pass).
    """
    if reason not in REASONS:
        raise ValueError(reason)
    now = now or datetime.now()
    db_path = Path(db_path).absolute()
    if out is None:
        folder = files.private_dir(paths.backups_dir(db_path))
        dest = folder / f"{db_path.stem}-{reason}-{now.strftime(STAMP)}.sqlite3"
    else:
        dest = Path(out).expanduser().absolute()
        files.refuse_database_target(dest, db_path)
        if dest.exists():
            raise DomainError(f"{dest} already exists; choose a new name for the backup.")
    part = dest.with_name(f".{dest.name}.part")
    part.unlink(missing_ok=True)
    try:
        copy_database(files.sqlite_uri(db_path, mode="ro"), part)
        os.replace(part, dest)  # a half-made copy never looks like a backup
    except sqlite3.Error as exc:
        raise DomainError(f"Could not back up {db_path}: {exc}.") from exc
    except OSError as exc:
        raise DomainError(f"Could not write the backup {dest}: {exc.strerror or exc}.") from exc
    finally:
        for leftover in (part, part.with_name(part.name + "-journal")):
            leftover.unlink(missing_ok=True)
    if out is None:
        rotate(db_path)
    return dest


def rotate(db_path: Path) -> list[Path]:
    """Delete backups no longer kept; returns what was deleted."""
    backups = list_backups(db_path)
    keep = {b.path for b in backups[:KEEP_NEWEST]}
    days: dict[object, Path] = {}
    weeks: dict[object, Path] = {}
    for b in backups:  # newest first: the first seen of a day or week is its newest
        days.setdefault(b.taken.date(), b.path)
        weeks.setdefault(b.taken.isocalendar()[:2], b.path)
    keep |= set(list(days.values())[:KEEP_DAYS]) | set(list(weeks.values())[:KEEP_WEEKS])
    gone = [b.path for b in backups if b.path not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def daily(db_path: Path, now: datetime) -> Path | None:
    """Take today's backup unless one was taken today already."""
    latest = list_backups(db_path)
    if latest and latest[0].taken.date() == now.date():
        return None
    return take(db_path, "daily", now)


def account_count(backup: Path) -> int | None:
    """How many accounts a backup holds (None if it cannot be read)."""
    try:
        conn = sqlite3.connect(files.sqlite_uri(backup, mode="ro", immutable=1), uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM account").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def restore(db_path: Path, backup: Path, now: datetime | None = None) -> Path:
    """Replace the book with `backup`, after backing up the current file; returns that backup.

    Nothing may have the book open (the app closes it first; the CLI holds its lock). The new
    file is put in place by rename, and the old file's -wal/-shm go with the old file.
    """
    from csplanner.core import dbfile  # dbfile -> migrate -> models: imported when needed

    db_path, backup = Path(db_path).absolute(), Path(backup).expanduser().absolute()
    if not backup.is_file():
        raise DomainError(f"No backup at {backup}.")
    found = dbfile.inspect(backup)
    if found.revision is None:
        raise DomainError(f"{backup} holds no csplanner book; nothing was restored.")
    dbfile.require_openable(found, read_only=True)
    if found.newer:
        raise DomainError(f"{backup} was made by a newer csplanner; update csplanner to restore it.")
    if db_path.exists():
        before = _save_current(db_path, now)
    else:
        before = backup
    part = db_path.with_name(f".{db_path.name}.restore.part")
    part.unlink(missing_ok=True)
    try:
        copy_database(files.sqlite_uri(backup, mode="ro", immutable=1), part)
        fd = os.open(part, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(part, db_path)
        for side in files.side_files(db_path)[:3]:  # the old file's -wal, -shm, -journal
            side.unlink(missing_ok=True)
    except (sqlite3.Error, OSError) as exc:
        raise DomainError(f"Could not restore {db_path}: {exc}. The book was not changed.") from exc
    finally:
        part.unlink(missing_ok=True)
    return before


def _save_current(db_path: Path, now: datetime | None) -> Path:
    """The before-restore copy: through SQLite if it can read the file, else byte for byte."""
    try:
        conn = sqlite3.connect(files.sqlite_uri(db_path), uri=True, timeout=5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the -wal's edits into the file
        finally:
            conn.close()
        return take(db_path, "before-restore", now)
    except (sqlite3.Error, DomainError):
        folder = files.private_dir(paths.backups_dir(db_path))
        dest = folder / f"{db_path.stem}-before-restore-{now.strftime(STAMP)}.sqlite3"
        files.write_atomic(dest, db_path.read_bytes())
        return dest
