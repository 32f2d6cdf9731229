"""The undo machinery: a QUndoCommand whose two steps each call core services in one session.

Screens never build these; they call a verb in `csplanner.ui.operations`, which does.
After each step the command announces the core `Change` the step returned on `ctx.bus`.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlmodel import Session, SQLModel

from csplanner.core import changes
from csplanner.core.changes import Change, RecordType
from csplanner.core.errors import DomainError
from csplanner.core.services import by_type, undo_dump
from csplanner.ui.context import AppContext


class ServiceCommand(QUndoCommand):
    """Subclasses implement apply(session) and revert(session), each returning the Change."""

    def __init__(self, ctx: AppContext, text: str = "") -> None:
        super().__init__(text)
        self.ctx = ctx
        self.error: DomainError | None = None
        self._ran_once = False

    def apply(self, session: Session) -> Change:
        raise NotImplementedError

    def revert(self, session: Session) -> Change:
        raise NotImplementedError

    def _run(self, step: Callable[[Session], Change]) -> None:
        try:
            with self.ctx.db.session() as session:
                change = step(session)
        except DomainError as exc:
            self.error = exc
            self.setObsolete(True)  # Qt drops an obsolete command instead of keeping a broken step
            if self._ran_once:
                self.ctx.bus.failed.emit(exc.message)
            return
        finally:
            self._ran_once = True
        self.ctx.bus.announce(change)

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)


class CreateRecord(ServiceCommand):
    """Create through the record's service; undo deletes it through the same service (children
    added later were undone first); redo recreates it with the same id."""

    def __init__(self, ctx: AppContext, record_type: RecordType, values: dict[str, Any], text: str = "",
                 describe: Callable[[SQLModel], str] | None = None) -> None:
        super().__init__(ctx, text)
        self.record_type, self.values, self.describe = record_type, dict(values), describe
        self.record_id: int | None = None

    def apply(self, session: Session) -> Change:
        values = dict(self.values)
        if self.record_id is not None:
            values["id"] = self.record_id
        obj = by_type.create(session, self.record_type, values, self.ctx.today())
        self.record_id = obj.id
        if self.describe is not None and not self.text():
            self.setText(self.describe(obj))
        return changes.of_record(obj)

    def revert(self, session: Session) -> Change:
        assert self.record_id is not None
        change = changes.of_record(by_type.get(session, self.record_type, self.record_id))
        by_type.delete(session, self.record_type, self.record_id)
        return change


class EditRecord(ServiceCommand):
    """Run a service that changes some fields of one record; undo writes the old values back.

    `edit(session)` is the service call (update, mark, move…); `fields` are the ones it may change.
    """

    def __init__(self, ctx: AppContext, record_type: RecordType, record_id: int, fields: tuple[str, ...],
                 edit: Callable[[Session], SQLModel], text: str = "",
                 describe: Callable[[SQLModel], str] | None = None) -> None:
        super().__init__(ctx, text)
        self.record_type, self.record_id, self.fields = record_type, record_id, fields
        self.edit, self.describe = edit, describe
        self.before: dict[str, Any] | None = None

    def apply(self, session: Session) -> Change:
        self.before = by_type.current(session, self.record_type, self.record_id, self.fields)
        obj = self.edit(session)
        if self.describe is not None and not self.text():
            self.setText(self.describe(obj))
        return changes.of_record(obj)

    def revert(self, session: Session) -> Change:
        assert self.before is not None
        return changes.of_record(by_type.update(session, self.record_type, self.record_id, self.before,
                                                self.ctx.today()))


class DeleteRecord(ServiceCommand):
    """Delete a record and what hangs off it; undo restores all of it with the same ids."""

    def __init__(self, ctx: AppContext, record_type: RecordType, record_id: int, text: str = "",
                 describe: Callable[[SQLModel], str] | None = None) -> None:
        super().__init__(ctx, text)
        self.record_type, self.record_id, self.describe = record_type, record_id, describe
        self.rows: list[dict[str, Any]] = []
        self.account_id: int | None = None

    def _change(self) -> Change:
        return changes.touched(*undo_dump.models_in(self.rows), account_ids=(self.account_id,))

    def apply(self, session: Session) -> Change:
        obj = by_type.get(session, self.record_type, self.record_id)
        self.account_id = changes.account_of(obj)
        if self.describe is not None and not self.text():
            self.setText(self.describe(obj))
        self.rows = undo_dump.dump(session, changes.MODELS[self.record_type], self.record_id)
        by_type.delete(session, self.record_type, self.record_id)
        return self._change()

    def revert(self, session: Session) -> Change:
        undo_dump.restore(session, self.rows)
        return self._change()


def run(ctx: AppContext, command: ServiceCommand) -> DomainError | None:
    """Push (and so run) a command. Returns the rule it broke, if any; then nothing was saved."""
    ctx.undo_stack.push(command)
    return command.error
