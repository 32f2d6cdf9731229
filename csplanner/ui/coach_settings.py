"""File → Coach settings…: contact cadences by role, effort per run type and check-in, hours a week.

Stored in the book (core/settings.py says why); saving is one undo step."""

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget,
)

from csplanner.core import coach_views
from csplanner.core.enums import RunType, StakeholderRole
from csplanner.core.present import value_label
from csplanner.core.settings import CoachSettings
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.ui.dialogs.record_dialog import ErrorLabel


def _hours(value: float, top: float = 80.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, top)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(" h")
    box.setValue(value)
    box.setMaximumWidth(100)
    return box


class CoachSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Coach settings")
        self.current = coach_views.settings(ctx.db)
        cadence_box = QGroupBox("Days between calls, by role (amber at the cadence, red at 1.5 ×)")
        cadence_form = QFormLayout(cadence_box)
        self.cadence: dict[StakeholderRole, QSpinBox] = {}
        for role, days in self.current.cadence_days.items():
            spin = QSpinBox()
            spin.setRange(1, 365)
            spin.setSuffix(" days")
            spin.setValue(days)
            spin.setMaximumWidth(120)
            spin.lineEdit().setAccessibleName(f"{value_label(role)}: days between calls")
            spin.setObjectName(f"cadence-{role}")
            self.cadence[role] = spin
            cadence_form.addRow(value_label(role), spin)
        effort_box = QGroupBox("Hours each takes")
        effort_form = QFormLayout(effort_box)
        self.effort: dict[RunType, QDoubleSpinBox] = {}
        for run_type, hours in self.current.effort_hours.items():
            self.effort[run_type] = _hours(hours)
            self.effort[run_type].setObjectName(f"effort-{run_type}")
            name = "Race day" if run_type == RunType.RACE else f"{value_label(run_type)} run"
            self.effort[run_type].lineEdit().setAccessibleName(f"{name}: hours")
            effort_form.addRow(name, self.effort[run_type])
        self.checkin = _hours(self.current.checkin_hours)
        self.checkin.setObjectName("effort-checkin")
        self.checkin.lineEdit().setAccessibleName("Check-in: hours")
        effort_form.addRow("Check-in", self.checkin)
        self.week = _hours(self.current.week_hours, 168.0)
        self.week.setObjectName("weekHours")
        self.week.lineEdit().setAccessibleName("Hours a week for the plan")
        week_form = QFormLayout()
        week_form.addRow("Hours a week for the plan", self.week)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(cadence_box)
        columns.addWidget(effort_box)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(week_form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> CoachSettings:
        return replace(self.current, cadence_days={r: s.value() for r, s in self.cadence.items()},
                       effort_hours={t: s.value() for t, s in self.effort.items()},
                       checkin_hours=self.checkin.value(), week_hours=self.week.value())

    def accept(self) -> None:
        values = self.values()
        if values != self.current:
            outcome = operations.save_coach_settings(self.ctx, values)
            if outcome.error is not None:
                self.error.show_message(outcome.error.message)
                return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext) -> bool:
        dialog = cls(parent, ctx)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
