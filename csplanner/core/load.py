"""Training load: the hours the plan asks of the CSM, per day and per week, against capacity.

Like TrainingPeaks' weekly load: each run costs its type's effort estimate (settings), a
check-in its own. A planned run counts on its day, a done one on the day it was done; missed
and skipped runs cost nothing. Capacity is the week's hours spread over Monday to Friday.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from csplanner.core.enums import MilestoneStatus, RunType
from csplanner.core.models import Account, CheckIn, Milestone
from csplanner.core.settings import CoachSettings

WORKDAYS = 5


def day_capacity(prefs: CoachSettings, day: date, week_hours: float | None = None) -> float:
    """Hours for the plan on this day: the week's hours over five workdays, none at the weekend."""
    hours = prefs.week_hours if week_hours is None else week_hours
    return 0.0 if day.weekday() >= WORKDAYS else hours / WORKDAYS


def is_weekend(day: date) -> bool:
    return day.weekday() >= WORKDAYS


@dataclass(frozen=True, slots=True)
class DayLoad:
    day: date
    hours: float
    capacity: float

    @property
    def over(self) -> bool:
        return self.hours > self.capacity + 1e-9


@dataclass(frozen=True)
class WeekLoad:
    week_start: date
    days: tuple[DayLoad, ...]
    capacity: float  # the week's hours

    @property
    def hours(self) -> float:
        return sum(d.hours for d in self.days)

    @property
    def over(self) -> bool:
        return self.hours > self.capacity + 1e-9


def daily_hours(session: Session, start: date, end: date, prefs: CoachSettings,
                leave_out: Iterable[int] = (), owner: str | None = None) -> dict[date, float]:
    """Hours planned per day in [start, end] across accounts not archived (runs in `leave_out` not
    counted); `owner` given: only that person's accounts and the unassigned ones (their hours)."""
    skip = list(leave_out)
    live = col(Account.archived).is_(False)
    if owner is not None:  # an expression, so SQLite starts from the days' runs, not every run of
        live = live & (col(Account.owner) + "").in_((owner, ""))  # the owner's accounts (15x slower)
    hours: dict[date, float] = defaultdict(float)
    # counted per day and run type in SQL: a busy week of thousands of runs comes back as a few
    # dozen rows. Joined, not `account_id IN (live accounts)`: SQLite then read every run of
    # every live account.
    kept = col(Milestone.id).not_in(skip) if skip else sa.true()
    n = func.count()
    planned = select(Milestone.planned_on, Milestone.run_type, n).join(
        Account, col(Account.id) == Milestone.account_id).where(
        Milestone.status == MilestoneStatus.PLANNED, Milestone.planned_on >= start, Milestone.planned_on <= end,
        live, kept).group_by(Milestone.planned_on, Milestone.run_type)
    done = select(Milestone.done_on, Milestone.run_type, n).join(
        Account, col(Account.id) == Milestone.account_id).where(
        Milestone.status == MilestoneStatus.DONE, col(Milestone.done_on) >= start, col(Milestone.done_on) <= end,
        live, kept).group_by(Milestone.done_on, Milestone.run_type)
    for q in (planned, done):
        for day, run_type, count in session.exec(q).all():
            hours[day] += prefs.effort_hours.get(RunType(run_type), 0.0) * count
    talks = select(CheckIn.held_on, n).join(Account, col(Account.id) == CheckIn.account_id).where(
        CheckIn.held_on >= start, CheckIn.held_on <= end, live).group_by(CheckIn.held_on)
    for day, count in session.exec(talks).all():
        hours[day] += prefs.checkin_hours * count
    return dict(hours)


def week_load(session: Session, week_start: date, prefs: CoachSettings, week_hours: float | None = None,
              owner: str | None = None) -> WeekLoad:
    """The seven days from `week_start` with their hours and capacity (`week_hours`: this week's
    own; `owner`: that person's accounts and the unassigned ones only)."""
    end = week_start + timedelta(days=6)
    hours = daily_hours(session, week_start, end, prefs, owner=owner)
    days = tuple(DayLoad(d, round(hours.get(d, 0.0), 2), day_capacity(prefs, d, week_hours))
                 for d in (week_start + timedelta(days=i) for i in range(7)))
    return WeekLoad(week_start, days, prefs.week_hours if week_hours is None else week_hours)


