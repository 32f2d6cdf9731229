"""Undoable edits for race results, check-ins logged against a plan and next steps.

Each has `apply(session)` and `revert(session)` returning the core `Change`, and `record` (the
fields last seen, for undo texts), like every other edit; the ui wraps them in one command.
"""

from datetime import date
from typing import Any

from sqlmodel import Session

from csplanner.core import changes
from csplanner.core.changes import Change
from csplanner.core.models import Account, CheckIn, NextStep, Season
from csplanner.core.services import checkins, next_steps, records, seasons


class RecordResult:
    """Race day's result as ONE undo step: the season closed, the next one opened (renewed) or
    the account archived (churned, when confirmed); revert puts every row back as it was."""

    def __init__(self, account_id: int, today: date, outcome: str, **details: Any) -> None:
        self.account_id, self.today, self.outcome, self.details = account_id, today, outcome, dict(details)
        self.before: dict[str, Any] | None = None
        self.record: dict[str, Any] = {}
        self.result: seasons.Result | None = None

    def _change(self) -> Change:
        return changes.touched(Account, Season, account_ids=(self.account_id,))

    def apply(self, session: Session) -> Change:
        self.before = seasons.state(session, self.account_id)
        self.result = seasons.record_result(session, self.account_id, self.today, self.outcome, **self.details)
        self.record = {"name": records.get(session, Account, self.account_id).name,
                       "season": self.result.season_number, "outcome": self.outcome}
        return self._change()

    def revert(self, session: Session) -> Change:
        assert self.before is not None
        seasons.restore(session, self.before)
        return self._change()


class LogCheckIn:
    """Log a check-in that happened: completes the planned one near its date instead of adding
    a second; revert makes it planned again (or removes the new one) and drops its next steps."""

    def __init__(self, account_id: int, today: date, values: dict[str, Any], planned_id: int | None = None,
                 steps: list[dict[str, Any]] | None = None) -> None:
        self.account_id, self.today, self.values = account_id, today, dict(values)
        self.planned_id, self.steps = planned_id, list(steps or [])
        self.done: checkins.Logged | None = None
        self.record: dict[str, Any] = dict(values)

    def _change(self) -> Change:
        with_steps = bool(self.steps or str(self.values.get("next_steps") or "").strip())
        models = (CheckIn, NextStep) if with_steps else (CheckIn,)
        return changes.touched(*models, account_ids=(self.account_id,))

    def apply(self, session: Session) -> Change:
        self.done = checkins.log(session, self.today, account_id=self.account_id, planned_id=self.planned_id,
                                 steps=self.steps, **self.values)
        self.record = {**records.fields_of(records.get(session, CheckIn, self.done.checkin_id)),
                       "completed": self.done.completed}
        return self._change()

    def revert(self, session: Session) -> Change:
        assert self.done is not None
        checkins.unlog(session, self.done)
        return self._change()


class MarkStep:
    """Tick a next step done (today) or open it again."""

    def __init__(self, step_id: int, done: bool, today: date) -> None:
        self.step_id, self.done, self.today = step_id, done, today
        self.before: date | None = None
        self.record: dict[str, Any] = {}

    def apply(self, session: Session) -> Change:
        step = records.get(session, NextStep, self.step_id)
        self.before = step.done_on
        step = next_steps.complete(session, self.step_id, self.today) if self.done else \
            next_steps.reopen(session, self.step_id)
        self.record = records.fields_of(step)
        return changes.of_record(step)

    def revert(self, session: Session) -> Change:
        return changes.of_record(next_steps.update(session, self.step_id, done_on=self.before))
