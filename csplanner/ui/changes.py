"""The one app-wide 'changed' signal, carrying the core's `Change` (what an edit touched)."""

from PySide6.QtCore import QObject, Signal

from csplanner.core.changes import Change


class ChangeBus(QObject):
    """Screens listen to `changed` and refresh themselves; no screen pokes another."""

    changed = Signal(object)  # csplanner.core.changes.Change
    failed = Signal(str)  # an undo/redo step broke a rule: the window shows the message
    read_only_changed = Signal()  # the book turned read-only (found damaged) or writable again (restored)

    def announce(self, change: Change) -> None:
        self.changed.emit(change)
