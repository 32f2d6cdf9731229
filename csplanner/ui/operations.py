"""Every thing a user does to the data, one function per verb (as Anki's aqt/operations).

Each verb wraps a core service in an undoable command, pushes it (which runs it and announces
the core `Change` on `ctx.bus`) and returns an `Outcome`. Screens never open a session to
write and never build commands themselves:

    outcome = operations.mark_run(ctx, milestone_id, MilestoneStatus.DONE)
    if outcome.error: show(outcome.error.message)
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from csplanner.core import changes, csv_import, season_edits, templates
from csplanner.core import settings as coach_settings
from csplanner.core.changes import Change, RecordType
from csplanner.core.enums import MilestoneStatus, SeasonOutcome
from csplanner.core.present import value_label as label
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Milestone, Stakeholder
from csplanner.core.present import date_long, plural
from csplanner.core.services import by_type, milestones
from csplanner.core.realign import Move, MoveRuns
from csplanner.core.templates import PlannedRun
from csplanner.ui import undo
from csplanner.ui.context import AppContext
from csplanner.ui.nouns import NOUNS, title_of


@dataclass(frozen=True)
class Outcome:
    """What a verb did: the rule it broke (then nothing was saved), or the ids it created."""

    error: DomainError | None = None
    record_ids: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def record_id(self) -> int | None:
        return self.record_ids[0] if self.record_ids else None


def _push(ctx: AppContext, command: undo.ServiceCommand, ids: tuple[int, ...] = ()) -> Outcome:
    error = undo.run(ctx, command)
    return Outcome(error) if error is not None else Outcome(None, ids)


# --- any record ---------------------------------------------------------------------------------
def create_record(ctx: AppContext, record_type: RecordType, values: dict[str, Any]) -> Outcome:
    """Add a record ("Add milestone 'Kickoff'"); undo deletes it through its service."""
    noun = NOUNS[record_type]
    command = undo.CreateRecord(ctx, record_type, values,
                                describe=lambda obj: f"Add {noun} '{title_of(obj, record_type)}'")
    error = undo.run(ctx, command)
    return Outcome(error) if error is not None else Outcome(None, (command.record_id or 0,))


def update_record(ctx: AppContext, record_type: RecordType, record_id: int, fields: dict[str, Any]) -> Outcome:
    """Change some fields ("Edit obstacle 'Outage'", "Archive account 'Acme'"); undo puts them back."""
    noun = NOUNS[record_type]
    verb = "Edit"
    if set(fields) == {"archived"}:
        verb = "Archive" if fields["archived"] else "Unarchive"
    return _push(ctx, undo.EditRecord(
        ctx, record_type, record_id, tuple(fields),
        lambda s: by_type.update(s, record_type, record_id, fields, ctx.today()),
        describe=lambda obj: f"{verb} {noun} '{title_of(obj, record_type)}'"), (record_id,))


def delete_record(ctx: AppContext, record_type: RecordType, record_id: int) -> Outcome:
    """Delete a record and what hangs off it (ask first: see editing.delete_record)."""
    noun = NOUNS[record_type]
    return _push(ctx, undo.DeleteRecord(ctx, record_type, record_id,
                                        describe=lambda obj: f"Delete {noun} '{title_of(obj, record_type)}'"))


def set_archived(ctx: AppContext, account_id: int, archived: bool) -> Outcome:
    """Hide an account from the list, or bring it back."""
    return update_record(ctx, RecordType.ACCOUNT, account_id, {"archived": archived})


def log_checkin(ctx: AppContext, account_id: int, values: dict[str, Any], *, planned_id: int | None = None,
                steps: list[dict[str, Any]] | None = None) -> Outcome:
    """Write down a call, meeting or QBR (held today unless `values` says otherwise). A planned
    check-in near that day is completed instead of a second being added; a future date plans one
    (no sentiment until it is logged)."""
    values = {"held_on": ctx.today(), **values}
    if isinstance(values["held_on"], date) and values["held_on"] > ctx.today():
        return create_record(ctx, RecordType.CHECK_IN, {**values, "account_id": account_id, "sentiment": None})
    edit = season_edits.LogCheckIn(account_id, ctx.today(), values, planned_id, steps)
    held = values["held_on"]
    when = date_long(held) if isinstance(held, date) else str(held)  # a bad date is refused by the service
    command = _EditStep(ctx, edit, f"Log {label(str(values.get('kind') or 'call'))} on {when}")
    error = undo.run(ctx, command)
    return Outcome(error) if error is not None else Outcome(None, (edit.done.checkin_id if edit.done else 0,))


# --- runs (milestones) ----------------------------------------------------------------------------
RUN_FIELDS = ("status", "done_on")


def mark_run(ctx: AppContext, milestone_id: int, status: MilestoneStatus) -> Outcome:
    """Mark a run done (today), missed, skipped or back to planned ("Mark 'QBR' done")."""
    today = ctx.today()  # fixed now, so a redo tomorrow still says it was done today
    return _push(ctx, undo.EditRecord(
        ctx, RecordType.MILESTONE, milestone_id, RUN_FIELDS,
        lambda s: milestones.mark(s, milestone_id, status, today=today),
        describe=lambda obj: f"Mark '{obj.title}' {status.value}"), (milestone_id,))  # type: ignore[attr-defined]


def tick_run(ctx: AppContext, milestone_id: int, done: bool) -> Outcome:
    """My week's tick box: done today, or back to planned ("Tick off 'Go live'", "Untick 'Go live'")."""
    status = MilestoneStatus.DONE if done else MilestoneStatus.PLANNED
    verb = "Tick off" if done else "Untick"
    today = ctx.today()
    return _push(ctx, undo.EditRecord(
        ctx, RecordType.MILESTONE, milestone_id, RUN_FIELDS,
        lambda s: milestones.mark(s, milestone_id, status, today=today),
        describe=lambda obj: f"{verb} '{obj.title}'"), (milestone_id,))  # type: ignore[attr-defined]


