"""Realign plan…: shift, compress or skip the runs an obstacle hurts, with a preview of every run
before and after (flagged when it lands after race day, on a weekend or on a full day).
Applying is one undo step."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from csplanner.core import coach_views
from csplanner.core.errors import DomainError
from csplanner.core.present import date_long, plural
from csplanner.core.realign import Flag, Mode, Preview
from csplanner.export.qcolors import MISSED
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.ui.dialogs.fields import DateLine
from csplanner.ui.dialogs.record_dialog import ErrorLabel

COLUMNS = ("Run", "Before", "After", "Watch out")


class RealignDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext, obstacle_id: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = ctx.today()
        self.info = coach_views.obstacle_info(ctx.db, obstacle_id)
        self.preview: Preview | None = None
        self.setWindowTitle(f"Realign plan — {self.info.account_name}")
        hurt = plural(len(self.info.hurt), "run")
        head = QLabel(f"“{self.info.title}” hurts {hurt}. Race day: {date_long(self.info.race_day, 'not set')}.")
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)

        self.shift = QRadioButton("&Shift")
        self.compress = QRadioButton("&Compress to race day")
        self.skip = QRadioButton("S&kip the hurt runs")
        self.modes = QButtonGroup(self)
        for b in (self.shift, self.compress, self.skip):
            self.modes.addButton(b)
        self.shift.setChecked(True)

        self.which = QComboBox()
        self.which.addItem(f"the runs it hurts ({len(self.info.hurt)})", "hurt")
        self.which.addItem("every planned run from", "after")
        self.after = DateLine(today)
        self.after.setText(today.isoformat())
        self.amount = QSpinBox()
        self.amount.setRange(-52, 365)
        self.amount.setValue(1)
        self.unit = QComboBox()
        self.unit.addItem("weeks", 7)
        self.unit.addItem("days", 1)
        for widget, name in ((self.which, "Which runs to shift"), (self.after, "Shift every planned run from"),
                             (self.amount, "Shift by"), (self.unit, "Unit")):
            widget.setAccessibleName(name)
        self.amount.lineEdit().setAccessibleName("Shift by")
        shift_row = QHBoxLayout()
        for w in (self.which, self.after, QLabel("by"), self.amount, self.unit):
            shift_row.addWidget(w)
        shift_row.addStretch(1)
        self.start = DateLine(today)
        self.start.setText(today.isoformat())
        self.reason = QLineEdit(self.info.title)
        self.reason.setPlaceholderText("Why (goes in each run's notes)")
        self.reason.setMinimumWidth(380)
        self.start.setAccessibleName("Restart on")
        self.reason.setAccessibleName("Why the runs are skipped")
        form = QFormLayout()
        form.addRow(self.shift, shift_row)
        form.addRow(self.compress, _row(QLabel("restart on"), self.start,
                                        QLabel("and space the planned runs evenly up to race day")))
        form.addRow(self.skip, _row(QLabel("because"), self.reason))

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("realignPreview")
        self.table.setAccessibleName("Each run before and after")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText("&Apply")
        self.apply_button.setToolTip("One step: Edit → Undo puts every run back")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for b in (self.shift, self.compress, self.skip):
            b.toggled.connect(self.refresh)
        for signal in (self.which.currentIndexChanged, self.amount.valueChanged, self.unit.currentIndexChanged,
                       self.after.textChanged, self.start.textChanged, self.reason.textChanged):
            signal.connect(self.refresh)
        self.resize(720, 460)
        self.refresh()

    def mode(self) -> Mode:
        return Mode.SHIFT if self.shift.isChecked() else Mode.COMPRESS if self.compress.isChecked() else Mode.SKIP

    def _how(self) -> dict[str, object]:
        mode = self.mode()
        self.after.setEnabled(mode == Mode.SHIFT and self.which.currentData() == "after")
        if mode == Mode.SHIFT:
            days = self.amount.value() * int(self.unit.currentData())
            if self.which.currentData() == "after":
                return {"days": days, "after": _day(self.after.text(), "the first day to shift")}
            return {"days": days, "ids": self.info.hurt}
        if mode == Mode.COMPRESS:
            return {"start": _day(self.start.text(), "the restart day")}
        return {"ids": self.info.hurt, "reason": self.reason.text()}

    def refresh(self) -> None:
        self.error.clear_message()
        self.preview = None
        try:
            self.preview = coach_views.preview(self.ctx.db, self.info.account_id, self.ctx.today(), self.mode(),
                                               **self._how())
        except DomainError as exc:
            self.error.show_message(exc.message)
        self._fill()

    def _fill(self) -> None:
        moves = self.preview.moves if self.preview else []
        self.table.setRowCount(len(moves))
        for i, m in enumerate(moves):
            after = "skipped" if m.skip_reason is not None else date_long(m.after)
            cells = (m.title, date_long(m.before), after, ", ".join(f for f in Flag if f in m.flags))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if m.flags and c in (2, 3):
                    item.setForeground(MISSED)
                self.table.setItem(i, c, item)
        flagged = self.preview.flagged if self.preview else 0
        self.summary.setText(f"{plural(len(moves), 'run')} to change, {flagged} flagged." if moves else "")
        self.apply_button.setEnabled(bool(moves))

    def accept(self) -> None:
        if self.preview is None:
            return
        verb = {Mode.SHIFT: "Shift", Mode.COMPRESS: "Compress", Mode.SKIP: "Skip"}[self.mode()]
        outcome = operations.realign(self.ctx, self.preview.moves,
                                     f"{verb} {plural(len(self.preview.moves), 'run')} of '{self.info.account_name}'")
        if outcome.error is not None:
            self.error.show_message(outcome.error.message)
            self.refresh()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, obstacle_id: int) -> bool:
        """Show the dialog; True when the plan was realigned."""
        dialog = cls(parent, ctx, obstacle_id)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DomainError(f"'{text.strip()}' is not a date for {what} (use YYYY-MM-DD).") from None
