"""Every thing a user does to the data, one function per verb (as Anki's aqt/operations).

Each verb builds a core edit (csplanner.core.edits) around the services, wraps it in an
undoable command, pushes it (which runs it and announces the core `Change` on `ctx.bus`) and
returns an `Outcome`. Screens never open a session and never build commands themselves:

    outcome = operations.mark_run(ctx, milestone_id, MilestoneStatus.DONE)
    if outcome.error: show(outcome.error.message)
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from csplanner.core import csv_import, edits, season_edits
from csplanner.core import settings as coach_settings
from csplanner.core.changes import RecordType
from csplanner.core.enums import MilestoneStatus, SeasonOutcome
from csplanner.core.errors import DomainError
from csplanner.core.present import date_long, plural
from csplanner.core.present import value_label as label
from csplanner.core.realign import Move, MoveRuns
from csplanner.core.templates import PlannedRun
from csplanner.ui import undo
from csplanner.ui.context import AppContext
from csplanner.ui.nouns import NOUNS, title


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


def _push(ctx: AppContext, edit: edits.Edit | Any, describe: Callable[[dict[str, Any]], str],
          ids: Callable[[], tuple[int, ...]] = tuple) -> Outcome:
    error = undo.run(ctx, undo.EditCommand(ctx, edit, describe=describe))
    return Outcome(error) if error is not None else Outcome(None, ids())


# --- any record ---------------------------------------------------------------------------------
def create_record(ctx: AppContext, record_type: RecordType, values: dict[str, Any]) -> Outcome:
    """Add a record ("Add milestone 'Kickoff'"); undo deletes it through its service. A new
    account belongs to the user unless `values` names its owner."""
    if record_type == RecordType.ACCOUNT:
        values = {"owner": ctx.user, **values}
    edit = edits.CreateRecord(record_type, values, ctx.today())
    return _push(ctx, edit, lambda r: f"Add {NOUNS[record_type]} '{title(record_type, r)}'",
                 lambda: (edit.record_id or 0,))


def update_record(ctx: AppContext, record_type: RecordType, record_id: int, fields: dict[str, Any],
                  seen: int | None = None) -> Outcome:
    """Change some fields ("Edit obstacle 'Outage'", "Archive account 'Acme'"); undo puts them back.
    `seen`: the record's version when the user read it; changed since by someone else, the edit
    is refused with their name and the time (errors.Stale) and nothing is saved."""
    verb = "Edit"
    if set(fields) == {"archived"}:
        verb = "Archive" if fields["archived"] else "Unarchive"
    return _push(ctx, edits.UpdateRecord(record_type, record_id, fields, ctx.today(), seen),
                 lambda r: f"{verb} {NOUNS[record_type]} '{title(record_type, r)}'", lambda: (record_id,))


def delete_record(ctx: AppContext, record_type: RecordType, record_id: int, seen: int | None = None) -> Outcome:
    """Delete a record and what hangs off it (ask first: see editing.delete_record); `seen` as
    for update_record."""
    return _push(ctx, edits.DeleteRecord(record_type, record_id, seen),
                 lambda r: f"Delete {NOUNS[record_type]} '{title(record_type, r)}'")


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
    text = f"Log {label(str(values.get('kind') or 'call'))} on {when}"
    return _push(ctx, edit, lambda _r: text, lambda: (edit.done.checkin_id if edit.done else 0,))


# --- runs (milestones) ----------------------------------------------------------------------------
def mark_run(ctx: AppContext, milestone_id: int, status: MilestoneStatus, seen: int | None = None) -> Outcome:
    """Mark a run done (today), missed, skipped or back to planned ("Mark 'QBR' done")."""
    return _push(ctx, edits.MarkRun(milestone_id, status, ctx.today(), seen),
                 lambda r: f"Mark '{r['title']}' {status.value}", lambda: (milestone_id,))


def tick_run(ctx: AppContext, milestone_id: int, done: bool, seen: int | None = None) -> Outcome:
    """My week's tick box: done today, or back to planned ("Tick off 'Go live'", "Untick 'Go live'")."""
    status = MilestoneStatus.DONE if done else MilestoneStatus.PLANNED
    verb = "Tick off" if done else "Untick"
    return _push(ctx, edits.MarkRun(milestone_id, status, ctx.today(), seen),
                 lambda r: f"{verb} '{r['title']}'", lambda: (milestone_id,))


def move_run(ctx: AppContext, milestone_id: int, day: date, seen: int | None = None) -> Outcome:
    """Plan a run on another day ("Move 'QBR' to 3 Dec 2026")."""
    when = date_long(day)
    return _push(ctx, edits.MoveRun(milestone_id, day, ctx.today(), seen),
                 lambda r: f"Move '{r['title']}' to {when}", lambda: (milestone_id,))


