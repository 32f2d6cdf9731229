"""File → Import CSV… and File → Export calendar…: moving in from a CRM, sending the plan to a calendar."""

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import csv_import as ci
from csplanner.core.book import account_name
from csplanner.core.errors import DomainError
from csplanner.core.present import plural
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.ui.import_dialog import ImportDialog

IMPORT_FOLDER_KEY = "import/folder"
CALENDAR_FOLDER_KEY = "export/calendar_folder"


class CalendarScope(QDialog):
    """Every account's events, or only the selected account's."""

    def __init__(self, parent: QWidget | None, account_name: str | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export calendar")
        layout = QVBoxLayout(self)
        hint = QLabel("Runs, race days and planned check-ins become all-day events. Import the file into "
                      "Outlook, Google Calendar or Apple Calendar; a newer export updates the same events.")
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
        self.group = QButtonGroup(self)
        self.every = QRadioButton("Every account")
        self.one = QRadioButton(f"Only {account_name}" if account_name else "Only the selected account")
        self.one.setEnabled(account_name is not None)
        for button in (self.every, self.one):
            self.group.addButton(button)
            layout.addWidget(button)
        self.every.setChecked(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Choose where to save…")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.setMinimumWidth(440)

    @classmethod
    def ask(cls, parent: QWidget | None, account_name: str | None) -> bool | None:
        """True: only the selected account; False: every account; None: cancelled."""
        dialog = cls(parent, account_name)
        try:
            return dialog.one.isChecked() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class ImportExport(QObject):
    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.import_action = QAction("&Import CSV…", window)
        self.import_action.setStatusTip("Add or update accounts from a CRM or spreadsheet export, after a preview")
        self.import_action.triggered.connect(lambda: self.import_csv())
        self.calendar_action = QAction("Export &calendar…", window)
        self.calendar_action.setStatusTip("Write runs, race days and planned check-ins as a calendar (.ics) file")
        self.calendar_action.triggered.connect(lambda: self.export_calendar())

    def _folder(self, key: str) -> str:
        return str(self.ctx.settings.value(key, "")) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)

    # --- import ---------------------------------------------------------------------------
    def import_csv(self, path: Path | None = None) -> operations.Outcome | None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self.window, "Import accounts from CSV",
                                                    self._folder(IMPORT_FOLDER_KEY),
                                                    "CSV files (*.csv *.txt);;All files (*)")
            if not chosen:
                return None
            path = Path(chosen)
        self.ctx.settings.setValue(IMPORT_FOLDER_KEY, str(path.parent))
        try:
            table = ci.read_table(path.read_bytes())
        except DomainError as exc:
            QMessageBox.warning(self.window, "Import CSV", f"{path.name}: {exc.message}")
            return None
        except OSError as exc:
            QMessageBox.warning(self.window, "Import CSV", f"Cannot read {path}: {exc.strerror}.")
            return None
        choice = ImportDialog.ask(self.window, self.ctx, path, table)
        if choice is None:
            return None
        preview, skip_invalid = choice
        outcome = operations.import_accounts(self.ctx, preview, skip_invalid=skip_invalid)
        if outcome.error is not None:
            QMessageBox.warning(self.window, "Import CSV", outcome.error.message)
            return outcome
        c = preview.counts
        skipped = f", {c[ci.Fate.ERROR]} rows skipped" if skip_invalid and c[ci.Fate.ERROR] else ""
        # the file's Account Owner column may give new accounts to colleagues: "Mine" hides those
        theirs = sum(1 for r in preview.of(ci.Fate.ADD) if r.values.get("owner") not in (None, "", self.ctx.user))
        owned = f" {theirs} new ones belong to others: Everyone in the accounts list shows them." if theirs else ""
        self.window.statusBar().showMessage(
            f"Imported {path.name}: {c[ci.Fate.ADD]} added, {c[ci.Fate.UPDATE]} updated{skipped}.{owned} "
            "Edit → Undo takes it back.", 10000)
        return outcome

    # --- calendar -------------------------------------------------------------------------
    def export_calendar(self) -> Path | None:
        account_id = self.window.current_account_id() if hasattr(self.window, "current_account_id") else None
        name = None
        if account_id is not None:
            try:
                name = account_name(self.ctx.db, account_id)
            except DomainError:
                account_id = None
        only_one = CalendarScope.ask(self.window, name)
        if only_one is None:
            return None
        file_name = f"{name} - plan.ics" if only_one and name else "csplanner plan.ics"
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Export calendar",
                                                str(Path(self._folder(CALENDAR_FOLDER_KEY)) / file_name),
                                                "Calendar files (*.ics)")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        self.ctx.settings.setValue(CALENDAR_FOLDER_KEY, str(path.parent))
        from csplanner.export.ics import export_ics

        try:
            result = export_ics(self.ctx.db, path, today=self.ctx.today(), now=datetime.now(UTC),
                                account_id=account_id if only_one else None)
        except DomainError as exc:
            QMessageBox.warning(self.window, "Export calendar", exc.message)
            return None
        self.window.statusBar().showMessage(
            f"Wrote {result.path.name} ({plural(result.events, 'event')})", 8000)
        return result.path


def actions(ctx: AppContext, window: QMainWindow) -> list[QAction]:
    owner = ImportExport(ctx, window)
    window.import_export = owner  # type: ignore[attr-defined]  # tests and menus reach the verbs through it
    return [owner.import_action, owner.calendar_action]
