"""Plan my week…: the planner's proposal of which runs to keep and which to defer a week, each
with its reason; tick or untick any, then apply as one undo step."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from csplanner.core import coach_views, planner
from csplanner.core.present import date_short, day_short, plural
from csplanner.export.qcolors import MISSED
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.ui.dialogs.record_dialog import ErrorLabel

COLUMNS = ("Keep", "Day", "Account", "Run", "Hours", "Points", "Why")
KEEP, DAY, ACCOUNT, RUN, HOURS, POINTS, WHY = range(len(COLUMNS))


class PlanWeekDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext, week_start: date, owner: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.proposal = coach_views.proposal(ctx.db, week_start, ctx.today(), owner)  # owner: my runs only
        self.choices = list(self.proposal.choices)
        iso = (week_start.isocalendar()[1])
        self.setWindowTitle(f"Plan my week {iso}")
        head = QLabel(f"{self.proposal.capacity:g} h available. Check-ins, race days and work done take "
                      f"{self.proposal.fixed_hours:g} h; the runs below are ranked by race day, health, ARR and "
                      f"lateness. Untick a run to defer it a week, tick it to keep it.")
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)
        self.table = QTableWidget(len(self.choices), len(COLUMNS))
        self.table.setObjectName("planWeekTable")
        self.table.setAccessibleName("Runs to keep or defer")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for i, ch in enumerate(self.choices):
            c = ch.candidate
            keep = QTableWidgetItem()
            keep.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            keep.setCheckState(Qt.CheckState.Checked if ch.keep else Qt.CheckState.Unchecked)
            self.table.setItem(i, KEEP, keep)
            for col, text in ((DAY, day_short(c.planned_on)), (ACCOUNT, c.account_name), (RUN, c.title),
                              (HOURS, f"{c.hours:g} h"), (POINTS, f"{ch.points:g}"), (WHY, ch.why)):
                item = QTableWidgetItem(text)
                item.setToolTip(ch.why)
                self.table.setItem(i, col, item)
        header = self.table.horizontalHeader()
        for col in (KEEP, DAY, HOURS, POINTS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ACCOUNT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RUN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(ACCOUNT, 150)
        self.table.setColumnWidth(RUN, 200)
        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText("&Apply")
        self.apply_button.setToolTip("Defers the unticked runs by a week, in one step (Edit → Undo takes it back)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.table.itemChanged.connect(lambda _item: self.update_total())
        self.update_total()
        self.resize(1000, 520)

    def kept(self) -> list[bool]:
        return [self.table.item(i, KEEP).checkState() == Qt.CheckState.Checked for i in range(len(self.choices))]

    def final_choices(self) -> list[planner.Choice]:
        """The proposal as the user left it."""
        from dataclasses import replace

        return [replace(ch, keep=keep) for ch, keep in zip(self.choices, self.kept())]

    def update_total(self) -> None:
        hours = self.proposal.fixed_hours + sum(ch.candidate.hours for ch, k in zip(self.choices, self.kept()) if k)
        deferred = sum(not k for k in self.kept())
        over = hours > self.proposal.capacity + 1e-9
        self.total.setText(f"Kept: {hours:g} h of {self.proposal.capacity:g} h"
                           f"{' — still over' if over else ''} · {plural(deferred, 'run')} deferred a week")
        self.total.setStyleSheet(f"color: {MISSED.name()}" if over else "")

    def accept(self) -> None:
        moves = planner.moves(self.final_choices())
        if moves:
            first = min(m.before for m in moves)
            outcome = operations.plan_week(self.ctx, moves, f"Plan my week: defer {plural(len(moves), 'run')} "
                                                            f"from {date_short(first)}")
            if outcome.error is not None:
                self.error.show_message(outcome.error.message)
                return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, week_start: date, owner: str | None = None) -> bool:
        dialog = cls(parent, ctx, week_start, owner)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
