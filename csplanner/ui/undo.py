"""The undo machinery: one QUndoCommand around a core `Edit` (csplanner.core.edits).

Screens never build these; they call a verb in `csplanner.ui.operations`, which does. Each
step runs the edit's apply or revert in one unit of work, then announces the core `Change` it
returned on `ctx.bus`. A step that breaks a rule saves nothing and drops the command.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from csplanner.core import edits, versions
from csplanner.core.errors import DomainError
from csplanner.ui.context import AppContext


class EditCommand(QUndoCommand):
    """`describe(record fields)` names the step once it has run ("Mark 'QBR' done")."""

    def __init__(self, ctx: AppContext, edit: edits.Edit, text: str = "",
                 describe: Callable[[dict[str, Any]], str] | None = None) -> None:
        super().__init__(text)
        self.ctx, self.edit, self.describe = ctx, edit, describe
        self.error: DomainError | None = None
        self._ran_once = False
        # the rows the last step wrote: undo/redo is refused if somebody else changed one since
        self.guard: list[versions.Written] = []

    def _run(self, step: Callable) -> None:  # type: ignore[type-arg]
        try:
            change = edits.run(self.ctx.db, step, who=self.ctx.user, now=self.ctx.now(), guard=self.guard)
        except DomainError as exc:
            self.error = exc
            self.setObsolete(True)  # Qt drops an obsolete command instead of keeping a broken step
            if self._ran_once:
                self.ctx.bus.failed.emit(exc.message)
            return
        finally:
            self._ran_once = True
        if self.describe is not None and not self.text():
            self.setText(self.describe(getattr(self.edit, "record", {})))
        self.ctx.bus.announce(change)

    def redo(self) -> None:
        self._run(self.edit.apply)

    def undo(self) -> None:
        self._run(self.edit.revert)


def run(ctx: AppContext, command: EditCommand) -> DomainError | None:
    """Push (and so run) a command. Returns the rule it broke, if any; then nothing was saved."""
    ctx.undo_stack.push(command)
    return command.error
