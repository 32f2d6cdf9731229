"""Account health ("form"): a 0–100 score made of five explained parts, never a black box.

Parts and their weights (WEIGHTS, the one place they live):
- compliance: runs due in the last 8 weeks done on their day (late ones count half);
  nothing due gives a neutral 50, not a free 100.
- obstacles: open obstacles cost points by severity; injuries (escalation, exec turnover)
  cost a quarter more, so a critical open escalation alone empties this part.
- checkins: 100 up to 14 days since the last check-in, falling evenly to 0 at 60 days.
- progress: the done share of the plan against the share of contract → race-day time gone.
- coverage: who at the customer we can reach (core/coverage.py): single-threaded, no exec
  sponsor, a champion who just left and overdue contact cadences cost points.

`health_many` reads everything in a few grouped queries, so the accounts list can sort 5000
accounts by health. A weekly snapshot (`snapshot_week`) keeps the trend.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, func, select

from csplanner.core import calendar, coverage
from csplanner.core.enums import INJURIES, MilestoneStatus, ObstacleKind, Severity
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, CheckIn, HealthSnapshot, Milestone, Obstacle, Season, utcnow
from csplanner.core.present import plural

WEIGHTS: dict[str, float] = {
    "compliance": 0.25, "obstacles": 0.25, "checkins": 0.15, "progress": 0.15, "coverage": 0.20,
}
NAMES: dict[str, str] = {
    "compliance": "Milestone compliance (8 weeks)",
    "obstacles": "Open obstacles",
    "checkins": "Days since last check-in",
    "progress": "Plan progress to race day",
    "coverage": "Relationship coverage",
}
SHORT_NAMES: dict[str, str] = {  # for tight spaces: "weakest: check-ins"
    "compliance": "compliance", "obstacles": "obstacles", "checkins": "check-ins", "progress": "plan progress",
    "coverage": "relationships",
}

COMPLIANCE_WEEKS = 8
TREND_WEEKS = 12  # how far back the trend looks
NEUTRAL = 50.0  # a part with nothing to measure neither helps nor hurts much
LATE_CREDIT = 0.5  # a run done after its day still counts half
PENALTY = {Severity.LOW: 10, Severity.MEDIUM: 25, Severity.HIGH: 50, Severity.CRITICAL: 80}
INJURY_FACTOR = 1.25  # escalations and exec turnover hurt the runner, not just the weather
FRESH_DAYS = 14  # a check-in this recent keeps the part at 100
SILENT_DAYS = 60  # no check-in this long: 0
BEHIND_FACTOR = 2.0  # each percentage point behind the time gone costs two points


@dataclass(frozen=True)
class HealthPart:
    key: str  # "compliance" | "obstacles" | "checkins" | "progress" | "coverage"
    name: str
    score: float  # 0–100 for this part
    weight: float  # share of the total; WEIGHTS sum to 1
    explanation: str  # a sentence with the real figures

    @property
    def drag(self) -> float:
        """Points this part takes off the total."""
        return self.weight * (100.0 - self.score)


@dataclass(frozen=True)
class Health:
    account_id: int
    score: int  # 0–100
    parts: tuple[HealthPart, ...]

    @property
    def weakest(self) -> HealthPart:
        """The part that drags the score down most."""
        return max(self.parts, key=lambda p: p.drag)

    def part(self, key: str) -> HealthPart:
        return next(p for p in self.parts if p.key == key)


# --- the five parts, each from plain figures -------------------------------------------------


def compliance_part(due: int, on_time: int, late: int) -> HealthPart:
    if due == 0:
        return _part("compliance", NEUTRAL,
                     f"No runs were due in the last {COMPLIANCE_WEEKS} weeks, so this part is a neutral 50.")
    score = 100.0 * (on_time + LATE_CREDIT * late) / due
    verb = "was" if due == 1 else "were"
    text = f"{on_time} of {plural(due, 'run')} due in the last {COMPLIANCE_WEEKS} weeks {verb} done on time"
    if late:
        text += f"; {late} done late count{'s' if late == 1 else ''} half"
    return _part("compliance", score, text + ".")


def obstacles_part(open_counts: dict[tuple[Severity, ObstacleKind], int]) -> HealthPart:
    total = sum(open_counts.values())
    if total == 0:
        return _part("obstacles", 100.0, "No open obstacles.")
    cost = sum(PENALTY[sev] * (INJURY_FACTOR if kind in INJURIES else 1.0) * n
               for (sev, kind), n in open_counts.items())
    by_sev: dict[Severity, int] = defaultdict(int)
    injuries: dict[Severity, int] = defaultdict(int)
    for (sev, kind), n in open_counts.items():
        by_sev[sev] += n
        if kind in INJURIES:
            injuries[sev] += n
    parts = []
    for sev in reversed(list(Severity)):  # critical first
        if by_sev[sev]:
            inj = f" ({injuries[sev]} escalation or exec turnover)" if injuries[sev] else ""
            parts.append(f"{by_sev[sev]} {sev.value}{inj}")
    score = max(0.0, 100.0 - cost)
    return _part("obstacles", score,
                 f"{plural(total, 'open obstacle')}: {', '.join(parts)}, costing {cost:g} points.")


def checkins_part(last: date | None, signed: date | None, today: date) -> HealthPart:
    if last is None and signed is None:
        return _part("checkins", 0.0, "No check-in on record.")
    since = last if last is not None else signed
    assert since is not None
    days = max(0, (today - since).days)
    if days <= FRESH_DAYS:
        score = 100.0
    elif days >= SILENT_DAYS:
        score = 0.0
    else:
        score = 100.0 * (SILENT_DAYS - days) / (SILENT_DAYS - FRESH_DAYS)
    ago = plural(days, "day")
    if last is None:
        text = f"No check-in yet, {ago} since the contract was signed"
    else:
        text = f"Last check-in {ago} ago"
    rule = f" (100 up to {FRESH_DAYS} days, 0 at {SILENT_DAYS})."
    return _part("checkins", score, text + rule)


def progress_part(done: int, planned: int, signed: date | None, race_day: date | None, today: date) -> HealthPart:
    if planned == 0:
        return _part("progress", 0.0, "No runs in the plan: there is no training plan to follow yet.")
    done_share = done / planned
    runs = f"{done} of {plural(planned, 'run')} done ({done_share:.0%})"
    if signed is None or race_day is None or race_day <= signed:
        return _part("progress", NEUTRAL,
                     f"{runs}; without a contract date and a later race day the pace cannot be judged, "
                     f"so this part is a neutral 50.")
    span = (race_day - signed).days
    gone = min(1.0, max(0.0, (today - signed).days / span))
    weeks_left = max(0, (race_day - today).days) // 7
    behind = max(0.0, gone - done_share) * 100.0
    score = max(0.0, 100.0 - BEHIND_FACTOR * behind)
    points = round(behind)  # whole points as the sentence shows them: "1 point behind", never "0 points"
    pace = f"{plural(points, 'point')} behind" if points >= 1 else "on pace"
    return _part("progress", score,
                 f"{runs} with {gone:.0%} of the time to race day gone "
                 f"({plural(weeks_left, 'week')} left): {pace}.")


def coverage_part(figures: coverage.Coverage) -> HealthPart:
    score, text = coverage.score(figures)
    return _part("coverage", score, text)


def _part(key: str, score: float, explanation: str) -> HealthPart:
    return HealthPart(key, NAMES[key], round(max(0.0, min(100.0, score)), 1), WEIGHTS[key], explanation)


def combine(account_id: int, parts: Sequence[HealthPart]) -> Health:
    return Health(account_id, int(round(sum(p.score * p.weight for p in parts))), tuple(parts))


# --- reading the figures, batched ---------------------------------------------------------------

# Up to this many ids an IN list is faster than a full pass (833 of 5000 accounts: 36 ms vs 139 ms);
# beyond it, one pass over everything, filtered in Python.
IN_LIMIT = 5000


_BUILT: dict[tuple[date, bool], tuple[sa.Select, ...]] = {}  # (today, every account?) -> health_many's statements


def _only(q: sa.Select, column: object, ids: list[int] | None) -> sa.Select:
    if ids is not None and len(ids) <= IN_LIMIT:
        return q.where(col(column).in_(ids))  # type: ignore[arg-type]
    return q


def health_many(session: Session, account_ids: Sequence[int] | None, today: date) -> dict[int, Health]:
    """Health of many accounts (None: every account not archived) in a few grouped queries."""
    ids = None if account_ids is None else list(dict.fromkeys(account_ids))
    if ids == []:
        return {}
    # the statements, built once per day (and kind of pass): building them cost more than running
    # them for an account or two (a redraw after an edit asks for one or two)
    built = _BUILT.get((today, ids is None))
    if built is None:
        aq = select(Account.id, Account.contract_signed, Account.renewal)
        if ids is None:
            aq = aq.where(col(Account.archived).is_(False))

        # compliance: runs planned in the window that are past their day, or already done today
        window_start = today - timedelta(weeks=COMPLIANCE_WEEKS) + timedelta(days=1)
        # "as of today": a run ticked off later was not done yet, so past weeks can be reconstructed
        done = sa.and_(Milestone.status == MilestoneStatus.DONE, col(Milestone.done_on) <= today)
        # one pass over the milestones: the compliance window and the whole plan together
        due = sa.and_(Milestone.planned_on >= window_start, Milestone.planned_on <= today,
                      sa.or_(Milestone.planned_on < today, done))
        on_time = sa.and_(due, done, col(Milestone.done_on) <= Milestone.planned_on)
        late = sa.and_(due, done, col(Milestone.done_on) > Milestone.planned_on)
        # after a renewal the plan is the running season's: its runs, timed from its start
        later = select(Season.account_id.label("aid"), func.max(Season.start).label("since")).where(
            Season.number > 1).group_by(Season.account_id).subquery()
        # (a past week reconstructed from before the renewal still sees the old season)
        in_season = sa.or_(later.c.since.is_(None), later.c.since > today, Milestone.planned_on >= later.c.since)
        mq = select(
            Milestone.account_id,
            func.sum(sa.case((due, 1), else_=0)), func.sum(sa.case((on_time, 1), else_=0)),
            func.sum(sa.case((late, 1), else_=0)), func.sum(sa.case((in_season, 1), else_=0)),
            func.sum(sa.case((sa.and_(done, in_season), 1), else_=0)),
        ).outerjoin(later, later.c.aid == Milestone.account_id).where(
            Milestone.status != MilestoneStatus.SKIPPED).group_by(Milestone.account_id)
        oq = select(Obstacle.account_id, Obstacle.severity, Obstacle.kind, func.count()).where(
            sa.or_(col(Obstacle.resolved_on).is_(None), col(Obstacle.resolved_on) > today), Obstacle.opened_on <= today,
        ).group_by(Obstacle.account_id, Obstacle.severity, Obstacle.kind)
        lq = select(CheckIn.account_id, func.max(CheckIn.held_on)).where(CheckIn.held_on <= today)
        seasons = select(later.c.aid, later.c.since)
        if len(_BUILT) >= 16:
            _BUILT.clear()  # a few days' worth (the trend's backfill asks for twelve past days)
        built = _BUILT[(today, ids is None)] = (aq, mq, oq, lq, seasons)
    aq, mq, oq, lq, seasons = built
    accounts = {aid: (signed, race) for aid, signed, race in session.exec(_only(aq, Account.id, ids)).all()}
    if ids is not None:
        accounts = {aid: accounts[aid] for aid in ids if aid in accounts}

    compliance: dict[int, tuple[int, int, int]] = {}
    plan: dict[int, tuple[int, int]] = {}
    for aid, n_due, n_ok, n_late, n_all, n_done in session.exec(_only(mq, Milestone.account_id, ids)).all():
        compliance[aid] = (int(n_due or 0), int(n_ok or 0), int(n_late or 0))
        plan[aid] = (int(n_all or 0), int(n_done or 0))
    for aid, since in session.exec(seasons).all():
        if aid in accounts and since is not None and since <= today:
            accounts[aid] = (since, accounts[aid][1])

    open_obstacles: dict[int, dict[tuple[Severity, ObstacleKind], int]] = defaultdict(dict)
    for aid, sev, kind, n in session.exec(_only(oq, Obstacle.account_id, ids)).all():
        open_obstacles[aid][(Severity(sev), ObstacleKind(kind))] = n

    last = dict(session.exec(_only(lq.group_by(CheckIn.account_id), CheckIn.account_id, ids)).all())

    people = coverage.figures(session, list(accounts), {aid: signed for aid, (signed, _) in accounts.items()}, today)
    # most accounts share their figures with many others (4 of 5 parts of 5000 accounts have a few
    # hundred distinct inputs): a part is immutable, so each is built once per distinct input
    seen: dict[tuple, HealthPart] = {}

    def once(key: tuple, build: Callable[[], HealthPart]) -> HealthPart:
        part = seen.get(key)
        if part is None:
            part = seen[key] = build()
        return part

    nobody = coverage.Coverage()
    result: dict[int, Health] = {}
    for aid, (signed, race_day) in accounts.items():
        due, ok, late = compliance.get(aid, (0, 0, 0))
        planned, done_n = plan.get(aid, (0, 0))
        open_here = open_obstacles.get(aid, {})
        last_here = _as_date(last.get(aid))
        since = signed if last_here is None else None  # the part reads `signed` only without a check-in
        people_here = people.get(aid, nobody)
        result[aid] = combine(aid, (
            once(("compliance", due, ok, late), lambda: compliance_part(due, ok, late)),
            once(("obstacles", *open_here.items()), lambda: obstacles_part(open_here)),
            once(("checkins", last_here, since), lambda: checkins_part(last_here, since, today)),
            progress_part(done_n, planned, signed, race_day, today),
            once(("coverage", people_here), lambda: coverage_part(people_here)),
        ))
    return result


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))  # func.max can hand back the stored text


def account_health(session: Session, account_id: int, today: date) -> Health:
    """Health of one account (archived ones too)."""
    found = health_many(session, [account_id], today)
    if account_id not in found:
        raise DomainError("That account no longer exists (it may have been deleted).")
    return found[account_id]


# --- weekly snapshots for the trend ------------------------------------------------------------


def _store(session: Session, monday: date, scores: dict[int, Health], *, replace: bool) -> None:
    """Write one week's scores in one executemany (an ORM object per row is ten times slower, and a
    2000-row VALUES statement spends a second in SQLAlchemy's compiler, uncached)."""
    now = utcnow()
    rows = [{"account_id": aid, "week_start": monday, "score": h.score, "created_at": now}
            for aid, h in scores.items()]
    insert = sqlite_insert
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert  # imported for a server's book only (a file's start skips it)
    stmt = insert(HealthSnapshot.__table__)  # type: ignore[attr-defined]
    if replace:
        stmt = stmt.on_conflict_do_update(index_elements=["account_id", "week_start"],
                                          set_={"score": stmt.excluded.score})
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=["account_id", "week_start"])
    session.connection().execute(stmt, rows)
    session.flush()


