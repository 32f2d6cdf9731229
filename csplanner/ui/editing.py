"""The dialogs around an edit: open the record form, ask before a delete, offer a follow-up.

The edit itself is always an `operations` verb:

    edit_record(parent, ctx, RecordType.MILESTONE, None, {"account_id": 3, "planned_on": day})
    delete_record(parent, ctx, RecordType.ACCOUNT, 3)
"""

from typing import Any

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from csplanner.core import read
from csplanner.core.changes import RecordType
from csplanner.core.errors import DomainError
from csplanner.core.present import plural
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.ui.dialogs.confirm import Question
from csplanner.ui.nouns import NOUNS, title


def allow_edit(ctx: AppContext, button: QAbstractButton, enabled: bool = True) -> None:
    """Enable a button that saves something as `enabled` says; in a book opened read-only it is
    greyed and its tooltip says why (a click would only be refused)."""
    button.setEnabled(enabled and not ctx.db.read_only)
    if ctx.db.read_only:
        button.setToolTip(f"Read-only: {ctx.db.read_only_why}")
    elif button.toolTip().startswith("Read-only: "):  # writable again (a damaged book restored)
        button.setToolTip("")


def edit_record(parent: QWidget, ctx: AppContext, record_type: RecordType, record_id: int | None = None,
                defaults: dict | None = None) -> int | None:
    """Open the dialog for a new record (record_id None) or an existing one; the saved id or None."""
    record_type = RecordType(record_type)
    before: dict[str, Any] = {}
    if record_type == RecordType.STAKEHOLDER and record_id is not None:
        try:
            before = read.record_fields(ctx.db, RecordType.STAKEHOLDER, record_id)
        except DomainError:
            before = {}
    try:
        from csplanner.ui.dialogs import RecordDialog  # the forms are imported when first opened

        saved = RecordDialog.ask(parent, ctx, record_type, record_id, defaults)
    except DomainError as exc:  # the record vanished meanwhile (deleted elsewhere, undone)
        QMessageBox.warning(parent, "csplanner", exc.message)
        return None
    if saved is not None and record_type == RecordType.STAKEHOLDER:
        offer_turnover_obstacle(parent, ctx, before, saved)
    return saved


def offer_turnover_obstacle(parent: QWidget, ctx: AppContext, before: dict[str, Any], stakeholder_id: int) -> int | None:
    """An exec sponsor or champion just left: offer a pre-filled exec-turnover obstacle."""
    draft = read.turnover_draft(ctx.db, before, stakeholder_id, ctx.today())
    if draft is None:
        return None
    if not Question.ask(parent, "Exec turnover", f"{draft['title']}.",
                        "Open an obstacle…", detail="Losing a sponsor or champion is exec turnover: "
                        "open an obstacle to track the mitigation?"):
        return None
    return edit_record(parent, ctx, RecordType.OBSTACLE, None, draft)


def delete_question(ctx: AppContext, record_type: RecordType, record_id: int) -> str:
    """'Delete Acme and its 4 stakeholders, 22 milestones?' for a record."""
    noun = NOUNS[record_type]
    name = title(record_type, read.record_fields(ctx.db, record_type, record_id))
    counted = read.what_goes_with(ctx.db, record_type, record_id)
    goes_with = [f"{n} {word}" for n, word in counted]
    if record_type in (RecordType.MILESTONE, RecordType.OBSTACLE) and counted:
        links = counted[0][0]
        other = "obstacle" if record_type == RecordType.MILESTONE else "milestone"
        goes_with = [f"its {'link' if links == 1 else 'links'} to {plural(links, other)}"]
    what = name if record_type == RecordType.ACCOUNT else f"the {noun} '{name}'"
    if goes_with and record_type == RecordType.ACCOUNT:
        listed = ", ".join(goes_with[:-1]) + (" and " if len(goes_with) > 1 else "") + goes_with[-1]
        return f"Delete {what} and its {listed}?"
    if goes_with:
        return f"Delete {what} and {goes_with[0]}?"
    return f"Delete {what}?"


def delete_record(parent: QWidget, ctx: AppContext, record_type: RecordType, record_id: int) -> bool:
    """Ask once (naming what goes with it), then delete; undo brings it all back. True if deleted."""
    try:
        seen = read.record_fields(ctx.db, record_type, record_id).get("version")  # as the question shows it
        text = delete_question(ctx, record_type, record_id)
    except DomainError as exc:
        QMessageBox.warning(parent, "csplanner", exc.message)
        return False
    if not Question.ask(parent, f"Delete {NOUNS[record_type]}", text, "Delete", detail="Edit → Undo brings it back.",
                        destructive=True):
        return False
    return _report(parent, operations.delete_record(ctx, record_type, record_id, seen))


def set_archived(parent: QWidget, ctx: AppContext, account_id: int, archived: bool) -> bool:
    """Archive (hide from the list) or bring back an account, undoably."""
    return _report(parent, operations.set_archived(ctx, account_id, archived))


def _report(parent: QWidget, outcome: operations.Outcome) -> bool:
    if outcome.error is not None:
        QMessageBox.warning(parent, "csplanner", outcome.error.message)
        return False
    return True


__all__ = ["delete_question", "delete_record", "edit_record", "set_archived"]
