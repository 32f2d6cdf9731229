"""My week as plain data: what a CSM looks at on Monday morning, across every account.

The My week screen and the week PDF both draw from `week_plan`, so neither needs SQL.
Archived accounts are left out everywhere.
"""

import bisect
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from csplanner.core import health
from csplanner.core.enums import SEVERITY_RANK, CheckInKind, MilestoneStatus, ObstacleKind, RunType, Severity
from csplanner.core.models import Account, CheckIn, Milestone, Obstacle
from csplanner.core.services import accounts

RACE_HORIZON_DAYS = 120  # renewals this close are "races coming up"
QUIET_DAYS = 14  # no check-in for this long: missed training


@dataclass(frozen=True, slots=True)
class MilestoneItem:
    milestone_id: int
    account_id: int
    account_name: str
    title: str
    planned_on: date
    run_type: RunType
    status: MilestoneStatus
    overdue: bool  # still planned, and its day is before today
    version: int | None = None  # as read: ticking it later checks nobody changed it meanwhile


@dataclass(frozen=True, slots=True)
class CheckInItem:
    checkin_id: int
    account_id: int
    account_name: str
    held_on: date
    kind: CheckInKind
    summary: str


@dataclass(frozen=True, slots=True)
class ObstacleItem:
    obstacle_id: int
    account_id: int
    account_name: str
    title: str
    kind: ObstacleKind
    severity: Severity
    opened_on: date


@dataclass(frozen=True, slots=True)
class RaceItem:
    account_id: int
    account_name: str
    race_day: date
    days_to_race: int
    arr_minor: int
    currency: str
    health: int  # 0–100
    weakest: str  # name of the health part that drags it down most


@dataclass(frozen=True, slots=True)
class QuietAccount:
    account_id: int
    account_name: str
    last_checkin: date | None  # None: never
    days_since: int | None  # None: never


@dataclass(frozen=True)
class WeekPlan:
    week_start: date
    today: date
    days: list[tuple[date, list[MilestoneItem]]]  # the seven days, each with its runs (skipped left out)
    overdue: list[MilestoneItem]  # planned runs whose day passed before this week (and before today)
    checkins: list[CheckInItem]  # planned: dated in this week, today or later
    obstacles: list[ObstacleItem]  # open at the end of the week, most severe first
    races: list[RaceItem]  # race days from today to today + RACE_HORIZON_DAYS, soonest first
    missed_training: list[QuietAccount]  # no check-in for QUIET_DAYS or more, longest first

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)

    @property
    def iso_week(self) -> tuple[int, int]:
        iso = self.week_start.isocalendar()
        return iso[0], iso[1]

    def due_count(self) -> int:
        return sum(len(items) for _, items in self.days)


def _names(session: Session, account_ids: Collection[int] | None = None, owner: str | None = None) -> dict[int, str]:
    """The accounts shown: active ones (of `account_ids`, and with `owner`: that person's and the
    unassigned ones)."""
    q = select(Account.id, Account.name).where(col(Account.archived).is_(False))
    if account_ids is not None:
        q = q.where(col(Account.id).in_(list(account_ids)))
    if owner is not None:
        q = q.where(accounts.mine(owner))
    return dict(session.exec(q.order_by(Account.id)).all())


# each list's order, total (ids last), so a list merged from parts sorts exactly as one read whole
def day_order(i: MilestoneItem) -> tuple:
    return (i.status != MilestoneStatus.PLANNED, i.account_name.lower(), i.title, i.milestone_id)


def overdue_order(i: MilestoneItem) -> tuple:
    return (i.planned_on, i.milestone_id)


def checkin_order(c: CheckInItem) -> tuple:
    return (c.held_on, c.checkin_id)


def obstacle_order(o: ObstacleItem) -> tuple:
    return (-SEVERITY_RANK[o.severity], o.opened_on, o.account_name.lower(), o.obstacle_id)


