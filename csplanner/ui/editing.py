"""The entry points every screen uses to add, edit, archive and delete records (all undoable).

    edit_record(parent, ctx, "milestone", None, {"account_id": 3, "planned_on": day})
    delete_record(parent, ctx, "account", 3)
"""

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Stakeholder
from csplanner.core.services import accounts, counts, records, stakeholders
from csplanner.ui import undo
from csplanner.ui.context import AppContext
from csplanner.ui.dialogs import KINDS, Question, RecordDialog


def edit_record(parent: QWidget, ctx: AppContext, kind: str, record_id: int | None = None,
                defaults: dict | None = None) -> int | None:
    """Open the dialog for a new record (record_id None) or an existing one; the saved id or None."""
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}")
    before: dict[str, Any] = {}
    if kind == "stakeholder" and record_id is not None:
        before = _fields(ctx, Stakeholder, record_id) or {}
    try:
        saved = RecordDialog.ask(parent, ctx, kind, record_id, defaults)
    except DomainError as exc:  # the record vanished meanwhile (deleted elsewhere, undone)
        QMessageBox.warning(parent, "csplanner", exc.message)
        return None
    if saved is not None and kind == "stakeholder":
        offer_turnover_obstacle(parent, ctx, before, saved)
    return saved


def offer_turnover_obstacle(parent: QWidget, ctx: AppContext, before: dict[str, Any], stakeholder_id: int) -> int | None:
    """An exec sponsor or champion just left: offer a pre-filled exec-turnover obstacle."""
    with ctx.db.session() as s:
        after = records.get(s, Stakeholder, stakeholder_id)
        draft = stakeholders.turnover_draft(before, after)
    if draft is None:
        return None
    if not Question.ask(parent, "Exec turnover", f"{draft['title']}.",
                        "Open an obstacle…", detail="Losing a sponsor or champion is exec turnover: "
                        "open an obstacle to track the mitigation?"):
        return None
    return edit_record(parent, ctx, "obstacle", None, draft)


def _fields(ctx: AppContext, model: type, record_id: int) -> dict[str, Any] | None:
    with ctx.db.session() as s:
        obj = s.get(model, record_id)
        return records.fields_of(obj) if obj is not None else None


def delete_question(ctx: AppContext, kind: str, record_id: int) -> tuple[str, str]:
    """('Delete Acme and its 4 stakeholders, 22 milestones?', undo text) for a record."""
    spec = KINDS[kind]
    with ctx.db.session() as s:
        values = records.fields_of(records.get(s, spec.model, record_id))
        name = spec.title(values)
        goes_with: list[str] = []
        if kind == "account":
            goes_with = [f"{n} {noun}" for n, noun in counts.account_children(s, record_id)]
        elif kind in ("milestone", "obstacle"):
            key = "milestone_id" if kind == "milestone" else "obstacle_id"
            links = counts.obstacle_links(s, **{key: record_id})
            other = "obstacle" if kind == "milestone" else "milestone"
            if links:
                goes_with = [f"its link{'s' if links != 1 else ''} to {links} {other}{'s' if links != 1 else ''}"]
    what = name if kind == "account" else f"the {spec.noun} '{name}'"
    if goes_with and kind == "account":
        listed = ", ".join(goes_with[:-1]) + (" and " if len(goes_with) > 1 else "") + goes_with[-1]
        text = f"Delete {what} and its {listed}?"
    elif goes_with:
        text = f"Delete {what} and {goes_with[0]}?"
    else:
        text = f"Delete {what}?"
    return text, f"Delete {spec.noun} '{name}'"


def delete_record(parent: QWidget, ctx: AppContext, kind: str, record_id: int) -> bool:
    """Ask once (naming what goes with it), then delete; undo brings it all back. True if deleted."""
    spec = KINDS[kind]
    try:
        text, undo_text = delete_question(ctx, kind, record_id)
    except DomainError as exc:
        QMessageBox.warning(parent, "csplanner", exc.message)
        return False
    if not Question.ask(parent, f"Delete {spec.noun}", text, "Delete", detail="Edit → Undo brings it back.",
                        destructive=True):
        return False
    error = undo.run(ctx, undo.DeleteRecord(ctx, spec.model, spec.service.delete, record_id, undo_text))
    if error is not None:
        QMessageBox.warning(parent, "csplanner", error.message)
        return False
    return True


def set_archived(parent: QWidget, ctx: AppContext, account_id: int, archived: bool) -> bool:
    """Archive (hide from the list) or bring back an account, undoably."""
    with ctx.db.session() as s:
        name = accounts.get(s, account_id).name
    verb = "Archive" if archived else "Unarchive"
    error = undo.run(ctx, undo.UpdateRecord(ctx, Account, accounts.update, account_id, {"archived": archived},
                                            f"{verb} account '{name}'"))
    if error is not None:
        QMessageBox.warning(parent, "csplanner", error.message)
        return False
    return True


def update_fields(parent: QWidget, ctx: AppContext, kind: str, record_id: int, changes: dict[str, Any],
                  text: str) -> DomainError | None:
    """An in-place edit (e.g. ticking a milestone off in a table); the rule broken, if any."""
    spec = KINDS[kind]
    return undo.run(ctx, undo.UpdateRecord(ctx, spec.model, spec.service.update, record_id, changes, text))