def move_run(ctx: AppContext, milestone_id: int, day: date) -> Outcome:
    """Plan a run on another day ("Move 'QBR' to 3 Dec 2026")."""
    when = date_long(day)
    return _push(ctx, undo.EditRecord(
        ctx, RecordType.MILESTONE, milestone_id, ("planned_on",),
        lambda s: milestones.move(s, milestone_id, day, today=ctx.today()),
        describe=lambda obj: f"Move '{obj.title}' to {when}"), (milestone_id,))  # type: ignore[attr-defined]


class ApplyTemplate(undo.ServiceCommand):
    """All of a template's runs as ONE undo step, replacing the planned runs `replace` names if
    any; redo recreates them with the same ids, undo brings the replaced ones back."""

    def __init__(self, ctx: AppContext, account_id: int, runs: list[PlannedRun], name: str,
                 replace: tuple[int, ...] = ()) -> None:
        verb = f"Replace {plural(len(replace), 'planned run')} with" if replace else "Apply"
        super().__init__(ctx, f"{verb} template '{name}' ({plural(len(runs), 'run')})")
        self.account_id, self.runs, self.replace = account_id, list(runs), list(replace)
        self.ids: list[int] | None = None
        self.removed: list[dict[str, Any]] = []

    def _change(self) -> Change:
        return changes.touched(Milestone, account_ids=(self.account_id,))

    def apply(self, session: Session) -> Change:
        self.removed = templates.remove(session, self.replace)
        self.ids = templates.apply(session, self.account_id, self.runs, self.ids)
        return self._change()

    def revert(self, session: Session) -> Change:
        templates.unapply(session, self.ids or [])
        templates.restore(session, self.removed)
        return self._change()


def apply_template(ctx: AppContext, account_id: int, runs: list[PlannedRun], name: str,
                   replace: tuple[int, ...] = ()) -> Outcome:
    """Add a template's runs to an account in one undoable step, in place of the planned runs
    `replace` names (ids; empty: beside them); the ids of the runs added."""
    command = ApplyTemplate(ctx, account_id, runs, name, replace)
    error = undo.run(ctx, command)
    return Outcome(error) if error is not None else Outcome(None, tuple(command.ids or ()))


# --- race day, forecasts, next steps ---------------------------------------------------------------
class _EditStep(undo.ServiceCommand):
    """A core edit (apply / revert in one session each) as one undo step."""

    def __init__(self, ctx: AppContext, edit: Any, text: str) -> None:
        super().__init__(ctx, text)
        self.edit = edit

    def apply(self, session: Session) -> Change:
        return self.edit.apply(session)  # type: ignore[no-any-return]

    def revert(self, session: Session) -> Change:
        return self.edit.revert(session)  # type: ignore[no-any-return]


