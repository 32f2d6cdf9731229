"""Looking at a database file without changing a byte of it: what is it, and can we open it?

`inspect()` opens the file read-only (`mode=ro`, or `immutable=1` where nothing else can be
writing), never switches journal modes, never creates tables, and turns every way a file can
be wrong into a `BadDatabase` whose message says what is wrong and what the user can do.
"""

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from csplanner.core import files, migrate
from csplanner.core.errors import DomainError

LOCK_WAIT_S = 0.5  # a reader waits this long for a writer's lock, then says "locked"


class Problem(StrEnum):
    FOLDER = "folder"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    NOT_DATABASE = "not a database"
    DAMAGED = "damaged"
    FOREIGN = "another program's database"
    NEWER = "newer schema"
    READ_ONLY = "read-only"
    LOCKED = "locked"


class BadDatabase(DomainError):
    """A file csplanner cannot open for editing; `can_read_only`: offer to open it read-only."""

    def __init__(self, path: Path | None, problem: Problem, message: str) -> None:  # None: a server's book
        super().__init__(message)
        self.path = path
        self.problem = problem
        self.can_read_only = problem in (Problem.NEWER, Problem.READ_ONLY)


RESTORE = "Restore a backup (File → Restore from backup…, or `csplanner restore`) or open another file."


def bad(path: Path, problem: Problem, detail: str = "") -> BadDatabase:
    text = {
        Problem.FOLDER: f"{path} is a folder, not a database file. Open a file instead.",
        Problem.UNREADABLE: f"Cannot read {path}: permission denied. Fix its permissions or open another file.",
        Problem.EMPTY: f"{path} is empty (0 bytes) and holds no book; it was left untouched. {RESTORE}",
        Problem.NOT_DATABASE: f"{path} is not a csplanner database (it is damaged or another kind of file); it was left untouched. {RESTORE}",
        Problem.DAMAGED: f"{path} is damaged ({detail}); it was left untouched. {RESTORE}",
        Problem.FOREIGN: f"{path} is a SQLite file but not a csplanner database (it belongs to another program); it was left untouched. Open another file.",
        Problem.NEWER: f"{path} was made by a newer csplanner (schema {detail}); it was left untouched. Update csplanner, or open it read-only.",
        Problem.READ_ONLY: f"{path} is read-only ({detail}). Open it read-only, or make it writable and try again.",
        Problem.LOCKED: f"{path} is locked by another program; it was left untouched. Close that program and try again, or open another file.",
    }[problem]
    return BadDatabase(path, problem, text)


@dataclass(frozen=True)
class Inspection:
    path: Path
    exists: bool
    revision: str | None = None  # alembic revision; None for a new or blank file
    known: bool = True  # the revision is one this csplanner has a script for
    integrity: str = "ok"  # "ok" or the first problem SQLite found
    read_only_why: str = ""  # "" when csplanner can write the file and its folder
    broken_references: int = 0  # rows whose parent is gone (checked with full=True)

    @property
    def newer(self) -> bool:
        return self.revision is not None and not self.known


def writable_problem(path: Path) -> str:
    """Why the file (or its folder, where SQLite keeps its -wal and -shm) cannot be written, or ''."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    while not folder.exists() and folder != folder.parent:  # a new file's folder is made later
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only"
    return ""


def read_uri(path: Path, read_only_why: str = "") -> str:
    """A read-only URI. WAL files with no -wal beside them (no one has them open) and files in a
    read-only folder are opened immutable, so not even a -shm appears; otherwise mode=ro,
    which reads another program's recent edits and respects its locks."""
    wal_header = _header(path)[18:20] == b"\x02\x02"
    busy = any(p.exists() for p in files.side_files(path)[:3])  # -wal, -shm, -journal
    if (wal_header and not busy) or read_only_why.startswith("its folder"):
        return files.sqlite_uri(path, mode="ro", immutable=1)
    return files.sqlite_uri(path, mode="ro")


def _connect(path: Path, read_only_why: str) -> sqlite3.Connection:
    return sqlite3.connect(read_uri(path, read_only_why), uri=True, timeout=LOCK_WAIT_S, check_same_thread=False)


def _header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(100)


def _known_revisions() -> frozenset[str]:
    return migrate.known_revisions()  # from the scripts' text: no Alembic import at start


