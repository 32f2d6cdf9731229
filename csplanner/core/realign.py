"""Realign the plan after an injury: shift, compress or skip the runs it hurts.

Pure functions turn runs into `Move`s (before → after); `preview` adds the flags a user must
see (after race day, on a weekend, on a day already over capacity); `MoveRuns` applies a list
of moves as one undoable edit. Only planned runs move: done, missed and skipped ones stay put,
and so does race day.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlmodel import Session, col, select

from csplanner.core import changes, load, versions
from csplanner.core import settings as coach_settings
from csplanner.core.changes import Change
from csplanner.core.enums import MilestoneStatus, RunType
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Milestone
from csplanner.core.services import obstacles, records


class Mode(StrEnum):
    SHIFT = "shift"
    COMPRESS = "compress"
    SKIP = "skip"


class Flag(StrEnum):
    AFTER_RACE_DAY = "after race day"
    WEEKEND = "weekend"
    OVER_CAPACITY = "day over capacity"


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    account_id: int
    title: str
    planned_on: date
    status: MilestoneStatus
    run_type: RunType
    notes: str = ""
    version: int | None = None  # as read: moving it later checks nobody changed it meanwhile

    @property
    def movable(self) -> bool:
        """Only planned runs move; race day stays fixed."""
        return self.status == MilestoneStatus.PLANNED and self.run_type != RunType.RACE


@dataclass(frozen=True, slots=True)
class Move:
    run_id: int
    account_id: int
    title: str
    before: date
    after: date  # the same day when skipped
    skip_reason: str | None = None  # set: the run is marked skipped with this reason
    flags: frozenset[Flag] = frozenset()
    seen: int | None = None  # the run's version when the preview was made

    @property
    def moves(self) -> bool:
        return self.after != self.before or self.skip_reason is not None


def shift(runs: Iterable[Run], days: int, *, ids: Iterable[int] | None = None, after: date | None = None) -> list[Move]:
    """Move these runs (or every one planned on or after `after`) by `days` (negative: earlier)."""
    if ids is None and after is None:
        raise DomainError("Pick the runs to shift, or a date to shift every planned run after.")
    chosen = set(ids) if ids is not None else None

    def wanted(r: Run) -> bool:
        return r.id in chosen if chosen is not None else after is not None and r.planned_on >= after

    return [Move(r.id, r.account_id, r.title, r.planned_on, r.planned_on + timedelta(days=days), seen=r.version)
            for r in _sorted(runs) if r.movable and wanted(r)]


def compress(runs: Iterable[Run], start: date, race_day: date | None) -> list[Move]:
    """Race day stays fixed; every remaining planned run is respaced evenly from `start` up to it
    (the i-th of n on start + ⌊i × days / n⌋, so the last lands before race day), in its order."""
    if race_day is None:
        raise DomainError("This account has no race day to compress the plan towards.")
    span = (race_day - start).days
    if span < 1:
        raise DomainError("Race day must be after the day the plan restarts.")
    left = [r for r in _sorted(runs) if r.movable]
    n = len(left)
    return [Move(r.id, r.account_id, r.title, r.planned_on, start + timedelta(days=i * span // n), seen=r.version)
            for i, r in enumerate(left)]


def skip(runs: Iterable[Run], ids: Iterable[int], reason: str) -> list[Move]:
    """Mark these planned runs skipped, with the reason in their notes."""
    why = reason.strip()
    if not why:
        raise DomainError("Say why the runs are skipped (it goes in their notes).", "reason")
    chosen = set(ids)
    return [Move(r.id, r.account_id, r.title, r.planned_on, r.planned_on, why, seen=r.version)
            for r in _sorted(runs) if r.movable and r.id in chosen]


def flag(moves: Sequence[Move], race_day: date | None, busy: dict[date, float], capacity: dict[date, float]) -> list[Move]:
    """Flag moves landing after race day, on a weekend, or on a day whose load (without the moved
    runs) already fills its capacity."""
    out = []
    for m in moves:
        found: set[Flag] = set()
        if m.skip_reason is None and m.after != m.before:
            if race_day is not None and m.after > race_day:
                found.add(Flag.AFTER_RACE_DAY)
            if load.is_weekend(m.after):
                found.add(Flag.WEEKEND)
            if busy.get(m.after, 0.0) >= capacity.get(m.after, 0.0) - 1e-9 and not load.is_weekend(m.after):
                found.add(Flag.OVER_CAPACITY)
        out.append(replace(m, flags=frozenset(found)))
    return out


def _sorted(runs: Iterable[Run]) -> list[Run]:
    return sorted(runs, key=lambda r: (r.planned_on, r.id))


# --- reading and writing ----------------------------------------------------------------------


def runs_of(session: Session, account_id: int) -> list[Run]:
    q = select(Milestone).where(Milestone.account_id == account_id).order_by(Milestone.planned_on, Milestone.id)
    return [Run(m.id, m.account_id, m.title, m.planned_on, MilestoneStatus(m.status), RunType(m.run_type), m.notes,
                m.version) for m in session.exec(q).all() if m.id is not None]


@dataclass(frozen=True)
class Preview:
    account_id: int
    race_day: date | None
    moves: list[Move]

    @property
    def flagged(self) -> int:
        return sum(1 for m in self.moves if m.flags)


def preview(session: Session, account_id: int, today: date, mode: Mode, *, days: int = 0,
            ids: Iterable[int] | None = None, after: date | None = None, start: date | None = None,
            reason: str = "") -> Preview:
    """What realigning would do, each run before and after, flagged."""
    account = records.get(session, Account, account_id)
    runs = runs_of(session, account_id)
    if mode == Mode.SHIFT:
        moves = shift(runs, days, ids=ids, after=after)
    elif mode == Mode.COMPRESS:
        moves = compress(runs, start or today, account.renewal)
    else:
        moves = skip(runs, ids or (), reason)
    if not moves:
        raise DomainError("No planned runs to realign (done, missed and skipped runs stay put).")
    prefs = coach_settings.load(session)
    days_at = [m.after for m in moves]
    first, last = min(days_at), max(days_at)
    busy = load.daily_hours(session, first, last, prefs, leave_out=[m.run_id for m in moves])
    capacity = {first + timedelta(days=i): load.day_capacity(prefs, first + timedelta(days=i))
                for i in range((last - first).days + 1)}
    return Preview(account_id, account.renewal, flag(moves, account.renewal, busy, capacity))


def hurt_runs(session: Session, obstacle_id: int) -> list[int]:
    """The runs an obstacle is linked to."""
    return obstacles.linked_milestones(session, obstacle_id)


SKIP_NOTE = "Skipped: {reason}"


class MoveRuns:
    """Apply moves (new days, or skipped with a reason) as ONE undoable edit; revert puts each run
    back exactly as it was. A run done or deleted meanwhile is refused, never moved."""

    def __init__(self, moves: Sequence[Move]) -> None:
        self.moves = [m for m in moves if m.moves]
        self.checked = False  # the first apply checks each run's version against the preview's
        self.before: list[dict[str, Any]] = []
        self.record: dict[str, Any] = {"runs": len(self.moves)}

    def _change(self) -> Change:
        return changes.touched(Milestone, account_ids={m.account_id for m in self.moves})

    def apply(self, session: Session) -> Change:
        ids = [m.run_id for m in self.moves]
        found = {m.id: m for m in session.exec(select(Milestone).where(col(Milestone.id).in_(ids))).all()}
        self.before = []
        for move in self.moves:
            run = found.get(move.run_id)
            if run is None or run.status != MilestoneStatus.PLANNED:
                raise DomainError(f"'{move.title}' is no longer a planned run; nothing was moved.")
            if not self.checked:
                versions.require(session, run, move.seen)
            self.before.append({"id": run.id, "planned_on": run.planned_on, "status": run.status, "notes": run.notes})
            if move.skip_reason is not None:
                note = SKIP_NOTE.format(reason=move.skip_reason)
                run.status, run.notes = MilestoneStatus.SKIPPED, f"{run.notes}\n{note}".strip()
            else:
                run.planned_on = move.after
            session.add(run)
        session.flush()
        self.checked = True
        return self._change()

    def revert(self, session: Session) -> Change:
        for old in self.before:
            run = records.get(session, Milestone, old["id"])
            run.planned_on, run.status, run.notes = old["planned_on"], old["status"], old["notes"]
            session.add(run)
        session.flush()
        return self._change()