def record_race_result(ctx: AppContext, account_id: int, outcome: SeasonOutcome, name: str = "",
                       **details: Any) -> Outcome:
    """Race day's result in one undo step. Renewed: new_race_day, new_arr_minor, stage.
    Churned: reason, reason_text, archive (asked first by the dialog)."""
    edit = season_edits.RecordResult(account_id, ctx.today(), outcome, **details)
    what = "renewal" if outcome == SeasonOutcome.RENEWED else "churn"
    return _push(ctx, _EditStep(ctx, edit, f"Record {what} of '{name}'" if name else f"Record {what}"),
                 (account_id,))


def take_forecast(ctx: AppContext, account_id: int, values: dict[str, Any]) -> Outcome:
    """A renewal forecast for the account's running season ("Add forecast 'Renew on …'")."""
    return create_record(ctx, RecordType.FORECAST, {"taken_on": ctx.today(), **values, "account_id": account_id})


def add_next_step(ctx: AppContext, account_id: int, values: dict[str, Any]) -> Outcome:
    return create_record(ctx, RecordType.NEXT_STEP, {**values, "account_id": account_id})


def mark_step(ctx: AppContext, step_id: int, done: bool, text: str = "") -> Outcome:
    """Tick a next step done today, or open it again."""
    verb = "Done:" if done else "Reopen"
    return _push(ctx, _EditStep(ctx, season_edits.MarkStep(step_id, done, ctx.today()), f"{verb} '{text}'"),
                 (step_id,))


# --- CSV import ---------------------------------------------------------------------------------
class ImportAccounts(undo.ServiceCommand):
    """A whole CSV import as ONE undo step; redo writes the same accounts with the same ids."""

    def __init__(self, ctx: AppContext, preview: csv_import.Preview, skip_invalid: bool, text: str) -> None:
        super().__init__(ctx, text)
        self.preview, self.skip_invalid = preview, skip_invalid
        self.applied: csv_import.Applied | None = None

    def _change(self) -> Change:
        assert self.applied is not None
        return changes.touched(Account, Stakeholder, account_ids=self.applied.account_ids)

    def apply(self, session: Session) -> Change:
        self.applied = csv_import.apply_preview(session, self.preview, skip_invalid=self.skip_invalid,
                                                again=self.applied)
        return self._change()

    def revert(self, session: Session) -> Change:
        assert self.applied is not None
        csv_import.revert(session, self.applied)
        return self._change()


def import_accounts(ctx: AppContext, preview: csv_import.Preview, *, skip_invalid: bool) -> Outcome:
    """Add and update the accounts of a CSV preview in one transaction and one undo step
    ("Import 40 accounts from crm.csv"). Without skip_invalid a file with bad rows imports nothing."""
    counts = preview.counts
    added, updated = counts[csv_import.Fate.ADD], counts[csv_import.Fate.UPDATE]
    text = f"Import {added + updated} account{'s' if added + updated != 1 else ''} from CSV"
    command = ImportAccounts(ctx, preview, skip_invalid, text)
    error = undo.run(ctx, command)
    if error is not None or command.applied is None:
        return Outcome(error)
    return Outcome(None, tuple(sorted(command.applied.account_ids)))


# --- the coach: realign, plan the week, settings -------------------------------------------------
def realign(ctx: AppContext, moves: list[Move], text: str) -> Outcome:
    """Shift, compress or skip runs after an injury, as one undo step ("Shift 3 runs of 'Alder'")."""
    return _push(ctx, _EditStep(ctx, MoveRuns(moves), text), tuple(m.run_id for m in moves))


def plan_week(ctx: AppContext, moves: list[Move], text: str) -> Outcome:
    """Defer the runs the user left unticked in Plan my week…, as one undo step."""
    return _push(ctx, _EditStep(ctx, MoveRuns(moves), text), tuple(m.run_id for m in moves))


def set_week_hours(ctx: AppContext, week_start: date, hours: float | None) -> Outcome:
    """This week's own hours available (None: the usual week's)."""
    what = "usual hours" if hours is None else f"{hours:g} h"
    return _push(ctx, _EditStep(ctx, coach_settings.SetWeekHours(week_start, hours),
                                f"Hours for the week of {date_long(week_start)}: {what}"))


def save_coach_settings(ctx: AppContext, values: coach_settings.CoachSettings) -> Outcome:
    """Cadences, effort estimates and the usual week's hours, as one undo step."""
    return _push(ctx, _EditStep(ctx, coach_settings.SaveSettings(values), "Change coach settings"))
