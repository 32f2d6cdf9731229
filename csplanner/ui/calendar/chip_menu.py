"""The chip's right-click menu: edit, the four marks, delete."""

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QWidget

from csplanner.core.calendar import Chip
from csplanner.core.enums import MilestoneStatus

MARKS = [
    (MilestoneStatus.DONE, "Mark &done"),
    (MilestoneStatus.MISSED, "Mark &missed"),
    (MilestoneStatus.SKIPPED, "Mark &skipped"),
    (MilestoneStatus.PLANNED, "Back to &planned"),
]


def chip_menu(parent: QWidget, chip: Chip) -> tuple[QMenu, dict[str, QObject]]:
    """The right-click menu of a chip; the caller connects the returned actions by name."""
    menu = QMenu(parent)
    actions: dict[str, QObject] = {"edit": menu.addAction("&Edit…")}
    menu.addSeparator()
    for status, text in MARKS:
        act = menu.addAction(text)
        act.setEnabled(chip.status != status)
        actions[status.value] = act
    menu.addSeparator()
    actions["delete"] = menu.addAction("De&lete…")
    return menu, actions