def apply_template(ctx: AppContext, account_id: int, runs: list[PlannedRun], name: str,
                   replace: tuple[int, ...] = (), seen: dict[int, int] | None = None) -> Outcome:
    """Add a template's runs to an account in one undoable step, in place of the planned runs
    `replace` names (ids; empty: beside them); the ids of the runs added. `seen`: the replaced
    runs' versions as previewed (one changed since by someone else: refused)."""
    edit = edits.ApplyTemplate(account_id, runs, replace, seen)
    verb = f"Replace {plural(len(replace), 'planned run')} with" if replace else "Apply"
    return _push(ctx, edit, lambda _r: f"{verb} template '{name}' ({plural(len(runs), 'run')})",
                 lambda: tuple(edit.ids or ()))


# --- race day, forecasts, next steps ---------------------------------------------------------------
def record_race_result(ctx: AppContext, account_id: int, outcome: SeasonOutcome, name: str = "",
                       **details: Any) -> Outcome:
    """Race day's result in one undo step. Renewed: new_race_day, new_arr_minor, stage.
    Churned: reason, reason_text, archive (asked first by the dialog)."""
    edit = season_edits.RecordResult(account_id, ctx.today(), outcome, **details)
    what = "renewal" if outcome == SeasonOutcome.RENEWED else "churn"
    text = f"Record {what} of '{name}'" if name else f"Record {what}"
    return _push(ctx, edit, lambda _r: text, lambda: (account_id,))


def take_forecast(ctx: AppContext, account_id: int, values: dict[str, Any]) -> Outcome:
    """A renewal forecast for the account's running season ("Add forecast 'Renew on …'")."""
    return create_record(ctx, RecordType.FORECAST, {"taken_on": ctx.today(), **values, "account_id": account_id})


def add_next_step(ctx: AppContext, account_id: int, values: dict[str, Any]) -> Outcome:
    return create_record(ctx, RecordType.NEXT_STEP, {**values, "account_id": account_id})


def mark_step(ctx: AppContext, step_id: int, done: bool, text: str = "") -> Outcome:
    """Tick a next step done today, or open it again."""
    verb = "Done:" if done else "Reopen"
    return _push(ctx, season_edits.MarkStep(step_id, done, ctx.today()), lambda _r: f"{verb} '{text}'",
                 lambda: (step_id,))


# --- CSV import ---------------------------------------------------------------------------------
def import_accounts(ctx: AppContext, preview: csv_import.Preview, *, skip_invalid: bool) -> Outcome:
    """Add and update the accounts of a CSV preview in one transaction and one undo step
    ("Import 40 accounts from CSV"). Without skip_invalid a file with bad rows imports nothing."""
    counts = preview.counts
    n = counts[csv_import.Fate.ADD] + counts[csv_import.Fate.UPDATE]
    edit = edits.ImportAccounts(preview, skip_invalid, owner=ctx.user)  # new accounts are the importer's
    return _push(ctx, edit, lambda _r: f"Import {plural(n, 'account')} from CSV",
                 lambda: tuple(sorted(edit.applied.account_ids)) if edit.applied else ())


# --- the coach: realign, plan the week, settings -------------------------------------------------
def realign(ctx: AppContext, moves: list[Move], text: str) -> Outcome:
    """Shift, compress or skip runs after an injury, as one undo step ("Shift 3 runs of 'Alder'")."""
    return _push(ctx, MoveRuns(moves), lambda _r: text, lambda: tuple(m.run_id for m in moves))


def plan_week(ctx: AppContext, moves: list[Move], text: str) -> Outcome:
    """Defer the runs the user left unticked in Plan my week…, as one undo step."""
    return _push(ctx, MoveRuns(moves), lambda _r: text, lambda: tuple(m.run_id for m in moves))


def set_week_hours(ctx: AppContext, week_start: date, hours: float | None) -> Outcome:
    """This week's own hours available (None: the usual week's)."""
    what = "usual hours" if hours is None else f"{hours:g} h"
    text = f"Hours for the week of {date_long(week_start)}: {what}"
    return _push(ctx, coach_settings.SetWeekHours(week_start, hours), lambda _r: text)


def save_coach_settings(ctx: AppContext, values: coach_settings.CoachSettings) -> Outcome:
    """Cadences, effort estimates and the usual week's hours, as one undo step."""
    return _push(ctx, coach_settings.SaveSettings(values), lambda _r: "Change coach settings")
