"""One csplanner at a time per book: a QLockFile beside the file's real path (symlinks resolved).

Shared by the app and the CLI's writing commands. The lock file is 0600 from its first byte.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile


@dataclass
class Held:
    lock: QLockFile | None  # None: nothing held (already open elsewhere, or cannot lock)
    problem: str = ""  # "" when held; else "open" (another csplanner has it) or "read-only"

    def release(self) -> None:
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def lock_path(db_path: Path) -> Path:
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + ".lock")


def acquire(db_path: Path, wait_ms: int = 100) -> Held:
    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # a new book's folder
    except OSError:
        pass  # tryLock below says why
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # a lock whose process died is stale, whatever its age
    old = os.umask(0o077)
    try:
        got = lock.tryLock(wait_ms)
    finally:
        os.umask(old)
    if got:
        return Held(lock)
    if lock.error() == QLockFile.LockError.LockFailedError:
        return Held(None, "open")
    return Held(None, "read-only")  # PermissionError / UnknownError: cannot create the file


def message(db_path: Path, problem: str) -> str:
    if problem == "open":
        return f"{db_path} is already open in another csplanner window; close it there first."
    return f"Cannot lock {db_path}: its folder is read-only."