def race_order(r: RaceItem) -> tuple:
    return (r.race_day, r.account_id)


def quiet_order(q: QuietAccount) -> tuple:
    return (q.days_since is not None, -(q.days_since or 0), q.account_name.lower(), q.account_id)


RUN_COLUMNS = (Milestone.id, Milestone.account_id, Milestone.title, Milestone.planned_on, Milestone.run_type,
               Milestone.status, Milestone.version)


def _item(row: tuple, names: dict[int, str], today: date) -> MilestoneItem:
    mid, aid, title, planned_on, run_type, status, version = row
    return MilestoneItem(mid, aid, names[aid], title, planned_on, RunType(run_type), MilestoneStatus(status),
                         status == MilestoneStatus.PLANNED and planned_on < today, version)


def week_plan(session: Session, week_start: date, today: date, account_ids: Collection[int] | None = None,
              *, races_and_missed: tuple[list[RaceItem], list[QuietAccount]] | None = None,
              owner: str | None = None, scores: Mapping[int, health.Health] | None = None) -> WeekPlan:
    """Everything My week shows for the seven days from `week_start`, as plain rows: for every
    account, or (`owner` given) for that person's and the unassigned ones.

    `account_ids`: only these accounts' rows (after an edit, to `merged` into the plan shown).
    `races_and_missed`: those two lists as already read for this `today` (they do not depend
    on the week, so moving to another week need not read them again).
    `scores`: health already read for some accounts (the races' health is not read again)."""
    # plain column rows, not ORM objects: thousands of obstacles load several times faster
    end = week_start + timedelta(days=6)
    names = _names(session, account_ids, owner)

    def only(q: sa.Select, account_column: object) -> sa.Select:  # through the account_id index
        return q if account_ids is None else q.where(col(account_column).in_(list(account_ids)))  # type: ignore[arg-type]

    runs = session.exec(only(select(*RUN_COLUMNS).where(
        Milestone.planned_on >= week_start, Milestone.planned_on <= end,
        Milestone.status != MilestoneStatus.SKIPPED,
    ), Milestone.account_id)).all()
    by_day: dict[date, list[MilestoneItem]] = {week_start + timedelta(days=i): [] for i in range(7)}
    for m in runs:
        if m[1] in names:
            by_day[m[3]].append(_item(m, names, today))
    for items in by_day.values():
        items.sort(key=day_order)

    cutoff = min(week_start, today)
    late = session.exec(only(select(*RUN_COLUMNS).where(
        Milestone.planned_on < cutoff, Milestone.status == MilestoneStatus.PLANNED,
    ), Milestone.account_id).order_by(Milestone.planned_on, Milestone.id)).all()
    overdue = [_item(m, names, today) for m in late if m[1] in names]

    first_planned = max(week_start, today)
    talks = session.exec(only(select(CheckIn.id, CheckIn.account_id, CheckIn.held_on, CheckIn.kind, CheckIn.summary).where(
        CheckIn.held_on >= first_planned, CheckIn.held_on <= end,
    ), CheckIn.account_id).order_by(CheckIn.held_on, CheckIn.id)).all()
    checkins = [CheckInItem(cid, aid, names[aid], day, CheckInKind(kind), summary)
                for cid, aid, day, kind, summary in talks if aid in names]

    still_open = session.exec(only(select(
        Obstacle.id, Obstacle.account_id, Obstacle.title, Obstacle.kind, Obstacle.severity, Obstacle.opened_on,
    ).where(col(Obstacle.resolved_on).is_(None), Obstacle.opened_on <= end), Obstacle.account_id)).all()
    troubles = sorted(
        (ObstacleItem(oid, aid, names[aid], title, ObstacleKind(kind), Severity(sev), opened)
         for oid, aid, title, kind, sev, opened in still_open if aid in names),
        key=obstacle_order,
    )
    if races_and_missed is None:
        races_and_missed = (races(session, today, names, account_ids, scores),
                            missed_training(session, today, names, account_ids))
    return WeekPlan(week_start, today, sorted(by_day.items()), overdue, checkins, troubles, *races_and_missed)


