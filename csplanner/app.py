"""Composition root: QApplication, paths, database, context, main window."""

import gc
import getpass
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, QSettings, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from csplanner import __version__, instance_lock
from csplanner.core import backups, dbfile, paths, resources
from csplanner.core.db import Database, open_database
from csplanner.core.dburl import ServerBook
from csplanner.core.dbfile import BadDatabase
from csplanner.core.errors import DomainError
from csplanner.export.user_locale import use_user_locale
from csplanner.ui import after_start
from csplanner.ui.changes import ChangeBus
from csplanner.ui.collector import Collector
from csplanner.ui.context import AppContext

if TYPE_CHECKING:
    from csplanner.ui.main_window import MainWindow


# Worker threads (ui.background) hold the GIL while they turn rows into Python objects; the GUI
# thread, back from a C call (a query, a paint), waited up to the interpreter's switch interval (5 ms)
# each time it wanted the GIL back, several times an event. At 1 ms the change poll's query during
# the first start's backfill took at most 5-10 ms instead of 20-25; the backfill is no slower.
GIL_SWITCH_S = 0.001


def settings() -> QSettings:
    """Window state etc., kept under csplanner's own config dir (redirected in tests)."""
    path = paths.config_dir() / "csplanner.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def user_name() -> str:
    """The OS user name: the owner of new accounts and the name on this person's changes."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name in the environment nor the password database
        return ""


def make_context(db: Database, user: str | None = None) -> AppContext:
    return AppContext(db=db, undo_stack=QUndoStack(), bus=ChangeBus(), settings=settings(),
                      user=user_name() if user is None else user)


def lock_database(db_path: Path) -> QLockFile | None:
    """One running csplanner per database file (symlinks resolved); None if another one holds it."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return instance_lock.acquire(db_path).lock


def open_book(db_path: Path | ServerBook, check: bool = False) -> tuple[Database, instance_lock.Held] | None:
    """Lock and open the book; a file that cannot be edited gets a dialog that says why and
    offers what can be done (open read-only, restore a backup). None: the user gave up.
    A book on a server is shared: no lock, and its backups are the server's.
    Without `check` the whole-file quick_check waits until the window is drawn (ui.after_start)."""
    held = instance_lock.acquire(db_path) if isinstance(db_path, Path) else instance_lock.Held(None)
    if held.problem == "open":
        QMessageBox.critical(None, "csplanner", instance_lock.message(db_path, held.problem))
        return None
    read_only = False  # a lock that cannot be made (read-only folder) is no reason to refuse
    while True:
        try:
            db = open_database(db_path, read_only=read_only, check=check)
        except BadDatabase as exc:
            gc.enable()  # a dialog waits for the user: collect as usual meanwhile
            from csplanner.ui.bad_file_dialog import BadFileDialog  # only a bad file needs them
            from csplanner.ui.data_actions import RestoreDialog

            choice = BadFileDialog.ask(None, exc)
            chosen = RestoreDialog.ask(None, exc.path) if choice == "restore" else None
            try:
                if chosen is not None:
                    backups.restore(exc.path, chosen, datetime.now())
            except DomainError as error:
                QMessageBox.critical(None, "csplanner could not restore the backup", error.message)
                chosen = None
            read_only = choice == "read-only"
            if read_only or chosen is not None:
                continue
        except DomainError as exc:
            QMessageBox.critical(None, "csplanner cannot open the database", exc.message)
        else:
            return db, held  # its quick_check and the day's backup follow the first paint (ui.after_start)
        held.release()
        return None


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


def open_window(db_path: Path | ServerBook) -> "tuple[MainWindow, AppContext, instance_lock.Held] | None":
    """The book opened and its first screen built; None: the user gave up on a bad file."""
    from csplanner.ui.main_window import MainWindow

    check = False
    while True:
        opened = open_book(db_path, check=check)
        if opened is None:
            return None
        db, held = opened
        ctx = make_context(db)
        try:
            return MainWindow(ctx), ctx, held
        except DomainError:
            # the first screen read a damaged page before the check after the paint got to it: check
            # now, and a damaged file gets the same dialog as one found damaged at open
            if db.checked or db.path is None or dbfile.quick_check(db.path) is None:
                raise
            ctx.jobs.stop()
            db.dispose()
            held.release()
            check = True


def run(db_path: Path | ServerBook, quit_after_start: bool = False) -> int:
    from csplanner.ui.app_icon import app_icon

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("csplanner")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("csplanner")
    app.setDesktopFileName(resources.APP_ID)  # Wayland matches the window to the launcher (and its icon) by this
    app.setWindowIcon(app_icon())
    use_user_locale()
    opened = open_window(db_path)
    if opened is None:
        return 1
    window, ctx, held = opened
    db = ctx.db
    quitter = QuitAfterPaint(app) if quit_after_start else None
    if quitter is not None:
        window.installEventFilter(quitter)
    # the cycle collector, off since start (csplanner.__main__), comes back once the window is drawn,
    # with full collections timed by the app (ui.collector says why)
    collector = Collector(ctx.jobs, window)
    after_start.after_first_paint(window, collector.start)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(GIL_SWITCH_S)
    window.show()
    code = app.exec()
    ctx.jobs.stop()  # work still running (the check, the trend) gives up at its next step
    collector.stop()
    sys.setswitchinterval(switch)
    db.dispose()
    held.release()
    return code