def snapshot_week(session: Session, today: date) -> int:
    """Record (or refresh) this week's score for every account not archived; returns how many."""
    scores = health_many(session, None, today)
    if scores:
        _store(session, calendar.week_start(today), scores, replace=True)
    return len(scores)


def backfill_week(session: Session, today: date, weeks_back: int) -> int:
    """Fill one past week of the trend for accounts that lack it, reconstructed from the dated
    records as of that day (runs done later, obstacles resolved later do not count yet).
    Scores already recorded are kept; returns how many were added."""
    day = today - timedelta(weeks=weeks_back)
    monday = calendar.week_start(day)  # keyed by Monday, whatever the display locale
    not_archived = col(Account.archived).is_(False)
    recorded = select(func.count()).select_from(HealthSnapshot).join(
        Account, col(Account.id) == HealthSnapshot.account_id).where(HealthSnapshot.week_start == monday, not_archived)
    if session.exec(recorded).one() >= session.exec(select(func.count()).where(not_archived)).one():
        return 0  # every later start: two counts, no id sets
    live = set(session.exec(select(Account.id).where(not_archived)).all())
    have = set(session.exec(select(HealthSnapshot.account_id).where(HealthSnapshot.week_start == monday)).all())
    missing = live - have
    if not missing:
        return 0
    # a few missing accounts: ask by id; many: one full pass is cheaper than a long IN list
    scores = health_many(session, sorted(missing) if len(missing) <= IN_LIMIT else None, day)
    scores = {aid: h for aid, h in scores.items() if aid in missing}
    _store(session, monday, scores, replace=False)
    return len(scores)


def backfill(session: Session, today: date, weeks: int = TREND_WEEKS) -> int:
    """Fill the missing past weeks of the last `weeks` (this week is snapshot_week's job)."""
    return sum(backfill_week(session, today, back) for back in range(weeks - 1, 0, -1))


def trend(session: Session, account_id: int, weeks: int = TREND_WEEKS) -> list[tuple[date, int]]:
    """The latest `weeks` weekly scores of an account, oldest first."""
    q = select(HealthSnapshot.week_start, HealthSnapshot.score).where(
        HealthSnapshot.account_id == account_id,
    ).order_by(col(HealthSnapshot.week_start).desc()).limit(weeks)
    return [(_as_date(day) or day, score) for day, score in reversed(session.exec(q).all())]
