"""Composition root: QApplication, paths, database, context, main window."""

import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from csplanner.core import paths
from csplanner.core.db import Database, open_database
from csplanner.core.errors import DomainError
from csplanner.ui.changes import ChangeBus
from csplanner.ui.context import AppContext


def settings() -> QSettings:
    """Window state etc., kept under csplanner's own config dir (redirected in tests)."""
    path = paths.config_dir() / "csplanner.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def make_context(db: Database) -> AppContext:
    return AppContext(db=db, undo_stack=QUndoStack(), bus=ChangeBus(), settings=settings())


def lock_database(db_path: Path) -> QLockFile | None:
    """One running csplanner per database file; None if another one holds it."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)  # a lock whose process died is stale, whatever its age
    return lock if lock.tryLock(100) else None


def run(db_path: Path) -> int:
    from csplanner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("csplanner")
    app.setOrganizationName("csplanner")
    lock = lock_database(db_path)
    if lock is None:
        QMessageBox.critical(None, "csplanner", f"{db_path} is already open in another csplanner window.")
        return 1
    try:
        db = open_database(db_path)
    except DomainError as exc:
        QMessageBox.critical(None, "csplanner cannot open the database", exc.message)
        lock.unlock()
        return 1
    ctx = make_context(db)
    window = MainWindow(ctx)
    window.show()
    code = app.exec()
    db.dispose()
    lock.unlock()
    return code
