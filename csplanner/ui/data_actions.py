"""File menu: back up now, restore from a backup, and the whole book as JSON (export, import).

Restoring and importing replace rows under every screen: afterwards the undo history is
cleared (its ids may no longer exist) and one change that concerns everything is announced.
"""

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import backups, book_copy, book_json, paths
from csplanner.core.changes import MODELS, touched
from csplanner.core.errors import DomainError
from csplanner.core.models import HealthSnapshot
from csplanner.ui.context import AppContext

EVERYTHING = touched(*MODELS.values(), HealthSnapshot)
REASONS = {"daily": "daily", "before-migration": "before an upgrade", "before-restore": "before a restore",
           "before-import": "before an import", "before-demo": "before demo data replaced the book",
           "manual": "made by hand"}


def describe(b: backups.Backup) -> str:
    count = backups.account_count(b.path)
    accounts = "unreadable" if count is None else f"{count} account{'s' if count != 1 else ''}"
    return f"{b.taken:%a %d %b %Y, %H:%M} — {accounts} — {REASONS.get(b.reason, b.reason)}"


class RestoreDialog(QDialog):
    """The book's backups, newest first, with their date and account count."""

    def __init__(self, parent: QWidget | None, db_path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.found = backups.list_backups(db_path)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Backups of {db_path.name}, newest first. The book as it is now is "
                                "backed up before it is replaced."))
        self.list = QListWidget()
        for b in self.found:
            item = QListWidgetItem(describe(b))
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.found))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    @classmethod
    def ask(cls, parent: QWidget | None, db_path: Path) -> Path | None:
        """The backup to restore, after the user confirmed; None if cancelled."""
        dialog = cls(parent, db_path)
        if not dialog.found:
            QMessageBox.information(parent, "Restore from backup", f"There are no backups of {db_path.name} yet.")
            return None
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
            return None
        chosen = dialog.chosen()
        assert chosen is not None
        item = dialog.list.currentItem().text()
        sure = QMessageBox.question(parent, "Restore from backup",
                                    f"Replace the book with the backup of {item}?\n\n"
                                    "The book as it is now is backed up first, so this can be undone by "
                                    "restoring that backup.")
        return chosen if sure == QMessageBox.StandardButton.Yes else None


class DataActions(QObject):
    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.backup_action = self._action("&Back up now", self.backup_now, "Copy the book into its backups folder")
        self.restore_action = self._action("&Restore from backup…", self.restore, "Replace the book with a backup")
        self.export_action = self._action("Export book as &JSON…", self.export_json, "The whole book, every record, as JSON")
        self.import_action = self._action("&Import book from JSON…", self.import_json, "Read a book written by Export book as JSON")
        self.show_read_only()
        ctx.bus.read_only_changed.connect(self.show_read_only)
        if not ctx.db.is_file:  # the server backs up a server's book; Back up now keeps your own copy
            self.backup_action.setStatusTip("Copy the book from the server into a file in your backups folder")
            self.restore_action.setEnabled(False)
            self.restore_action.setStatusTip(f"For a book file only: {ctx.db.label} is restored with "
                                             "`csplanner copy --from BACKUP --to URL --replace`")

    def _action(self, text: str, slot: object, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def show_read_only(self) -> None:
        """A read-only book takes no import nor restore; a damaged one does take a restore."""
        db = self.ctx.db
        self.import_action.setEnabled(not db.read_only)
        self.restore_action.setEnabled(db.is_file and (not db.read_only or db.damaged is not None))
        for action, tip in ((self.import_action, "Read a book written by Export book as JSON"),
                            (self.restore_action, "Replace the book with a backup")):
            action.setStatusTip(tip if action.isEnabled() or not db.read_only else f"Read-only: {db.read_only_why}")

    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action, self.export_action, self.import_action]

    def warn(self, message: str) -> None:
        QMessageBox.warning(self.window, "csplanner", message)

    def backup_now(self) -> Path | None:
        try:
            if self.ctx.db.path is None:
                path, _ = book_copy.snapshot(self.ctx.db, paths.data_dir() / "backups", datetime.now())
            else:
                path = backups.take(self.ctx.db.path, "manual", datetime.now())
        except DomainError as exc:
            self.warn(exc.message)
            return None
        self.window.statusBar().showMessage(f"Backed up to {path}", 8000)
        return path

    def restore(self) -> bool:
        chosen = RestoreDialog.ask(self.window, self.ctx.db.path)
        return chosen is not None and self.restore_from(chosen)

    def restore_from(self, chosen: Path) -> bool:
        was_read_only = self.ctx.db.read_only
        try:
            self.ctx.db.restore(chosen, datetime.now())
        except DomainError as exc:
            self.warn(exc.message)
            return False
        if was_read_only:  # a damaged book, replaced by its backup: edits work again
            self.ctx.bus.read_only_changed.emit()
        self._reload(f"Restored the backup of {chosen.name}")
        return True

    def export_json(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.ctx.db.path.stem if self.ctx.db.path else self.ctx.db.server.database}.json"
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Export book as JSON", str(Path(folder) / name),
                                                "JSON files (*.json)")
        if not chosen:
            return None
        try:
            path, count = book_json.export(self.ctx.db, chosen)
        except DomainError as exc:
            self.warn(exc.message)
            return None
        self.window.statusBar().showMessage(f"Wrote {path.name} ({count} accounts)", 8000)
        return path

    def import_json(self) -> bool:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getOpenFileName(self.window, "Import book from JSON", folder, "JSON files (*.json)")
        return bool(chosen) and self.import_from(Path(chosen))

    def import_from(self, path: Path) -> bool:
        mode = None
        if not book_json.is_empty(self.ctx.db):
            mode = ask_merge_or_replace(self.window)
            if mode is None:
                return False
        try:
            result = book_json.import_book(self.ctx.db, path, mode, datetime.now())
        except DomainError as exc:
            self.warn(exc.message)
            return False
        skipped = f"; {len(result.skipped_accounts)} already here were skipped" if result.skipped_accounts else ""
        self._reload(f"Imported {result.accounts} accounts from {path.name}{skipped}")
        return True

    def _reload(self, message: str) -> None:
        self.ctx.undo_stack.clear()  # its steps name ids that may be gone or mean other rows now
        self.ctx.bus.announce(EVERYTHING)
        self.window.statusBar().showMessage(message, 10000)


def ask_merge_or_replace(parent: QWidget | None) -> str | None:
    box = QMessageBox(QMessageBox.Icon.Question, "Import book from JSON",
                      "This book already has accounts. Merge adds the file's accounts that are not here yet "
                      "(with everything recorded about them); Replace makes the book exactly the file's. "
                      "The book is backed up first either way.", parent=parent)
    merge = box.addButton("Merge", QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return "merge" if box.clickedButton() is merge else "replace" if box.clickedButton() is replace else None


def actions(ctx: AppContext, window: QMainWindow) -> list[QAction]:
    return DataActions(ctx, window).actions()
