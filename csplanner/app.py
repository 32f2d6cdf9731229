"""Composition root: QApplication, paths, database, context, main window."""

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QLockFile, QObject, QSettings, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from csplanner import __version__
from csplanner.core import paths, resources
from csplanner.core.db import Database, open_database
from csplanner.core.errors import DomainError
from csplanner.export.user_locale import use_user_locale
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


class QuitAfterPaint(QObject):
    """--quit-after-start: leave the event loop once the window has been drawn (a bundle's smoke test)."""

    def __init__(self, app: QApplication, timeout_ms: int = 60_000) -> None:
        super().__init__()
        self.app = app
        self.painted = False
        self.deadline = QTimer(self, singleShot=True, interval=timeout_ms)  # never drawn: fail, not hang
        self.deadline.timeout.connect(lambda: app.exit(1))
        self.deadline.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self.deadline.stop()
            QTimer.singleShot(0, self.app.quit)
        return False


def run(db_path: Path, quit_after_start: bool = False) -> int:
    from csplanner.ui.app_icon import app_icon
    from csplanner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("csplanner")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("csplanner")
    app.setDesktopFileName(resources.APP_ID)  # Wayland matches the window to the launcher (and its icon) by this
    app.setWindowIcon(app_icon())
    use_user_locale()
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
    quitter = QuitAfterPaint(app) if quit_after_start else None
    if quitter is not None:
        window.installEventFilter(quitter)
    window.show()
    code = app.exec()
    db.dispose()
    lock.unlock()
    return code
