"""The weekly rituals, counted from the main window as a user would: every key or click is an
action, typing the text itself is not."""

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from csplanner.core.services import accounts, checkins
from csplanner.export.audience import Audience
from csplanner.ui import export_actions
from csplanner.ui.export_actions import ExportDialog
from tests.conftest import TODAY
from tests.ui.workspace_helpers import open_window, press, when_modal


def key_in(qtbot, dialog, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed where the focus is, once the dialog has it (as the user's next key would)."""
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def make_book(ctx):
    with ctx.db.session() as s:
        accounts.create(s, name="Globex")
        return accounts.create(s, name="Acme", renewal=TODAY + timedelta(days=90)).id


def test_a_check_in_takes_two_actions_plus_typing(ctx, qtbot):
    acme = make_book(ctx)
    window = open_window(qtbot, ctx)
    window.select_account(acme)
    actions = []

    def log(dialog):
        summary = dialog.inputs["summary"].widget
        qtbot.waitUntil(lambda: QApplication.focusWidget() is summary, timeout=2000)  # the cursor waits there
        qtbot.keyClicks(summary, "Walked through the rollout; they want SSO first")  # typing
        actions.append("Ctrl+Enter")
        key_in(qtbot, dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    seen = when_modal(log)
    actions.append("Ctrl+Shift+C")
    press(qtbot, window, "Ctrl+Shift+C")
    assert len(seen) == 1 and not seen[0].isVisible()
    assert actions == ["Ctrl+Shift+C", "Ctrl+Enter"]
    with ctx.db.session() as s:
        logged = checkins.for_account(s, acme)
    assert [(c.summary, c.held_on) for c in logged] == [("Walked through the rollout; they want SSO first", TODAY)]


def test_a_customer_plan_takes_three_actions_the_second_time(ctx, qtbot, tmp_path, monkeypatch):
    acme = make_book(ctx)
    folder = tmp_path / "plans"
    folder.mkdir()
    ctx.settings.setValue(export_actions.FOLDER_KEY, str(folder))  # remembered from the first time…
    ctx.settings.setValue(export_actions.AUDIENCE_KEY, Audience.CUSTOMER.value)  # …and so is the audience
    ctx.settings.setValue(export_actions.OPEN_AFTER_KEY, "false")
    window = open_window(qtbot, ctx)
    window.select_account(acme)
    actions = []

    def who(dialog):
        assert isinstance(dialog, ExportDialog) and dialog.audience() == Audience.CUSTOMER
        actions.append("Enter")
        key_in(qtbot, dialog, Qt.Key.Key_Return)

    def where(dialog):
        assert isinstance(dialog, QFileDialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name.text() == "Acme — plan 2026-11-25.pdf"
        assert Path(dialog.directory().absolutePath()) == folder
        actions.append("Enter")
        key_in(qtbot, dialog, Qt.Key.Key_Return)

    when_modal(who, where)
    actions.append("Ctrl+P")
    press(qtbot, window, "Ctrl+P")
    qtbot.waitUntil(lambda: (folder / "Acme — plan 2026-11-25.pdf").is_file(), timeout=5000)
    assert actions == ["Ctrl+P", "Enter", "Enter"]
