"""Every edit is a QUndoCommand that calls a core service and then announces the change.

Use `run(ctx, command)`: it pushes the command (which runs it) and turns a DomainError into
a message for the caller to show, leaving the undo stack untouched.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlmodel import Session, SQLModel

from csplanner.core.errors import DomainError
from csplanner.core.models import Account
from csplanner.core.services import records, snapshot
from csplanner.ui.changes import Change
from csplanner.ui.context import AppContext

# The service functions a command calls: create(session, **values), update(session, id, **changes).
Creator = Callable[..., SQLModel]
Updater = Callable[..., SQLModel]


def kind_of(model: type[SQLModel]) -> str:
    return str(model.__tablename__)


class ServiceCommand(QUndoCommand):
    """Subclasses implement apply(session) and revert(session), each returning the Change."""

    def __init__(self, ctx: AppContext, text: str) -> None:
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
    """Create with a service function; undo deletes it (and whatever cascaded), redo recreates same id."""

    def __init__(self, ctx: AppContext, model: type[SQLModel], create: Creator, values: dict[str, Any], text: str) -> None:
        super().__init__(ctx, text)
        self.model, self.create, self.values = model, create, dict(values)
        self.record_id: int | None = None

    def _change(self, account_id: int | None) -> Change:
        return Change.of(kind_of(self.model), account_ids=(account_id,) if account_id else ())

    def apply(self, session: Session) -> Change:
        values = dict(self.values)
        if self.record_id is not None:
            values["id"] = self.record_id
        obj = self.create(session, **values)
        self.record_id = obj.id
        return self._change(getattr(obj, "account_id", obj.id))

    def revert(self, session: Session) -> Change:
        obj = records.get(session, self.model, self.record_id)
        account_id = getattr(obj, "account_id", obj.id)
        session.delete(obj)
        session.flush()
        return self._change(account_id)


class UpdateRecord(ServiceCommand):
    """Change some fields through the service's update; undo writes the old values back."""

    def __init__(self, ctx: AppContext, model: type[SQLModel], update: Updater, record_id: int, changes: dict[str, Any], text: str) -> None:
        super().__init__(ctx, text)
        self.model, self.update, self.record_id = model, update, record_id
        self.changes = dict(changes)
        self.before: dict[str, Any] | None = None

    def _change(self, obj: SQLModel) -> Change:
        account_id = getattr(obj, "account_id", None) if self.model is not Account else obj.id
        return Change.of(kind_of(self.model), account_ids=(account_id,) if account_id else ())

    def apply(self, session: Session) -> Change:
        current = records.get(session, self.model, self.record_id)
        self.before = {k: getattr(current, k) for k in self.changes}
        return self._change(self.update(session, self.record_id, **self.changes))

    def revert(self, session: Session) -> Change:
        assert self.before is not None
        return self._change(self.update(session, self.record_id, **self.before))


class DeleteRecord(ServiceCommand):
    """Delete a record and what hangs off it; undo restores all of it with the same ids."""

    def __init__(self, ctx: AppContext, model: type[SQLModel], delete: Callable[[Session, int], None], record_id: int, text: str) -> None:
        super().__init__(ctx, text)
        self.model, self.delete, self.record_id = model, delete, record_id
        self.rows: list[dict[str, Any]] = []

    def _change(self) -> Change:
        kinds = {kind_of(self.model)} | {kind_of(snapshot.KINDS[r["kind"]]) for r in self.rows}
        first = self.rows[0]["fields"] if self.rows else {}
        account_id = first.get("account_id", first.get("id") if self.model is Account else None)
        return Change(frozenset(kinds), frozenset({account_id} if account_id else set()))

    def apply(self, session: Session) -> Change:
        self.rows = snapshot.dump(session, self.model, self.record_id)
        self.delete(session, self.record_id)
        return self._change()

    def revert(self, session: Session) -> Change:
        snapshot.restore(session, self.rows)
        return self._change()


def run(ctx: AppContext, command: ServiceCommand) -> DomainError | None:
    """Push (and so run) a command. Returns the rule it broke, if any; then nothing was saved."""
    ctx.undo_stack.push(command)
    return command.error