def inspect(path: Path, *, full: bool = False, check: bool = True) -> Inspection:
    """What `path` holds, read-only; raises BadDatabase for anything csplanner cannot use.

    `full`: PRAGMA integrity_check (slow, for `check`); else quick_check. A damaged file is
    returned (not raised) when `full`, so the caller can report every finding.
    `check=False` skips quick_check (it reads every page: 0.7 s for a 170 MB book); the caller
    runs `quick_check()` later (the app: in a worker thread, after its first paint).
    """
    path = Path(path).absolute()
    if path.is_dir():
        raise bad(path, Problem.FOLDER)
    if not path.exists():
        return Inspection(path, exists=False, read_only_why=writable_problem(path))
    try:
        header = _header(path)
    except PermissionError:
        raise bad(path, Problem.UNREADABLE) from None
    if not header:
        raise bad(path, Problem.EMPTY)
    if not header.startswith(files.SQLITE_HEADER):
        raise bad(path, Problem.NOT_DATABASE)
    why = writable_problem(path)
    try:
        conn = _connect(path, why)
    except sqlite3.Error as exc:
        raise _classify(path, exc) from None
    try:
        integrity = _integrity(conn, full) if check or full else "ok"
        if integrity != "ok" and not full:
            raise bad(path, Problem.DAMAGED, integrity)
        broken = len(conn.execute("PRAGMA foreign_key_check").fetchall()) if full else 0
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        elif tables - {"sqlite_sequence"}:
            raise bad(path, Problem.FOREIGN)
    except sqlite3.Error as exc:
        raise _classify(path, exc) from None
    finally:
        conn.close()
    known = revision is None or revision in _known_revisions()
    return Inspection(path, True, revision, known, integrity, why, broken)


def _integrity(conn: sqlite3.Connection, full: bool) -> str:
    """"ok", or SQLite's findings in one line."""
    pragma = "integrity_check" if full else "quick_check"
    found = [line.strip() for r in conn.execute(f"PRAGMA {pragma}(20)") for line in str(r[0]).splitlines()]
    return found[0] if found == ["ok"] else _summary([f for f in found if f and f != "*** in database main ***"])


def quick_check(path: Path, stop: Callable[[], bool] = lambda: False) -> BadDatabase | None:
    """The quick_check `inspect(check=False)` left out, on its own read-only connection (any
    thread): the damage found as a BadDatabase, else None. `stop()` true: give up at once, None."""
    path = Path(path).absolute()
    try:
        conn = _connect(path, writable_problem(path))
    except OSError:  # gone or unreadable meanwhile: the next start says what is wrong
        return None
    except sqlite3.Error as exc:
        return _damage(path, exc)
    conn.set_progress_handler(lambda: int(stop()), 20_000)  # asked now and then: a quit need not wait it out
    try:
        integrity = _integrity(conn, full=False)
    except sqlite3.Error as exc:
        return None if stop() else _damage(path, exc)
    finally:
        conn.close()
    return None if integrity == "ok" else bad(path, Problem.DAMAGED, integrity)


def _damage(path: Path, exc: sqlite3.Error) -> BadDatabase | None:
    """A failed check's error when it means damage; a locked or vanished file proves nothing."""
    found = _classify(path, exc)
    return found if found.problem in (Problem.DAMAGED, Problem.NOT_DATABASE) else None


def _summary(problems: list[str]) -> str:
    """SQLite's findings in one line: the first, and how many more."""
    first = problems[0][:100] if problems else "unknown damage"
    return first + (f" and {len(problems) - 1} more problems" if len(problems) > 1 else "")


def _classify(path: Path, exc: sqlite3.Error) -> BadDatabase:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return bad(path, Problem.LOCKED)
    if "not a database" in text or "encrypted" in text:
        return bad(path, Problem.NOT_DATABASE)
    if "unable to open" in text or "readonly" in text:
        return bad(path, Problem.READ_ONLY, writable_problem(path) or "SQLite cannot open it for reading")
    return bad(path, Problem.DAMAGED, text)


def require_openable(found: Inspection, *, read_only: bool) -> None:
    """Raise what stops opening `found` for editing (or, with read_only, at all)."""
    if found.integrity != "ok":
        raise bad(found.path, Problem.DAMAGED, found.integrity)
    if read_only:
        return
    if found.newer:
        raise bad(found.path, Problem.NEWER, f"{found.revision}; this one knows up to {migrate.head_revision()}")
    if found.read_only_why:
        raise bad(found.path, Problem.READ_ONLY, found.read_only_why)
