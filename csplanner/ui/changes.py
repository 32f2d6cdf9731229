"""The one app-wide 'changed' signal: which kinds of record and which accounts an edit touched."""

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Change:
    """kinds: table names like "account", "milestone"; account_ids: accounts whose data changed."""

    kinds: frozenset[str]
    account_ids: frozenset[int] = field(default_factory=frozenset)

    def touches(self, kind: str) -> bool:
        return kind in self.kinds

    @staticmethod
    def of(*kinds: str, account_ids: "set[int] | frozenset[int] | tuple[int, ...]" = ()) -> "Change":
        return Change(frozenset(kinds), frozenset(i for i in account_ids if i is not None))


class ChangeBus(QObject):
    """Screens listen to `changed` and refresh themselves; no screen pokes another."""

    changed = Signal(object)  # Change
    failed = Signal(str)  # an undo/redo step broke a rule: the window shows the message

    def announce(self, change: Change) -> None:
        self.changed.emit(change)
