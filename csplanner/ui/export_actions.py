"""File → Export account plan… / Export week…: audience question, save dialog, progress, open after."""

import re
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from csplanner.core.calendar import week_start
from csplanner.core.errors import DomainError
from csplanner.core import read
from csplanner.core.present import date_range, iso_week, plural
from csplanner.export.audience import DESCRIPTION, Audience
from csplanner.ui.context import AppContext

OPEN_AFTER_KEY = "export/open_after"
FOLDER_KEY = "export/folder"
AUDIENCE_KEY = "export/audience"


class ExportDialog(QDialog):
    """Who the PDF is for (account plans only) and whether to open it once written."""

    def __init__(self, parent: QWidget | None, title: str, *, with_audience: bool,
                 audience: Audience = Audience.INTERNAL, open_after: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.choices = QButtonGroup(self)
        self.buttons: dict[Audience, QRadioButton] = {}
        if with_audience:
            layout.addWidget(QLabel("Who is this plan for?"))
            texts = {Audience.CUSTOMER: "The customer", Audience.INTERNAL: "Internal (me or my manager)"}
            for who in (Audience.CUSTOMER, Audience.INTERNAL):
                button = QRadioButton(texts[who])
                button.setToolTip(DESCRIPTION[who])
                self.buttons[who] = button
                self.choices.addButton(button)
                layout.addWidget(button)
                hint = QLabel(DESCRIPTION[who])
                hint.setTextFormat(Qt.TextFormat.PlainText)
                hint.setWordWrap(True)
                hint.setIndent(22)
                hint.setStyleSheet("color: palette(placeholder-text);")
                layout.addWidget(hint)
            self.buttons[audience].setChecked(True)
        self.open_after = QCheckBox("Open the PDF when it is written")
        self.open_after.setChecked(open_after)
        layout.addWidget(self.open_after)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Choose where to save…")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.setMinimumWidth(420)

    def audience(self) -> Audience:
        for who, button in self.buttons.items():
            if button.isChecked():
                return who
        return Audience.INTERNAL

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, *, with_audience: bool, audience: Audience,
            open_after: bool) -> tuple[Audience, bool] | None:
        dialog = cls(parent, title, with_audience=with_audience, audience=audience, open_after=open_after)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.audience(), dialog.open_after.isChecked()
        finally:
            dialog.deleteLater()


def safe_file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-") or "plan"


def plan_file_name(name: str, who: Audience, today: date) -> str:
    """'Acme — plan 2026-11-26.pdf' for the customer, 'Acme — internal plan 2026-11-26.pdf' for us."""
    what = "plan" if who == Audience.CUSTOMER else "internal plan"
    return f"{safe_file_name(name)} — {what} {today.isoformat()}.pdf"


def save_path(parent: QWidget, caption: str, proposed: str, filters: str) -> str:
    """The save dialog in the folder used last time, with the name offered selected: Enter takes it.
    '' when cancelled."""
    dialog = QFileDialog(parent, caption, str(Path(proposed).parent), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(Path(proposed).name)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return ""
        return dialog.selectedFiles()[0]
    finally:
        dialog.deleteLater()


class Exporter(QObject):
    """The two export actions of one window (a child of it, so it lives as long as the window)."""

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.plan_action = QAction("Export account &plan…", window)
        self.plan_action.setShortcut(QKeySequence("Ctrl+P"))  # the customer's plan in three keys: Ctrl+P, Enter, Enter
        self.plan_action.setStatusTip("Write the selected account's plan as a PDF, for the customer or internal")
        self.plan_action.triggered.connect(self.export_plan)
        self.week_action = QAction("Export &week…", window)
        self.week_action.setStatusTip("Write this week's plan across all accounts as a one-page PDF")
        self.week_action.triggered.connect(self.export_week)

    # --- the two actions ------------------------------------------------------------------
    def export_plan(self) -> Path | None:
        account_id = self.window.current_account_id()  # type: ignore[attr-defined]  # an AccountWindow
        if account_id is None:
            self.warn("Select an account first: the plan is exported for the selected account.")
            return None
        try:
            name = read.account(self.ctx.db, account_id).name
        except DomainError as exc:
            self.warn(exc.message)
            return None
        answer = ExportDialog.ask(
            self.window, f"Export the plan of {name}", with_audience=True,
            audience=Audience(str(self.ctx.settings.value(AUDIENCE_KEY, Audience.INTERNAL.value))),
            open_after=self.open_after_default(),
        )
        if answer is None:
            return None
        who, open_after = answer
        self.ctx.settings.setValue(AUDIENCE_KEY, who.value)
        path = self.ask_path("Export account plan", plan_file_name(name, who, self.ctx.today()))
        if path is None:
            return None
        from csplanner.export.account_plan import export_account_plan

        return self.run(path, open_after, f"Writing the plan of {name}…",
                        lambda progress: export_account_plan(self.ctx.db, account_id, path, today=self.ctx.today(),
                                                             audience=who, progress=progress))

    def export_week(self) -> Path | None:
        start = week_start(self.ctx.today())
        iso = start.isocalendar()
        answer = ExportDialog.ask(self.window, f"Export week {iso[1]} of {iso[0]}", with_audience=False,
                                  audience=Audience.INTERNAL, open_after=self.open_after_default())
        if answer is None:
            return None
        _, open_after = answer
        name = f"Week {iso_week(start)} ({date_range(start, start + timedelta(days=6))}).pdf"
        path = self.ask_path("Export week", name.replace("\u2009", " "))  # no thin spaces in file names
        if path is None:
            return None
        from csplanner.export.week_plan import export_week

        return self.run(path, open_after, f"Writing week {iso[1]}…",
                        lambda progress: export_week(self.ctx.db, start, path, today=self.ctx.today(),
                                                     progress=progress))

    # --- shared steps ---------------------------------------------------------------------
    def open_after_default(self) -> bool:
        return str(self.ctx.settings.value(OPEN_AFTER_KEY, "true")).lower() == "true"

    def ask_path(self, caption: str, file_name: str) -> Path | None:
        folder = str(self.ctx.settings.value(FOLDER_KEY, "")) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = save_path(self.window, caption, str(Path(folder) / file_name), "PDF files (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.ctx.settings.setValue(FOLDER_KEY, str(path.parent))
        return path

    def run(self, path: Path, open_after: bool, message: str, work) -> Path | None:  # noqa: ANN001
        self.ctx.settings.setValue(OPEN_AFTER_KEY, "true" if open_after else "false")
        progress = QProgressDialog(message, "", 0, 0, self.window)
        progress.setWindowTitle("Exporting PDF")
        progress.setCancelButton(None)  # the file is written whole or not at all; nothing to cancel midway
        progress.setMinimumDuration(400)  # quick exports never flash a dialog
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        self.status(message)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(f"{message} page {done} of {total}")

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = work(step)
        except DomainError as exc:
            self.status("")
            self.warn(exc.message)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
            progress.close()
            progress.deleteLater()
        self.status(f"Wrote {result.path.name} ({plural(result.pages, 'page')})", 8000)
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
        return Path(result.path)

    def status(self, text: str, timeout: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout)

    def warn(self, message: str) -> None:
        QMessageBox.warning(self.window, "Export", message)


def actions(ctx: AppContext, window: QMainWindow) -> list[QAction]:
    exporter = Exporter(ctx, window)
    return [exporter.plan_action, exporter.week_action]
