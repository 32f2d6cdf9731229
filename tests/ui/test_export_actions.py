"""File → Export account plan… / Export week…: the audience question, the save dialog, the file."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMainWindow, QMessageBox

from csplanner.core.services import accounts, checkins, milestones, stakeholders
from csplanner.export.audience import Audience
from csplanner.ui import export_actions, screens
from csplanner.ui.export_actions import ExportDialog
from tests.conftest import TODAY


class Window(QMainWindow):
    def __init__(self, account_id: int | None) -> None:
        super().__init__()
        self.account_id = account_id

    def current_account_id(self) -> int | None:
        return self.account_id


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


@pytest.fixture
def account(ctx):
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Contoso", goal="Onboard every branch", renewal=TODAY + timedelta(days=90),
                              contract_signed=TODAY - timedelta(days=275), segment="SECRET-SEGMENT").id
        stakeholders.create(s, account_id=aid, name="Ada Lovelace", role="champion")
        milestones.create(s, account_id=aid, title="Branch rollout", planned_on=TODAY + timedelta(days=2))
        checkins.create(s, account_id=aid, held_on=TODAY - timedelta(days=3), summary="SECRET-SUMMARY",
                        next_steps="Share the rollout checklist")
    return aid


@pytest.fixture
def window(qtbot, account):
    w = Window(account)
    qtbot.addWidget(w)
    return w


@pytest.fixture
def calls(monkeypatch, tmp_path):
    """Stand-ins for the native dialogs and the desktop: what the app asked and opened."""
    seen: dict[str, list] = {"save": [], "open": [], "warn": []}
    folder = tmp_path / "exports"
    folder.mkdir()

    def save(parent, caption, proposed, filters):
        seen["save"].append((caption, proposed, filters))
        return seen.get("answer", [str(folder / "plan")])[0]

    monkeypatch.setattr(export_actions, "save_path", save)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: seen["open"].append(url) or True))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: seen["warn"].append(text)))
    seen["folder"] = [folder]
    return seen


def click_label(qtbot, button):
    """Click where a user would: on the indicator (the widget may be wider than its text)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def action(ctx, window, text):
    found = [a for a in screens.file_actions(ctx, window) if a.text().replace("&", "") == text]
    assert len(found) == 1, [a.text() for a in screens.file_actions(ctx, window)]
    return found[0]


def test_the_dialog_asks_who_the_plan_is_for(qtbot):
    dialog = ExportDialog(None, "Export", with_audience=True, audience=Audience.INTERNAL, open_after=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.audience() == Audience.INTERNAL
    click_label(qtbot, dialog.buttons[Audience.CUSTOMER])
    click_label(qtbot, dialog.open_after)
    assert dialog.audience() == Audience.CUSTOMER and not dialog.open_after.isChecked()


def test_ask_returns_the_choice_or_none_when_cancelled(qtbot):
    def answer(button):
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        click_label(qtbot, dialog.buttons[Audience.CUSTOMER])
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, lambda: answer(QDialogButtonBox.StandardButton.Ok))
    assert ExportDialog.ask(None, "Export", with_audience=True, audience=Audience.INTERNAL,
                            open_after=False) == (Audience.CUSTOMER, False)
    QTimer.singleShot(0, lambda: answer(QDialogButtonBox.StandardButton.Cancel))
    assert ExportDialog.ask(None, "Export", with_audience=True, audience=Audience.INTERNAL, open_after=True) is None


def test_export_plan_for_the_customer_writes_and_opens_the_file(ctx, window, calls, monkeypatch):
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: (Audience.CUSTOMER, True)))
    action(ctx, window, "Export account plan…").trigger()
    out = calls["folder"][0] / "plan.pdf"  # ".pdf" added to the name typed
    assert out.is_file()
    caption, proposed, filters = calls["save"][0]
    assert proposed.endswith("Contoso — plan 2026-11-25.pdf") and "*.pdf" in filters
    text = text_of(out)
    assert "Onboard every branch" in text and "Ada Lovelace" in text and "Share the rollout checklist" in text
    assert "SECRET" not in text
    assert calls["open"] == [QUrl.fromLocalFile(str(out))]
    assert window.statusBar().currentMessage().startswith("Wrote plan.pdf (")
    assert ctx.settings.value("export/audience") == "customer"  # asked the same way next time


def test_internal_export_without_opening(ctx, window, calls, monkeypatch):
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: (Audience.INTERNAL, False)))
    calls["answer"] = [str(calls["folder"][0] / "mine.PDF")]
    action(ctx, window, "Export account plan…").trigger()
    out = calls["folder"][0] / "mine.PDF"
    assert "SECRET-SUMMARY" in text_of(out) and calls["open"] == []


def test_no_account_selected_says_so_and_asks_nothing(ctx, qtbot, calls, monkeypatch):
    window = Window(None)
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: asked.append(1)))
    action(ctx, window, "Export account plan…").trigger()
    assert calls["warn"] == ["Select an account first: the plan is exported for the selected account."]
    assert asked == [] and calls["save"] == []


def test_cancelling_the_save_dialog_writes_nothing(ctx, window, calls, monkeypatch):
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: (Audience.INTERNAL, True)))
    calls["answer"] = [""]
    action(ctx, window, "Export account plan…").trigger()
    assert list(calls["folder"][0].iterdir()) == [] and calls["open"] == [] and calls["warn"] == []


def test_an_unwritable_place_gives_a_clear_message_and_no_file(ctx, window, calls, monkeypatch):
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: (Audience.INTERNAL, True)))
    calls["answer"] = [str(calls["folder"][0] / "gone" / "plan.pdf")]
    action(ctx, window, "Export account plan…").trigger()
    assert len(calls["warn"]) == 1 and calls["warn"][0].startswith("Cannot write")
    assert list(calls["folder"][0].iterdir()) == [] and calls["open"] == []
    assert QApplication.overrideCursor() is None  # the busy cursor is gone


def test_export_week_writes_this_weeks_plan(ctx, window, calls, monkeypatch):
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: (Audience.INTERNAL, False)))
    action(ctx, window, "Export week…").trigger()
    caption, proposed, _ = calls["save"][0]
    assert "Week 2026-W48" in proposed
    text = text_of(calls["folder"][0] / "plan.pdf")
    assert "My week 48" in text and "Contoso" in text and "Branch rollout" in text
