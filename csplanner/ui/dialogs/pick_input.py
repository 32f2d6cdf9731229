"""Inputs that pick records of the same account: the runs an obstacle hurts, who was at a check-in.

They load their choices when the dialog binds them (they need the account and the record), and
keep the dialog's `original` honest so an untouched list is not saved as an edit.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from csplanner.core import coach_views
from csplanner.core.coach_views import Choice
from csplanner.core.db import Database
from csplanner.ui.dialogs.fields import Input

if TYPE_CHECKING:
    from csplanner.ui.context import AppContext


class PickInput(Input):
    """A checkable list of the account's records; the value is the ticked ids."""

    def __init__(self, name: str, choices: Callable[[Database, int], list[Choice]],
                 current: Callable[[Database, int], list[int]], empty: str, label: str) -> None:
        super().__init__(name)
        self.choices, self.current, self.empty = choices, current, empty
        self.list = QListWidget()
        self.list.setObjectName(name)
        self.list.setAccessibleName(label)
        self.list.setMaximumHeight(140)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.widget: QWidget = self.list

    def bind(self, ctx: "AppContext", dialog: Any) -> None:
        account_id = dialog.original.get("account_id")
        if isinstance(account_id, int):
            for choice in self.choices(ctx.db, account_id):
                item = QListWidgetItem(choice.text)
                item.setData(Qt.ItemDataRole.UserRole, choice.id)
                flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if choice.enabled else flags)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.list.addItem(item)
        if not self.list.count():
            self.list.addItem(QListWidgetItem(self.empty))
            self.list.setEnabled(False)
        if dialog.record_id is not None:
            dialog.original[self.name] = self.current(ctx.db, dialog.record_id)
        offered = next((it for it in self.items() if it.flags() & Qt.ItemFlag.ItemIsEnabled), None)
        if offered is not None:  # past runs and people who left sit above: start at what can be picked
            self.list.scrollToItem(offered, QListWidget.ScrollHint.PositionAtTop)

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())
                if self.list.item(i).data(Qt.ItemDataRole.UserRole) is not None]

    def value(self) -> list[int]:
        return [int(it.data(Qt.ItemDataRole.UserRole)) for it in self.items()
                if it.checkState() == Qt.CheckState.Checked]

    def set_value(self, value: object) -> None:
        wanted = set(value) if isinstance(value, (list, tuple, set)) else set()
        for it in self.items():
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in wanted
                             else Qt.CheckState.Unchecked)


class HurtRunsInput(PickInput):
    """The planned runs an obstacle hurts, and the way to realign the plan around them."""

    def __init__(self) -> None:
        super().__init__("milestone_ids", coach_views.run_choices, coach_views.linked_runs,
                         "No runs in this account's plan yet.", "Runs this obstacle hurts")
        self.realign = QPushButton("Realign &plan…")
        self.realign.setToolTip("Save this obstacle, then shift, compress or skip the runs it hurts")
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.list)
        lay.addWidget(self.realign, 0, Qt.AlignmentFlag.AlignLeft)
        self.widget = box

    def bind(self, ctx: "AppContext", dialog: Any) -> None:
        super().bind(ctx, dialog)
        self.realign.clicked.connect(lambda: _save_then_realign(ctx, dialog))


def _save_then_realign(ctx: "AppContext", dialog: Any) -> None:
    from csplanner.ui.realign_dialog import RealignDialog

    dialog.accept()
    if dialog.result() == dialog.DialogCode.Accepted and dialog.saved_id is not None:
        RealignDialog.ask(dialog.parentWidget(), ctx, dialog.saved_id)


def attendees_input() -> PickInput:
    return PickInput("attendee_ids", coach_views.people_choices, coach_views.attendees,
                     "Nobody on file for this account yet (add stakeholders first).", "Who was there")


class CadenceInput(Input):
    """A person's own days between calls: empty follows their role, 0 means none."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QLineEdit

        super().__init__("cadence_days")
        self.widget = QLineEdit()
        self.widget.setPlaceholderText("empty: the role's cadence; 0: none")
        self.widget.setMaximumWidth(self.widget.fontMetrics().horizontalAdvance("empty: the role's cadence; 0: none") + 30)

    def value(self) -> object:
        text = self.widget.text().strip()
        if not text:
            return None
        return int(text) if text.isdigit() else text  # the core names the field for anything else

    def set_value(self, value: object) -> None:
        self.widget.setText("" if value is None else str(value))
