"""The calendar's edits: each one an undoable command through the milestone service."""

from datetime import date

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QMenu, QWidget

from csplanner.core.calendar import Chip
from csplanner.core.enums import MilestoneStatus
from csplanner.core.errors import DomainError
from csplanner.core.models import Milestone
from csplanner.core.services import milestones
from csplanner.ui import undo
from csplanner.ui.context import AppContext

MARKS = [
    (MilestoneStatus.DONE, "Mark &done"),
    (MilestoneStatus.MISSED, "Mark &missed"),
    (MilestoneStatus.SKIPPED, "Mark &skipped"),
    (MilestoneStatus.PLANNED, "Back to &planned"),
]


def move(ctx: AppContext, chip: Chip, day: date) -> DomainError | None:
    text = f"Move '{chip.title}' to {QLocale().toString(day, QLocale.FormatType.ShortFormat)}"
    return undo.run(ctx, undo.UpdateRecord(ctx, Milestone, milestones.update, chip.milestone_id, {"planned_on": day}, text))


def mark(ctx: AppContext, chip: Chip, status: MilestoneStatus) -> DomainError | None:
    changes: dict[str, object] = {"status": status}
    if status == MilestoneStatus.DONE:
        changes["done_on"] = ctx.today()  # ctx.today(), not the service's date.today(): tests pin it
    text = f"Mark '{chip.title}' {status.value}"
    return undo.run(ctx, undo.UpdateRecord(ctx, Milestone, milestones.update, chip.milestone_id, changes, text))


def delete(ctx: AppContext, chip: Chip) -> DomainError | None:
    return undo.run(ctx, undo.DeleteRecord(ctx, Milestone, milestones.delete, chip.milestone_id, f"Delete milestone '{chip.title}'"))


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
    actions["delete"] = menu.addAction("De&lete")
    return menu, actions
