"""The Monday planner: when the week asks more hours than the CSM has, keep the runs that matter
most and propose deferring the rest by a week, saying why for each.

Each planned run of the week gets priority points (POINTS, the one place they live):
- race day close: 40 × (120 − days to race day) / 120, from 0 at 120 days or more to 40 on race
  day (a race day already passed counts as today);
- health low: 30 × (100 − health) / 100;
- ARR large: 20 × ARR / the largest ARR among the week's runs;
- already late: 10 × min(days late, 14) / 14.
Runs are kept in order of points (then day, then id) while the week's hours last; check-ins,
race days and work already done are fixed and use their hours first.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from csplanner.core import health, load
from csplanner.core import settings as coach_settings
from csplanner.core.enums import MilestoneStatus, RunType
from csplanner.core.models import Account, Milestone
from csplanner.core.present import money_compact, plural
from csplanner.core.realign import Move

POINTS = {"race": 40.0, "health": 30.0, "arr": 20.0, "late": 10.0}
RACE_HORIZON = 120  # days; further away a race day adds nothing
LATE_CAP = 14  # days; later than this counts the same
DEFER_DAYS = 7


@dataclass(frozen=True, slots=True)
class Candidate:
    """A planned run of the week, with what its priority is made of."""

    run_id: int
    account_id: int
    account_name: str
    title: str
    planned_on: date
    hours: float
    days_to_race: int | None
    health: int
    arr_minor: int
    currency: str
    days_late: int
    version: int | None = None  # the run's, as read: deferring it later checks nobody changed it


@dataclass(frozen=True, slots=True)
class Choice:
    candidate: Candidate
    points: float
    keep: bool
    why: str  # the figures behind the points, and the verdict

    @property
    def defer_to(self) -> date:
        return self.candidate.planned_on + timedelta(days=DEFER_DAYS)


def points(c: Candidate, top_arr: int) -> float:
    race = 0.0
    if c.days_to_race is not None:
        race = POINTS["race"] * max(0, RACE_HORIZON - max(0, c.days_to_race)) / RACE_HORIZON
    ill = POINTS["health"] * (100 - c.health) / 100
    arr = POINTS["arr"] * c.arr_minor / top_arr if top_arr > 0 else 0.0
    late = POINTS["late"] * min(c.days_late, LATE_CAP) / LATE_CAP
    return round(race + ill + arr + late, 1)


def _figures(c: Candidate) -> str:
    race = "no race day" if c.days_to_race is None else (
        "race day passed" if c.days_to_race < 0 else f"race day in {plural(c.days_to_race, 'day')}")
    said = [race, f"health {c.health}", f"ARR {money_compact(c.arr_minor, c.currency)}"]
    if c.days_late:
        said.append(f"{plural(c.days_late, 'day')} late")
    return ", ".join(said)


def rank(candidates: list[Candidate], hours_free: float) -> list[Choice]:
    """Highest points first; keep while the free hours last, defer the rest.

    ARR counts against the largest ARR in the same currency: there are no exchange rates here, and
    minor units of different currencies do not compare (120000 is HUF 1,200 or JPY 120,000)."""
    top: dict[str, int] = {}
    for c in candidates:
        top[c.currency] = max(top.get(c.currency, 0), c.arr_minor)
    scored = sorted(((points(c, top[c.currency]), c) for c in candidates), key=lambda pc: (-pc[0], pc[1].planned_on, pc[1].run_id))
    left, out = hours_free, []
    for p, c in scored:
        keep = c.hours <= left + 1e-9
        if keep:
            left -= c.hours
            verdict = f"kept ({p:g} points; {left:g} h left after it)"
        else:
            verdict = f"deferred a week ({p:g} points; {c.hours:g} h do not fit in the {max(left, 0):g} h left)"
        out.append(Choice(c, p, keep, f"{_figures(c)}: {verdict}"))
    return out


@dataclass(frozen=True)
class Proposal:
    week_start: date
    capacity: float
    fixed_hours: float  # check-ins, race days, runs done or not movable
    choices: list[Choice]

    @property
    def kept_hours(self) -> float:
        return self.fixed_hours + sum(ch.candidate.hours for ch in self.choices if ch.keep)


def propose(session: Session, week_start: date, today: date, week_hours: float | None = None,
            owner: str | None = None) -> Proposal:
    """Which of the week's planned runs to keep and which to defer, within the week's hours
    (`owner` given: that person's runs, on their accounts and the unassigned ones)."""
    prefs = coach_settings.load(session)
    capacity = prefs.week_hours if week_hours is None else week_hours
    end = week_start + timedelta(days=6)
    rows = session.exec(select(Milestone.id, Milestone.account_id, Account.name, Milestone.title, Milestone.planned_on,
                               Milestone.run_type, Account.renewal, Account.arr_minor, Account.currency,
                               Milestone.version).join(
        Account, col(Account.id) == Milestone.account_id).where(
        Milestone.status == MilestoneStatus.PLANNED, Milestone.planned_on >= week_start, Milestone.planned_on <= end,
        Milestone.run_type != RunType.RACE, col(Account.archived).is_(False),
        *(() if owner is None else (col(Account.owner).in_((owner, "")),)))).all()
    scores = health.health_many(session, list({r[1] for r in rows}), today)
    cands = [Candidate(mid, aid, name, title, day, prefs.effort_hours.get(RunType(rt), 0.0),
                       None if race is None else (race - today).days, scores[aid].score, arr, cur,
                       max(0, (today - day).days), version)
             for mid, aid, name, title, day, rt, race, arr, cur, version in rows]
    total = load.week_load(session, week_start, prefs, capacity, owner).hours
    fixed = round(total - sum(c.hours for c in cands), 2)
    return Proposal(week_start, capacity, fixed, rank(cands, capacity - fixed))


def moves(choices: list[Choice]) -> list[Move]:
    """The runs to defer, as moves for `realign.MoveRuns` (one undo step)."""
    return [Move(ch.candidate.run_id, ch.candidate.account_id, ch.candidate.title, ch.candidate.planned_on,
                 ch.defer_to, seen=ch.candidate.version) for ch in choices if not ch.keep]