@dataclass(frozen=True)
class LoadParts:
    """A week's load kept per account, so that after an edit only its accounts are read again
    (`merged`) and the week's load is the same as read whole."""

    week_start: date
    capacity: float  # the week's hours
    day_capacity: tuple[float, ...]  # the seven days'
    by_account: dict[int, dict[date, float]]  # account -> day -> hours planned (days with none left out)

    @cached_property
    def week(self) -> WeekLoad:
        """The week's load: the accounts' hours added up per day."""
        days = [self.week_start + timedelta(days=i) for i in range(7)]
        total = dict.fromkeys(days, 0.0)
        for aid in sorted(self.by_account):  # one order, so the sums never depend on how they were read
            for day, hours in self.by_account[aid].items():
                total[day] += hours
        return WeekLoad(self.week_start, tuple(DayLoad(d, round(total[d], 2), c)
                                               for d, c in zip(days, self.day_capacity)), self.capacity)

    def merged(self, part: "LoadParts", account_ids: Iterable[int]) -> "LoadParts":
        """These parts with `account_ids`' hours replaced by `part`'s (read for them alone)."""
        ids = set(account_ids)
        kept = {aid: hours for aid, hours in self.by_account.items() if aid not in ids}
        return replace(self, by_account={**kept, **{aid: h for aid, h in part.by_account.items() if aid in ids}})


def load_parts(session: Session, week_start: date, prefs: CoachSettings, week_hours: float | None = None,
               owner: str | None = None, account_ids: Iterable[int] | None = None) -> LoadParts:
    """The week's hours per account (`account_ids`: theirs alone), counted as `week_load` counts them."""
    planned, done, talks = _load_queries(week_start, owner, account_ids is not None)
    params = {} if account_ids is None else {"ids": list(account_ids)}
    by_account: dict[int, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    for q in (planned, done):
        for aid, day, run_type, count in session.exec(q, params=params).all():
            by_account[aid][day] += prefs.effort_hours.get(RunType(run_type), 0.0) * count
    for aid, day, count in session.exec(talks, params=params).all():
        by_account[aid][day] += prefs.checkin_hours * count
    days = tuple(day_capacity(prefs, week_start + timedelta(days=i), week_hours) for i in range(7))
    return LoadParts(week_start, prefs.week_hours if week_hours is None else week_hours, days,
                     {aid: dict(hours) for aid, hours in by_account.items()})


@lru_cache(maxsize=16)
def _load_queries(week_start: date, owner: str | None, some: bool) -> tuple[sa.Select, sa.Select, sa.Select]:
    """load_parts' statements for a week (`some`: of the accounts bound as "ids"), built once: after
    an edit My week reads one account's hours, and building them cost more than running them."""
    end = week_start + timedelta(days=6)
    live = col(Account.archived).is_(False)
    if owner is not None:  # as in daily_hours: SQLite starts from the days' runs
        live = live & (col(Account.owner) + "").in_((owner, ""))
    if some:
        live = live & col(Account.id).in_(sa.bindparam("ids", expanding=True))
    n = func.count()
    planned = select(Milestone.account_id, Milestone.planned_on, Milestone.run_type, n).join(
        Account, col(Account.id) == Milestone.account_id).where(
        Milestone.status == MilestoneStatus.PLANNED, Milestone.planned_on >= week_start, Milestone.planned_on <= end,
        live).group_by(Milestone.account_id, Milestone.planned_on, Milestone.run_type)
    done = select(Milestone.account_id, Milestone.done_on, Milestone.run_type, n).join(
        Account, col(Account.id) == Milestone.account_id).where(
        Milestone.status == MilestoneStatus.DONE, col(Milestone.done_on) >= week_start, col(Milestone.done_on) <= end,
        live).group_by(Milestone.account_id, Milestone.done_on, Milestone.run_type)
    talks = select(CheckIn.account_id, CheckIn.held_on, n).join(Account, col(Account.id) == CheckIn.account_id).where(
        CheckIn.held_on >= week_start, CheckIn.held_on <= end, live).group_by(CheckIn.account_id, CheckIn.held_on)
    return planned, done, talks
