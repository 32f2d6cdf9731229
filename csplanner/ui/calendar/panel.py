"""What the account calendar and the all-accounts calendar share: a grid wired to undoable edits."""

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from csplanner.core.calendar import Bar, Chip
from csplanner.core.changes import RecordType
from csplanner.core.enums import MilestoneStatus
from csplanner.core.errors import DomainError
from csplanner.core.present import date_full
from csplanner.ui import editing, operations
from csplanner.ui.calendar import chip_menu
from csplanner.ui.calendar.grid import CalendarGrid, Source
from csplanner.ui.context import AppContext


class CalendarPanel(QWidget):
    """Subclasses build `self.grid` and say which account a new run belongs to."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = QLabel()  # the last refused edit, in words
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.hide()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Whenever the calendar comes into view (Ctrl+2, its tab) the keys go to the grid, not a filter.
        super().showEvent(event)
        grid = getattr(self, "grid", None)
        if grid is not None and not event.spontaneous():
            grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def make_grid(self, source: Source, **kwargs: object) -> CalendarGrid:
        grid = CalendarGrid(source, self.ctx.today, **kwargs)  # type: ignore[arg-type]
        grid.chip_clicked.connect(self.edit_chip)
        grid.chip_moved.connect(self.move_chip)
        grid.chip_menu.connect(self.show_chip_menu)
        grid.chip_delete.connect(self.delete_chip)
        grid.day_activated.connect(self.add_on)
        grid.day_menu.connect(self.show_day_menu)
        grid.bar_menu.connect(self.show_bar_menu)
        return grid

    def account_for_new(self, day: date) -> int | None:
        raise NotImplementedError

    def report(self, error: DomainError | None) -> None:
        if error is None:
            self.message.hide()
        else:
            self.message.setText(error.message)
            self.message.show()

    # grid signals -> operations
    def move_chip(self, chip: Chip, day: date) -> None:
        self.report(operations.move_run(self.ctx, chip.milestone_id, day, seen=chip.version).error)

    def mark_chip(self, chip: Chip, status: MilestoneStatus) -> None:
        self.report(operations.mark_run(self.ctx, chip.milestone_id, status, seen=chip.version).error)

    def delete_chip(self, chip: Chip) -> None:
        # one rule for every delete, here as in the tables: ask once, naming what goes; undo brings it back
        editing.delete_record(self, self.ctx, RecordType.MILESTONE, chip.milestone_id)

    def edit_chip(self, chip: Chip) -> None:
        editing.edit_record(self, self.ctx, RecordType.MILESTONE, chip.milestone_id)

    def add_on(self, day: date) -> None:
        account_id = self.account_for_new(day)
        if account_id is not None:
            editing.edit_record(self, self.ctx, RecordType.MILESTONE, None,
                                {"account_id": account_id, "planned_on": day})

    def extra_menu_actions(self, menu: object, chip: Chip) -> None:
        """Hook for the all-accounts view ("Open account")."""

    def show_day_menu(self, day: date, where: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(f"&Add a run on {date_full(day)}…").triggered.connect(
            lambda: self.add_on(day))
        menu.exec(where)
        menu.deleteLater()

    def show_bar_menu(self, bar: Bar, where: QPoint) -> None:
        """An obstacle's bar: edit it (and the runs it hurts), or realign the plan around it."""
        menu = QMenu(self)
        menu.addAction(f"&Edit obstacle '{bar.title}'…").triggered.connect(
            lambda: editing.edit_record(self, self.ctx, RecordType.OBSTACLE, bar.obstacle_id))
        menu.addAction("&Realign plan…").triggered.connect(lambda: self.realign(bar.obstacle_id))
        menu.exec(where)
        menu.deleteLater()

    def realign(self, obstacle_id: int) -> None:
        from csplanner.ui.realign_dialog import RealignDialog

        RealignDialog.ask(self, self.ctx, obstacle_id)

    def show_chip_menu(self, chip: Chip, where: QPoint) -> None:
        menu, actions = chip_menu.chip_menu(self, chip)
        actions["edit"].triggered.connect(lambda: self.edit_chip(chip))
        for status, _text in chip_menu.MARKS:
            actions[status.value].triggered.connect(lambda _=False, s=status: self.mark_chip(chip, s))
        actions["delete"].triggered.connect(lambda: self.delete_chip(chip))
        self.extra_menu_actions(menu, chip)
        menu.exec(where)
        menu.deleteLater()
