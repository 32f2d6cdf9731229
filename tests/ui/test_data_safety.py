"""In the app: failed saves say so and leave no phantom undo step; read-only mode; restore
from a backup; JSON import; bad files get a dialog; one window per book, through symlinks."""

import sqlite3
import stat
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import event

from csplanner import app, instance_lock
from csplanner.app import make_context
from csplanner.core import backups, book_json
from csplanner.core.changes import RecordType
from csplanner.core.db import open_database
from csplanner.core.services import accounts
from csplanner.ui import operations
from csplanner.ui.data_actions import DataActions, RestoreDialog
from csplanner.ui.main_window import MainWindow
from tests.conftest import TODAY


def book(path, names=("Acme",)):
    db = open_database(path)
    with db.session() as s:
        for name in names:
            accounts.create(s, name=name)
    db.dispose()
    return path


def context(qapp, db):
    ctx = make_context(db)
    ctx.today = lambda: TODAY
    return ctx


def note(ctx, aid, text="They want SSO"):
    return operations.create_record(ctx, RecordType.DISCOVERY_NOTE, {"account_id": aid, "text": text})


def test_a_save_on_a_full_disk_says_so_and_leaves_no_undo_step(qapp, tmp_path):
    db = open_database(book(tmp_path / "b.sqlite3"))

    @event.listens_for(db.engine, "connect")
    def full(conn, _record):  # SQLite's own "database or disk is full", as on a full disk
        conn.execute("PRAGMA max_page_count = 1")

    db.engine.dispose()
    ctx = context(qapp, db)
    outcome = note(ctx, 1, "a long note " * 8000)  # needs new pages: there is no room
    assert outcome.error is not None and "the disk is full" in outcome.error.message
    assert "Nothing was saved" in outcome.error.message
    assert ctx.undo_stack.count() == 0
    db.dispose()


def test_a_save_on_a_locked_book_says_so_and_leaves_no_undo_step(qapp, tmp_path):
    path = book(tmp_path / "b.sqlite3")
    db = open_database(path)
    ctx = context(qapp, db)
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        outcome = note(ctx, 1)
    finally:
        holder.rollback()
        holder.close()
    assert outcome.error is not None and "locked by another program" in outcome.error.message
    assert ctx.undo_stack.count() == 0
    assert note(ctx, 1).ok and ctx.undo_stack.count() == 1  # and it works once the other lets go
    db.dispose()


