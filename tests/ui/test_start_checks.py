"""The app opens its book without reading every page first: the whole-file check, the day's
backup and the health trend run after the window is drawn, in worker threads. Damage the check
finds then turns the window read-only and says so; damage the first screen itself runs into
gets the same dialog as a file found damaged at open."""

import hashlib
import sqlite3
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from csplanner import app
from csplanner.core import backups
from csplanner.core.changes import RecordType
from csplanner.core.db import open_database
from csplanner.core.services import accounts
from csplanner.ui import operations
from csplanner.ui.data_actions import RestoreDialog
from csplanner.ui.main_window import MainWindow
from tests.conftest import TODAY


def book(path, names=("Acme", "Globex")):
    db = open_database(path)
    with db.session() as s:
        for name in names:
            accounts.create(s, name=name, goal="Roll out SSO to every team " * 20)
    db.dispose()  # the last connection folds the WAL into the file
    return path


def trash_table(path, table):
    """Overwrite the first page of `table` (its b-tree root), keeping every other page."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size: root * size] = b"\xa5" * size
    path.write_bytes(bytes(data))


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def start(path):
    """As the app starts: open the book (unchecked) and build its window; (window, ctx, held)."""
    opened = app.open_window(path)
    assert opened is not None
    window, ctx, held = opened
    ctx.today = lambda: TODAY
    return window, ctx, held


def test_a_sound_book_is_checked_and_backed_up_once_the_window_is_drawn(qapp, qtbot, tmp_path):
    path = book(tmp_path / "b.sqlite3")
    window, ctx, held = start(path)
    qtbot.addWidget(window)
    try:
        assert not ctx.db.checked and backups.list_backups(path) == []  # nothing before the first paint
        window.show()
        qtbot.waitUntil(lambda: [b.reason for b in backups.list_backups(path)] == ["daily"])
        assert not ctx.db.read_only and window.new_account_action.isEnabled()
        assert operations.create_record(ctx, RecordType.ACCOUNT, {"name": "Initech"}).ok
    finally:
        window.close()
        ctx.db.dispose()
        held.release()


def test_damage_found_after_the_first_paint_turns_the_window_read_only_and_a_restore_ends_it(
        qapp, qtbot, tmp_path, monkeypatch):
    path = book(tmp_path / "b.sqlite3")
    backup = backups.take(path, "daily", datetime(2026, 11, 20, 9, 0))
    trash_table(path, "search_index_content")  # only search reads it: the first screen never does
    before = sha(path)
    window, ctx, held = start(path)
    qtbot.addWidget(window)
    try:
        assert window.account_list.model.rowCount() == 2  # the first screen is drawn from the book
        window.show()
        qtbot.waitUntil(lambda: getattr(window, "damage_box", None) is not None and window.damage_box.isVisible())
        box = window.damage_box
        assert box.text() == "This book is damaged"
        for words in ("is damaged", "Restore a backup", "open another file", "open read-only now"):
            assert words in box.informativeText()
        assert window.windowTitle().endswith("(read-only)") and "damaged" in window.read_only_label.text()
        assert not window.new_account_action.isEnabled() and not window.edit_account_action.isEnabled()
        archive = window.account_page.overview.archive_button
        assert not archive.isEnabled() and archive.toolTip() == "Read-only: it is damaged"
        outcome = operations.create_record(ctx, RecordType.DISCOVERY_NOTE, {"account_id": 1, "text": "SSO"})
        assert "open read-only" in outcome.error.message and "damaged" in outcome.error.message
        assert ctx.undo_stack.count() == 0 and sha(path) == before  # not a byte written
        assert [b.path for b in backups.list_backups(path)] == [backup]  # no daily copy of a damaged file
        box.close()

        # the message's way out: File → Restore from backup… brings the book back, editable
        restore = next(a for a in window.findChildren(type(window.new_account_action))
                       if a.text() == "&Restore from backup…")
        assert restore.isEnabled()
        monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, db_path: backup))
        restore.trigger()
        assert not ctx.db.read_only and window.windowTitle() == f"csplanner — {path.name}"
        assert not window.read_only_label.isVisible() and window.new_account_action.isEnabled()
        assert archive.isEnabled() and archive.toolTip() == ""
        assert operations.create_record(ctx, RecordType.ACCOUNT, {"name": "Initech"}).ok
        assert window.account_list.model.rowCount() == 3
        assert [b.reason for b in backups.list_backups(path)].count("before-restore") == 1  # the damaged one, kept
    finally:
        window.close()
        ctx.db.dispose()
        held.release()


def test_damage_the_first_screen_reads_gets_the_dialog_of_a_bad_file_at_open(qapp, qtbot, tmp_path):
    path = book(tmp_path / "b.sqlite3")
    trash_table(path, "account")
    before = sha(path)
    seen = []

    def close_it():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not up yet
            QTimer.singleShot(20, close_it)
            return
        seen.append((box.text(), box.informativeText()))
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, close_it)
    assert app.open_window(path) is None  # the user closed it: no window on a damaged book
    assert seen and seen[0][0] == "This book is damaged" and "Restore a backup" in seen[0][1]
    assert sha(path) == before
