"""The settings the core's rules read: contact cadences, effort estimates, hours a week.

They live in the database (table `setting`, JSON under a key), not in the app's QSettings:
health scores, the week's load and `csplanner health` on the command line must agree with the
app, and a book copied to another machine keeps its coach. Missing keys take the defaults.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlmodel import Session, select

from csplanner.core.changes import Change
from csplanner.core.enums import RunType, StakeholderRole
from csplanner.core import versions
from csplanner.core.errors import DomainError, Stale
from csplanner.core.models import Setting

# days between calls, by role; roles not named here have no cadence
CADENCE_DAYS: dict[StakeholderRole, int] = {
    StakeholderRole.EXEC_SPONSOR: 30,
    StakeholderRole.CHAMPION: 14,
    StakeholderRole.DECISION_MAKER: 30,
    StakeholderRole.ADMIN: 21,
}
# hours of the CSM's time a run takes, by run type, and a check-in
EFFORT_HOURS: dict[RunType, float] = {RunType.SPRINT: 1.0, RunType.MEDIUM: 3.0, RunType.LONG: 6.0, RunType.RACE: 2.0}
CHECKIN_HOURS = 0.5
WEEK_HOURS = 32.0  # hours a week for the plan (meetings, admin and email take the rest)


@dataclass(frozen=True)
class CoachSettings:
    cadence_days: dict[StakeholderRole, int] = field(default_factory=lambda: dict(CADENCE_DAYS))
    effort_hours: dict[RunType, float] = field(default_factory=lambda: dict(EFFORT_HOURS))
    checkin_hours: float = CHECKIN_HOURS
    week_hours: float = WEEK_HOURS
    # the stored rows' (key, version) when loaded: saving checks nobody changed them since (None: no check)
    stamp: tuple[tuple[str, int], ...] | None = field(default=None, compare=False)

    def cadence_for(self, role: str, override: int | None) -> int | None:
        """A stakeholder's cadence in days: their own (0: none), else their role's."""
        if override is not None:
            return override or None
        return self.cadence_days.get(StakeholderRole(role))


KEYS = ("cadence_days", "effort_hours", "checkin_hours", "week_hours")


def _rows(session: Session) -> list[Setting]:
    return [row for row in session.exec(select(Setting)).all() if row.key in KEYS]


def _stamp(rows: list[Setting]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((row.key, row.version) for row in rows))


def load(session: Session) -> CoachSettings:
    rows = _rows(session)
    stored = {row.key: json.loads(row.value) for row in rows}
    base = CoachSettings()
    cadence = {**base.cadence_days, **{StakeholderRole(k): int(v) for k, v in stored.get("cadence_days", {}).items()}}
    effort = {**base.effort_hours, **{RunType(k): float(v) for k, v in stored.get("effort_hours", {}).items()}}
    return replace(base, cadence_days=cadence, effort_hours=effort,
                   checkin_hours=float(stored.get("checkin_hours", base.checkin_hours)),
                   week_hours=float(stored.get("week_hours", base.week_hours)), stamp=_stamp(rows))


def _check(values: CoachSettings) -> None:
    if any(d < 1 or d > 365 for d in values.cadence_days.values()):
        raise DomainError("A cadence is between 1 and 365 days.", "cadence_days")
    if any(h < 0 or h > 80 for h in (*values.effort_hours.values(), values.checkin_hours)):
        raise DomainError("An effort estimate is between 0 and 80 hours.", "effort_hours")
    if not 0 <= values.week_hours <= 168:
        raise DomainError("Hours a week are between 0 and 168.", "week_hours")


def _as_json(values: CoachSettings) -> dict[str, Any]:
    return {"cadence_days": {str(k): v for k, v in values.cadence_days.items()},
            "effort_hours": {str(k): v for k, v in values.effort_hours.items()},
            "checkin_hours": values.checkin_hours, "week_hours": values.week_hours}


def save(session: Session, values: CoachSettings) -> None:
    """Store every setting (checked first: a bad value saves nothing)."""
    _check(values)
    for key, value in _as_json(values).items():
        row = session.get(Setting, key) or Setting(key=key)
        row.value = json.dumps(value, sort_keys=True)
        session.add(row)
    session.flush()


# --- one week's own hours, and the edits (undoable) -----------------------------------------------

def _week_key(week_start: date) -> str:
    return f"week_hours@{week_start.isoformat()}"


def week_hours(session: Session, week_start: date) -> float:
    """The hours available in the week from `week_start`: its own if set, else the usual week's."""
    row = session.get(Setting, _week_key(week_start))
    return float(json.loads(row.value)) if row is not None else load(session).week_hours


def _stored(session: Session, keys: Sequence[str]) -> dict[str, str | None]:
    return {k: (row.value if (row := session.get(Setting, k)) is not None else None) for k in keys}


def _put(session: Session, values: dict[str, str | None]) -> None:
    for key, value in values.items():
        row = session.get(Setting, key)
        if value is None:
            if row is not None:
                session.delete(row)
        else:
            row = row or Setting(key=key)
            row.value = value
            session.add(row)
    session.flush()


EVERYWHERE = Change(health=True, calendar=True)  # cadences move health; effort and hours move the load


class SaveSettings:
    """Store new coach settings as one undo step; revert puts the old stored values back."""

    def __init__(self, values: CoachSettings) -> None:
        self.values = values
        self.before: dict[str, str | None] = {}
        self.record: dict[str, Any] = {}

    def apply(self, session: Session) -> Change:
        if self.values.stamp is not None:  # the first apply: as loaded? (redo: undo's guard checks)
            rows = _rows(session)
            if _stamp(rows) != self.values.stamp:
                if not rows:
                    raise Stale("The coach settings were changed by someone else meanwhile. Reload? "
                                "(Nothing was saved.)")
                last = max(rows, key=lambda r: (r.changed_at is not None, r.changed_at or 0, r.version))
                raise versions.stale(last, session.info.get(versions.NOW), label="The coach settings",
                                     verb="were")
            self.values = replace(self.values, stamp=None)
        self.before = _stored(session, KEYS)
        save(session, self.values)
        return EVERYWHERE

    def revert(self, session: Session) -> Change:
        _put(session, self.before)
        return EVERYWHERE


class SetWeekHours:
    """This week's own hours available (None: back to the usual week)."""

    def __init__(self, week_start: date, hours: float | None) -> None:
        self.key, self.hours = _week_key(week_start), hours
        self.before: dict[str, str | None] = {}
        self.record: dict[str, Any] = {}

    def apply(self, session: Session) -> Change:
        if self.hours is not None and not 0 <= self.hours <= 168:
            raise DomainError("Hours a week are between 0 and 168.", "week_hours")
        self.before = _stored(session, [self.key])
        _put(session, {self.key: None if self.hours is None else json.dumps(self.hours)})
        return EVERYWHERE

    def revert(self, session: Session) -> Change:
        _put(session, self.before)
        return EVERYWHERE
