"""Apply a plan template to an account (preview first, one undo step) or save a plan as one."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog,
    QLabel, QMessageBox, QPushButton, QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)
from csplanner.core import read, templates
from csplanner.core.present import date_long, plural, value_label
from csplanner.core.errors import DomainError
from csplanner.core.changes import RecordType
from csplanner.core.templates import PlannedRun, Template
from csplanner.export import qcolors as colors
from csplanner.ui import operations
from csplanner.ui.context import AppContext


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class ApplyTemplateDialog(QDialog):
    """Choose a template, see the runs it would add, then add them all (undoable at once)."""

    def __init__(self, parent: QWidget | None, ctx: AppContext, account_id: int) -> None:
        super().__init__(parent)
        self.ctx, self.account_id = ctx, account_id
        self.runs: list[PlannedRun] = []
        self.going: list[templates.Replaced] = []  # planned runs that go when replacing
        self.created: list[int] | None = None
        self.account_name = read.account(ctx.db, account_id).name
        already = len(read.record_rows_of(ctx.db, RecordType.MILESTONE, account_id, ctx.today()))
        self.setWindowTitle(f"Apply a plan template to {self.account_name}")
        self.templates, problems = templates.all_templates()
        self.choice = QComboBox()
        for t in self.templates:
            self.choice.addItem(t.name + ("" if t.builtin else "  (yours)"))
        self.load_button = QPushButton("Open template file…")
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.future_only = QCheckBox(f"Only runs from today ({date_long(ctx.today())}) on")
        self.future_only.setChecked(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Date", "Run", "Run type", "Phase", "Dated from"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.existing = QLabel()
        self.existing.setTextFormat(Qt.TextFormat.PlainText)
        self.existing.setWordWrap(True)
        # a second template: beside the plan, or in place of the runs still planned
        self.beside = QRadioButton("Add alongside the plan")
        self.replace = QRadioButton("Replace the planned runs")
        self.beside.setChecked(True)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.beside)
        self.mode.addButton(self.replace)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problem = QLabel("\n".join(problems))
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.setVisible(bool(problems))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel("Template"))
        row.addWidget(self.choice, 1)
        row.addWidget(self.load_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.description)
        layout.addWidget(self.future_only)
        modes = QHBoxLayout()
        modes.addWidget(self.beside)
        modes.addWidget(self.replace)
        modes.addStretch(1)
        layout.addLayout(modes)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.existing)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.choice.currentIndexChanged.connect(self.refresh)
        self.future_only.toggled.connect(self.refresh)
        self.replace.toggled.connect(self.refresh)
        self.load_button.clicked.connect(self.open_file)
        self.already = already
        for button in (self.beside, self.replace):
            button.setVisible(bool(already))
        self.resize(820, 560)
        self.refresh()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, account_id: int) -> list[int] | None:
        """Show the dialog; the ids of the milestones added, or None if cancelled."""
        dialog = cls(parent, ctx, account_id)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.created
        finally:
            dialog.deleteLater()

    def template(self) -> Template | None:
        i = self.choice.currentIndex()
        return self.templates[i] if 0 <= i < len(self.templates) else None

    def choose(self, name: str) -> None:
        self.choice.setCurrentIndex(next(i for i, t in enumerate(self.templates) if t.name == name))

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def refresh(self) -> None:
        t = self.template()
        self.runs = []
        self.description.setText(t.description if t else "No template available.")
        if t is not None:
            try:
                runs = read.template_preview(self.ctx.db, self.account_id, t)
            except DomainError as exc:
                self.show_problem(exc.message)
                runs = []
            else:
                self.problem.hide()
            today = self.ctx.today()
            self.runs = [r for r in runs if not self.future_only.isChecked() or r.day >= today]
        since = self.ctx.today() if self.future_only.isChecked() else None
        self.going = (read_replaceable(self.ctx, self.account_id, since)
                      if self.replace.isChecked() and self.replace.isVisible() else [])
        self.table.setRowCount(len(self.runs) + len(self.going))
        first = len(self.going)  # what goes comes first, struck out, so it is seen before OK
        for row, run in enumerate(self.runs, start=first):
            rule = t.steps[run.step - 1].describe() if t else ""
            texts = (date_long(run.day), run.title, value_label(run.run_type), value_label(run.phase), rule)
            for col, text in enumerate(texts):
                self.table.setItem(row, col, _item(text))
            self.table.item(row, 2).setForeground(colors.as_text(colors.RUN[run.run_type], self.table.palette()))
        for row, gone in enumerate(self.going):
            texts = (date_long(gone.day), gone.title, value_label(gone.run_type), "", "goes (replaced)")
            for col, text in enumerate(texts):
                item = _item(text)
                font = item.font()
                font.setStrikeOut(col < 3)
                item.setFont(font)
                item.setForeground(colors.as_text(colors.MISSED, self.table.palette()))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ok_button.setText(f"Replace {plural(len(self.going), 'run')} with {len(self.runs)}" if self.going
                               else f"Add {len(self.runs)} runs")
        self.ok_button.setEnabled(bool(self.runs))
        if not self.already:
            self.existing.setText("")
        elif self.replace.isChecked():
            self.existing.setText(f"{plural(len(self.going), 'planned run')} of {self.account_name} "
                                  f"{'goes' if len(self.going) == 1 else 'go'} (struck out below); runs done, missed "
                                  "or skipped stay. One undo step brings them back.")
        else:
            self.existing.setText(f"{self.account_name} already has {plural(self.already, 'run')}; "
                                  "these are added alongside them.")

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a plan template", str(Path.home()), "Plan templates (*.json)")
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> None:
        """Offer a template from any file; a broken file says which file and step are wrong."""
        try:
            t = templates.load(path)
        except DomainError as exc:
            self.show_problem(exc.message)
            return
        self.templates.append(t)
        self.choice.addItem(f"{t.name}  ({path.name})")
        self.choice.setCurrentIndex(len(self.templates) - 1)

    def accept(self) -> None:
        t = self.template()
        if t is None or not self.runs:
            return
        outcome = operations.apply_template(self.ctx, self.account_id, self.runs, t.name,
                                            tuple(g.id for g in self.going), {g.id: g.version for g in self.going})
        if outcome.error is not None:
            self.show_problem(outcome.error.message)
            return
        self.created = list(outcome.record_ids)
        super().accept()


def read_replaceable(ctx: AppContext, account_id: int, since: date | None) -> list[templates.Replaced]:
    return read.replaceable_runs(ctx.db, account_id, since)


def save_plan(ctx: AppContext, account_id: int, name: str) -> Path:
    """Save an account's plan as the user's own template; DomainError when it cannot."""
    template = read.plan_as_template(ctx.db, account_id, name)
    return templates.save(template)


def save_plan_as_template(parent: QWidget, ctx: AppContext, account_id: int) -> Path | None:
    suggestion = f"{read.account(ctx.db, account_id).name} plan"
    while True:
        name, ok = QInputDialog.getText(parent, "Save plan as template", "Template name:", text=suggestion)
        if not ok:
            return None
        try:
            path = save_plan(ctx, account_id, name)
        except DomainError as exc:
            QMessageBox.warning(parent, "Cannot save the template", exc.message)
            suggestion = name
            continue
        QMessageBox.information(parent, "Template saved", f"Saved '{name.strip()}' to {path}.")
        return path

