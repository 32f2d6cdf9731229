"""Undoable edits as plain core objects: `apply` and `revert` each call services and say what changed.

The ui wraps one in a QUndoCommand (csplanner.ui.undo) and runs its steps with `run`, so the
ui never opens a session. Each edit keeps what it needs to undo (old values, the rows a delete
took, the ids a create gave) and `record`, the record's fields as last seen (for undo texts).
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel

from csplanner.core import changes, csv_import, templates, versions
from csplanner.core.changes import Change, RecordType
from csplanner.core.db import Database
from csplanner.core.enums import MilestoneStatus
from csplanner.core.models import Account, Milestone, Stakeholder
from csplanner.core.services import by_type, milestones, records, undo_dump
from csplanner.core.templates import PlannedRun


class Edit:
    """Subclasses implement apply(session) and revert(session), each returning the Change."""

    record: dict[str, Any]

    def apply(self, session: Session) -> Change:
        raise NotImplementedError

    def revert(self, session: Session) -> Change:
        raise NotImplementedError

    def _seen(self, obj: SQLModel) -> Change:
        self.record = records.fields_of(obj)
        return changes.of_record(obj)


def run(db: Database, step: Callable[[Session], Change], *, who: str = "", now: datetime | None = None,
        guard: list[versions.Written] | None = None) -> Change:
    """One step (an edit's apply or revert) in its own unit of work; DomainError leaves nothing saved.

    `who` and `now` stamp what it changes. `guard`: the rows the edit's previous step wrote; the
    step is refused (versions.Stale) if anybody else wrote or deleted one since, and on success
    the list becomes the rows this step wrote (what the next undo or redo checks)."""
    with db.session(who, now) as session:
        if guard:
            versions.require_own(session, db.ledger, guard)
        change = step(session)
    if guard is not None:
        guard[:] = versions.written(session)
    return change


def _require(session: Session, obj: SQLModel, edit: "UpdateRecord | DeleteRecord") -> None:
    """The first apply checks the version the user saw; redo is checked by `run`'s guard."""
    versions.require(session, obj, edit.seen)
    edit.seen = None


class CreateRecord(Edit):
    """Create through the record's service; revert deletes it through the same service; a second
    apply (redo) recreates it with the same id, so later steps still find it."""

    def __init__(self, record_type: RecordType, values: dict[str, Any], today: date) -> None:
        self.record_type, self.values, self.today = record_type, dict(values), today
        self.record_id: int | None = None
        self.record = dict(values)

    def apply(self, session: Session) -> Change:
        values = dict(self.values)
        if self.record_id is not None:
            values["id"] = self.record_id
        obj = by_type.create(session, self.record_type, values, self.today)
        self.record_id = obj.id
        return self._seen(obj)

    def revert(self, session: Session) -> Change:
        assert self.record_id is not None
        change = self._seen(by_type.get(session, self.record_type, self.record_id))
        by_type.delete(session, self.record_type, self.record_id)
        return change


class UpdateRecord(Edit):
    """Change some fields through the service; revert writes the old values back."""

    def __init__(self, record_type: RecordType, record_id: int, fields: dict[str, Any], today: date,
                 seen: int | None = None) -> None:
        self.record_type, self.record_id, self.fields, self.today = record_type, record_id, dict(fields), today
        self.seen = seen  # the version the user saw (None: whatever is there now)
        self.before: dict[str, Any] | None = None
        self.record = {}

    def touched_fields(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def change(self, session: Session) -> SQLModel:
        return by_type.update(session, self.record_type, self.record_id, self.fields, self.today)

    def apply(self, session: Session) -> Change:
        _require(session, by_type.get(session, self.record_type, self.record_id), self)
        self.before = by_type.current(session, self.record_type, self.record_id, self.touched_fields())
        return self._seen(self.change(session))

    def revert(self, session: Session) -> Change:
        assert self.before is not None
        return self._seen(by_type.update(session, self.record_type, self.record_id, self.before, self.today))


class MarkRun(UpdateRecord):
    """Done (on `today`, fixed when the edit is made), missed, skipped or back to planned."""

    def __init__(self, milestone_id: int, status: MilestoneStatus, today: date, seen: int | None = None) -> None:
        super().__init__(RecordType.MILESTONE, milestone_id, {}, today, seen)
        self.status = status

    def touched_fields(self) -> tuple[str, ...]:
        return ("status", "done_on")

    def change(self, session: Session) -> SQLModel:
        return milestones.mark(session, self.record_id, self.status, today=self.today)


class MoveRun(UpdateRecord):
    def __init__(self, milestone_id: int, day: date, today: date, seen: int | None = None) -> None:
        super().__init__(RecordType.MILESTONE, milestone_id, {"planned_on": day}, today, seen)

    def change(self, session: Session) -> SQLModel:
        return milestones.move(session, self.record_id, self.fields["planned_on"], today=self.today)


class DeleteRecord(Edit):
    """Delete a record and what hangs off it; revert restores all of it with the same ids."""

    def __init__(self, record_type: RecordType, record_id: int, seen: int | None = None) -> None:
        self.record_type, self.record_id, self.seen = record_type, record_id, seen
        self.rows: list[dict[str, Any]] = []
        self.account_id: int | None = None
        self.record = {}

    def _change(self) -> Change:
        return changes.touched(*undo_dump.models_in(self.rows), account_ids=(self.account_id,))

    def apply(self, session: Session) -> Change:
        obj = by_type.get(session, self.record_type, self.record_id)
        _require(session, obj, self)
        self.account_id, self.record = changes.account_of(obj), records.fields_of(obj)
        self.rows = undo_dump.dump(session, changes.MODELS[self.record_type], self.record_id)
        by_type.delete(session, self.record_type, self.record_id)
        return self._change()

    def revert(self, session: Session) -> Change:
        undo_dump.restore(session, self.rows)
        return self._change()


class ApplyTemplate(Edit):
    """All of a template's runs at once, in place of the planned runs `replace` names (if any);
    revert removes them through the service and brings the replaced ones back; redo recreates
    them with the same ids."""

    def __init__(self, account_id: int, runs: list[PlannedRun], replace: tuple[int, ...] = (),
                 seen: dict[int, int] | None = None) -> None:
        self.account_id, self.runs, self.replace = account_id, list(runs), list(replace)
        self.seen = dict(seen or {})  # run id -> the version shown in the preview (checked once)
        self.ids: list[int] | None = None
        self.removed: list[dict[str, Any]] = []
        self.record = {}

    def _change(self) -> Change:
        return changes.touched(Milestone, account_ids=(self.account_id,))

    def apply(self, session: Session) -> Change:
        for run_id, version in self.seen.items():
            versions.require(session, by_type.get(session, RecordType.MILESTONE, run_id), version)
        self.seen = {}
        self.removed = templates.remove(session, self.replace)
        self.ids = templates.apply(session, self.account_id, self.runs, self.ids)
        return self._change()

    def revert(self, session: Session) -> Change:
        templates.unapply(session, self.ids or [])
        templates.restore(session, self.removed)
        return self._change()


class ImportAccounts(Edit):
    """A whole CSV import as one edit; a second apply (redo) writes the same accounts with the same ids."""

    def __init__(self, preview: csv_import.Preview, skip_invalid: bool, owner: str = "") -> None:
        self.preview, self.skip_invalid, self.owner = preview, skip_invalid, owner
        self.applied: csv_import.Applied | None = None
        self.record = {}

    def _change(self) -> Change:
        return changes.touched(Account, Stakeholder, account_ids=self.applied.account_ids if self.applied else ())

    def apply(self, session: Session) -> Change:
        self.applied = csv_import.apply_preview(session, self.preview, skip_invalid=self.skip_invalid,
                                                again=self.applied, owner=self.owner)
        return self._change()

    def revert(self, session: Session) -> Change:
        assert self.applied is not None
        csv_import.revert(session, self.applied)
        return self._change()
