"""Training load: the hours the plan asks of the CSM, per day and per week, against capacity.

Like TrainingPeaks' weekly load: each run costs its type's effort estimate (settings), a
check-in its own. A planned run counts on its day, a done one on the day it was done; missed
and skipped runs cost nothing. Capacity is the week's hours spread over Monday to Friday.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

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
    skip = set(leave_out)
    live = col(Account.archived).is_(False)
    if owner is not None:
        live = live & col(Account.owner).in_((owner, ""))
    hours: dict[date, float] = defaultdict(float)
    # joined, not `account_id IN (live accounts)`: SQLite then read every run of every live account
    planned = select(Milestone.id, Milestone.planned_on, Milestone.run_type).join(
        Account, col(Account.id) == Milestone.account_id).where(
        Milestone.status == MilestoneStatus.PLANNED, Milestone.planned_on >= start, Milestone.planned_on <= end, live)
    done = select(Milestone.id, Milestone.done_on, Milestone.run_type).join(
        Account, col(Account.id) == Milestone.account_id).where(
        Milestone.status == MilestoneStatus.DONE, col(Milestone.done_on) >= start, col(Milestone.done_on) <= end, live)
    for q in (planned, done):
        for mid, day, run_type in session.exec(q.order_by(Milestone.id)).all():
            if mid not in skip:
                hours[day] += prefs.effort_hours.get(RunType(run_type), 0.0)
    talks = select(CheckIn.held_on).join(Account, col(Account.id) == CheckIn.account_id).where(
        CheckIn.held_on >= start, CheckIn.held_on <= end, live).order_by(CheckIn.id)
    for day in session.exec(talks).all():
        hours[day] += prefs.checkin_hours
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