def test_read_only_mode_browses_but_every_edit_says_why(qapp, qtbot, tmp_path):
    db = open_database(book(tmp_path / "b.sqlite3", ("Acme", "Globex")), read_only=True)
    ctx = context(qapp, db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("(read-only)")
    assert window.account_list.model.rowCount() == 2
    assert not window.new_account_action.isEnabled()
    window.select_account(1)
    assert not window.edit_account_action.isEnabled()
    outcome = note(ctx, 1)
    assert "open read-only" in outcome.error.message and ctx.undo_stack.count() == 0
    db.dispose()


def test_read_only_mode_greys_the_buttons_that_would_save_and_says_why(qapp, qtbot, tmp_path):
    from datetime import date

    from csplanner.core.services import milestones
    from csplanner.ui.season_panel import SeasonPanel

    path = book(tmp_path / "b.sqlite3", ("Acme",))
    db = open_database(path)
    with db.session() as s:
        acme = accounts.resolve(s, "Acme")
        accounts.update(s, acme.id, renewal=date(2027, 3, 1))
        milestones.create(s, account_id=acme.id, title="Kickoff", planned_on=date(2026, 12, 1))
    db.dispose()
    db = open_database(path, read_only=True)
    window = MainWindow(context(qapp, db))
    qtbot.addWidget(window)
    window.show()
    window.select_account(1)
    page = window.account_page
    season = window.findChild(SeasonPanel)
    page.show_records(RecordType.MILESTONE)
    runs = page.record_tabs[RecordType.MILESTONE]
    qtbot.mouseClick(runs.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=runs.table.visualRect(runs.table.model().index(0, 0)).center())
    assert runs.current_id() is not None
    greyed = [page.overview.archive_button, page.overview.delete_button, runs.add_button, runs.delete_button,
              runs.done_button, season.result_button, season.forecast_button]
    assert [b.text() for b in greyed if b.isEnabled()] == []
    assert all(b.toolTip().startswith("Read-only: ") for b in greyed)
    # looking stays possible: the form shows the whole run
    assert runs.edit_button.isEnabled() and page.overview.edit_button.isEnabled()
    db.dispose()


def test_restore_from_backup_lists_backups_and_brings_the_old_book_back(qapp, qtbot, tmp_path, monkeypatch):
    path = book(tmp_path / "b.sqlite3", ("Acme", "Globex"))
    backups.take(path, "daily", datetime(2026, 11, 20, 9, 0))
    db = open_database(path)
    ctx = context(qapp, db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert operations.create_record(ctx, RecordType.ACCOUNT, {"name": "Initech"}).ok
    dialog = RestoreDialog(window, path)
    assert dialog.list.count() == 1 and "2 accounts" in dialog.list.item(0).text()
    assert "Fri 20 Nov 2026, 09:00" in dialog.list.item(0).text()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: RestoreDialog.DialogCode.Accepted)
    actions = DataActions(ctx, window)
    assert actions.restore()
    assert window.account_list.model.rowCount() == 2  # Initech is gone, as in the backup
    assert ctx.undo_stack.count() == 0
    assert [b.reason for b in backups.list_backups(path)][:1] == ["before-restore"]
    db.dispose()


def test_importing_into_a_book_with_accounts_asks_merge_or_replace(qapp, qtbot, tmp_path, monkeypatch):
    source = open_database(book(tmp_path / "src.sqlite3", ("Globex", "Acme")), read_only=True)
    out, _ = book_json.export(source, tmp_path / "book.json")
    source.dispose()
    db = open_database(book(tmp_path / "b.sqlite3", ("Acme",)))
    ctx = context(qapp, db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    asked = []

    def click_merge():
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "Merge").click()

    QTimer.singleShot(0, click_merge)
    assert DataActions(ctx, window).import_from(out)
    assert "already has accounts" in asked[0]
    assert window.account_list.model.rowCount() == 2  # Globex added, Acme not twice
    db.dispose()


def test_a_newer_book_gets_a_dialog_and_opens_read_only(qapp, tmp_path):
    path = book(tmp_path / "b.sqlite3")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    conn.commit()
    conn.close()
    seen = []

    def choose_read_only():
        box = QApplication.activeModalWidget()
        seen.append(box.informativeText())
        next(b for b in box.buttons() if b.text() == "Open read-only").click()

    QTimer.singleShot(0, choose_read_only)
    opened = app.open_book(path)
    assert opened is not None
    db, held = opened
    try:
        assert db.read_only and "newer csplanner" in seen[0]
        assert not (tmp_path / "backups").exists()  # no pointless backup
    finally:
        db.dispose()
        held.release()


def test_a_damaged_book_offers_its_backups(qapp, tmp_path):
    path = book(tmp_path / "b.sqlite3", ("Acme", "Globex"))
    backups.take(path, "daily", datetime(2026, 11, 20, 9, 0))
    path.write_bytes(b"")  # emptied by a failed copy
    clicks = []

    def restore_then_accept():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.informativeText():
            clicks.append(box.informativeText())
            next(b for b in box.buttons() if b.text() == "Restore a backup…").click()
            QTimer.singleShot(0, restore_then_accept)
        elif isinstance(box, RestoreDialog):
            box.accept()
            QTimer.singleShot(0, restore_then_accept)
        elif isinstance(box, QMessageBox):  # "Replace the book with the backup of …?"
            box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, restore_then_accept)
    opened = app.open_book(path)
    assert opened is not None and "is empty" in clicks[0]
    db, held = opened
    with db.session() as s:
        assert len(accounts.list_rows(s)) == 2
    db.dispose()
    held.release()


def test_one_window_per_book_through_symlinks_and_a_private_lock(qapp, tmp_path):
    path = book(tmp_path / "b.sqlite3")
    link = tmp_path / "link.sqlite3"
    link.symlink_to(path)
    held = instance_lock.acquire(path)
    try:
        assert held.lock is not None
        assert stat.S_IMODE(instance_lock.lock_path(path).stat().st_mode) == 0o600
        assert instance_lock.acquire(link).problem == "open"
    finally:
        held.release()


def test_a_lock_that_cannot_be_made_is_not_another_window(qapp, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert instance_lock.acquire(blocker / "b.sqlite3").problem == "read-only"


@pytest.mark.parametrize("argv", [["import-json", "{json}", "--merge"], ["restore", "{backup}"],
                                  ["demo", "--accounts", "1"]])
def test_writing_commands_respect_an_open_window(qapp, tmp_path, capsys, argv):
    from csplanner.cli import main

    path = book(tmp_path / "b.sqlite3")
    values = {"json": str(tmp_path / "x.json"), "backup": str(backups.take(path, "manual", datetime(2026, 11, 20, 9, 0)))}
    held = instance_lock.acquire(path)
    try:
        code = main([argv[0], "--db", str(path), *[a.format(**values) for a in argv[1:]]])
    finally:
        held.release()
    err = capsys.readouterr().err
    assert code == 2 and ("already open in another csplanner window" in err or "is open in csplanner" in err)
