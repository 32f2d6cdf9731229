"""The main window on a book on a PostgreSQL server: it opens, and an edit and its undo reach the server."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from csplanner.core.db import open_database
from csplanner.core.services import accounts
from tests.conftest import TODAY
from tests.ui.workspace_helpers import fill, open_window, press, when_modal

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_ctx(qapp, pg_url):
    from csplanner.app import make_context

    db = open_database(pg_url)
    context = make_context(db)
    context.today = lambda: TODAY
    yield context
    context.undo_stack.clear()
    db.dispose()


def on_server(url):
    """What another person's csplanner sees: a separate connection to the same database."""
    db = open_database(url)
    try:
        with db.session() as s:
            return [r.name for r in accounts.list_rows(s)]
    finally:
        db.dispose()


def test_the_window_opens_on_a_server_book_and_edits_and_undo_reach_it(pg_ctx, pg_url, qtbot):
    with pg_ctx.db.session() as s:
        accounts.create(s, name="Acme")
    window = open_window(qtbot, pg_ctx)
    assert "on 127.0.0.1" in window.windowTitle() and "csplanner_test" not in window.windowTitle()
    assert "PostgreSQL database" in window.status_counts.text()
    actions = {a.text(): a for a in window.findChildren(QAction)}
    restore = actions["&Restore from backup…"]
    assert not restore.isEnabled() and "book file only" in restore.statusTip()

    def add(dialog):
        fill(qtbot, dialog, name="Globex", renewal="2027-03-01")
        qtbot.keyClick(dialog.inputs["name"].widget, Qt.Key.Key_Return)  # Enter saves

    when_modal(add)
    press(qtbot, window, "Ctrl+N")
    qtbot.waitUntil(lambda: on_server(pg_url) == ["Acme", "Globex"], timeout=5000)
    press(qtbot, window, "Ctrl+Z")
    assert on_server(pg_url) == ["Acme"]
    press(qtbot, window, "Ctrl+Shift+Z")
    assert on_server(pg_url) == ["Acme", "Globex"]
    assert window.account_list.summary().startswith("2 accounts")


def test_back_up_now_keeps_a_copy_of_the_server_book_in_a_file(pg_ctx, qtbot, private_paths):
    with pg_ctx.db.session() as s:
        accounts.create(s, name="Acme")
    window = open_window(qtbot, pg_ctx)
    backup = {a.text(): a for a in window.findChildren(QAction)}["&Back up now"]
    assert backup.isEnabled() and "from the server into a file" in backup.statusTip()
    backup.trigger()
    (copy,) = (private_paths / "data" / "backups").glob("book_*-manual-*.sqlite3")
    assert copy.name in window.statusBar().currentMessage()
    db = open_database(copy, read_only=True)
    try:
        with db.session() as s:
            assert [r.name for r in accounts.list_rows(s)] == ["Acme"]
    finally:
        db.dispose()