def races_and_missed(session: Session, today: date, account_ids: Collection[int] | None = None,
                     owner: str | None = None, known: Mapping[int, health.Health] | None = None
                     ) -> tuple[list[RaceItem], list[QuietAccount]]:
    """The two lists that depend on today alone (`account_ids`: only theirs; `known`: health
    already read)."""
    names = _names(session, account_ids, owner)
    return races(session, today, names, account_ids, known), missed_training(session, today, names, account_ids)


def merged(plan: WeekPlan, part: WeekPlan, account_ids: Iterable[int]) -> WeekPlan:
    """`plan` with the rows of `account_ids` replaced by `part`'s (read for those accounts alone,
    same week and day): equal to reading the whole plan again, at the cost of a few accounts."""
    ids = set(account_ids)

    def mix(old: list, new: list, order) -> list:
        kept = [x for x in old if x.account_id not in ids]
        if not new and len(kept) == len(old):
            return old  # none of theirs before or now: the list as it was
        for x in new:  # `old` is in `order` (each list is read or merged so): the new rows go in
            bisect.insort(kept, x, key=order)  # at their places, without sorting thousands again
        return kept

    new_days = dict(part.days)
    return replace(
        plan, days=[(day, mix(items, new_days.get(day, []), day_order)) for day, items in plan.days],
        overdue=mix(plan.overdue, part.overdue, overdue_order), checkins=mix(plan.checkins, part.checkins, checkin_order),
        obstacles=mix(plan.obstacles, part.obstacles, obstacle_order), races=mix(plan.races, part.races, race_order),
        missed_training=mix(plan.missed_training, part.missed_training, quiet_order))


def races(session: Session, today: date, names: dict[int, str] | None = None,
          account_ids: Collection[int] | None = None, known: Mapping[int, health.Health] | None = None
          ) -> list[RaceItem]:
    """Renewals from today to today + RACE_HORIZON_DAYS, soonest first, with their health (`known`:
    health already read for today, of some accounts)."""
    names = _names(session, account_ids) if names is None else names
    q = select(Account.id, Account.renewal, Account.arr_minor, Account.currency).where(
        Account.renewal >= today, Account.renewal <= today + timedelta(days=RACE_HORIZON_DAYS),
        col(Account.archived).is_(False),
    )
    if account_ids is not None:
        q = q.where(col(Account.id).in_(list(account_ids)))
    rows = session.exec(q.order_by(Account.renewal, Account.id)).all()
    known = known or {}
    scores = {**health.health_many(session, [r[0] for r in rows if r[0] not in known], today), **known}
    return [RaceItem(aid, names[aid], day, (day - today).days, arr, cur, scores[aid].score, scores[aid].weakest.name)
            for aid, day, arr, cur in rows if aid in names]


def missed_training(session: Session, today: date, names: dict[int, str] | None = None,
                    account_ids: Collection[int] | None = None) -> list[QuietAccount]:
    """Accounts with no check-in in the last QUIET_DAYS days (never first, then the longest silence)."""
    names = _names(session, account_ids) if names is None else names
    q = select(CheckIn.account_id, func.max(CheckIn.held_on)).where(CheckIn.held_on <= today)
    if account_ids is not None:
        q = q.where(col(CheckIn.account_id).in_(list(account_ids)))
    last = dict(session.exec(q.group_by(CheckIn.account_id)).all())
    quiet = []
    for aid, name in names.items():
        day = last.get(aid)
        if day is None:
            quiet.append(QuietAccount(aid, name, None, None))
        elif (today - day).days >= QUIET_DAYS:
            quiet.append(QuietAccount(aid, name, day, (today - day).days))
    quiet.sort(key=quiet_order)
    return quiet
