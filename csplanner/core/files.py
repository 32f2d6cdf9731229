"""Writing files safely, for every export (PDF, JSON, ICS) and backup.

- `write_atomic(out, data, protect=db_path)`: a temporary file in the same folder, every write
  checked, fsync, then rename; a failure keeps the old file and raises a one-line DomainError.
  Files are created 0600 (a book of business is private).
- `refuse_database_target(out, db_path)`: never write onto the database, its -wal/-shm/-journal
  and .lock files, a backup, or any other SQLite file.
- `sqlite_uri(path, ...)`: a path as a SQLite URI, quoted (`?`, `%`, `#` are legal in names).
"""

import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import pathname2url

from csplanner.core.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
PRIVATE = 0o600


def sqlite_uri(path: Path | str, **params: str | int) -> str:
    """`file:` URI for sqlite3.connect(uri=True); quoting keeps `?`, `%` and `#` in the name."""
    url = "file:" + pathname2url(str(Path(path).absolute()))
    return url + ("?" + urlencode(params) if params else "")


def side_files(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in SIDE_SUFFIXES]


def _same(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def refuse_database_target(out: Path, db_path: Path | None) -> None:
    """Raise if writing `out` could destroy a database, its side files or a backup."""
    if db_path is not None:
        db_path = Path(db_path).absolute()
        for protected in (db_path, *side_files(db_path)):
            if _same(out, protected):
                raise DomainError(f"Refusing to write {out}: it is the database or one of its own files; choose another name.")
        backups = os.path.realpath(db_path.parent / "backups")
        if os.path.realpath(out.parent) == backups:
            raise DomainError(f"Refusing to write {out}: that folder holds the database's backups; choose another folder.")
    for suffix in SIDE_SUFFIXES:  # another database's side file
        if out.name.endswith(suffix) and is_sqlite_file(out.with_name(out.name[: -len(suffix)])):
            raise DomainError(f"Refusing to write {out}: it belongs to a database; choose another name.")
    if is_sqlite_file(out):
        raise DomainError(f"Refusing to write {out}: it is a database; choose another name.")


def _fail(out: Path, exc: OSError) -> DomainError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "permission denied (the folder may be read-only)"
    else:
        why = exc.strerror or str(exc)
    return DomainError(f"Cannot write {out}: {why}. The old file, if any, was kept.")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if n <= 0:  # a short write that makes no progress is a full disk
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[n:]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open a folder; the rename itself is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(out: Path | str, data: bytes, *, protect: Path | Iterable[Path] | None = None) -> Path:
    """Write `data` to `out` whole or not at all (0600); `protect`: database path(s) never to overwrite."""
    out = Path(out).expanduser().absolute()
    for db_path in [protect] if isinstance(protect, (str, Path)) or protect is None else protect:
        refuse_database_target(out, Path(db_path) if db_path is not None else None)
    if out.is_dir():
        raise DomainError(f"Cannot write {out}: it is a folder.")
    if not out.parent.is_dir():
        raise DomainError(f"Cannot write {out}: the folder {out.parent} does not exist.")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    except OSError as exc:
        raise _fail(out, exc) from None
    tmp = Path(name)
    try:
        try:
            os.fchmod(fd, PRIVATE)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _fail(out, exc) from None
    _fsync_dir(out.parent)
    return out


def private_dir(folder: Path) -> Path:
    """Create `folder` (and parents) and make it 0700: it holds copies of the whole book."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder
