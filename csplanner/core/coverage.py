"""Relationship coverage, a part of health: who at the customer we can reach, and how recently.

100 minus a cost for each gap (COST, the one place they live; the README's table says the same):
- nobody active at the customer: 60; exactly one active stakeholder (single-threaded): 40;
- no active exec sponsor: 25;
- a champion who left in the last 90 days: 25 (once, however many left);
- each contact past their cadence: amber 5, red 10, together at most 30.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session, func

from csplanner.core import cadence
from csplanner.core import settings as coach_settings
from csplanner.core.enums import StakeholderRole, StakeholderStatus
from csplanner.core.models import CheckIn, CheckInAttendee, Stakeholder
from csplanner.core.present import plural

COST = {"nobody": 60, "single": 40, "no_sponsor": 25, "champion_left": 25, "due": 5, "overdue": 10}
CADENCE_CAP = 30  # overdue cadences alone never empty the part
CHAMPION_LEFT_DAYS = 90


@dataclass(frozen=True, slots=True)
class Coverage:
    """The figures the part is scored from."""

    active: int = 0
    sponsors: int = 0  # active exec sponsors
    champion_left_on: date | None = None  # latest champion departure in the last 90 days
    due: int = 0  # contacts amber
    overdue: int = 0  # contacts red


def score(c: Coverage) -> tuple[float, str]:
    """The part's score and its sentence with the real figures."""
    cost, said = 0, []
    if c.active == 0:
        cost += COST["nobody"]
        said.append(f"no active stakeholder (−{COST['nobody']})")
    elif c.active == 1:
        cost += COST["single"]
        said.append(f"single-threaded: one active stakeholder (−{COST['single']})")
    if c.sponsors == 0:
        cost += COST["no_sponsor"]
        said.append(f"no active exec sponsor (−{COST['no_sponsor']})")
    if c.champion_left_on is not None:
        cost += COST["champion_left"]
        said.append(f"champion left on {c.champion_left_on.isoformat()} (−{COST['champion_left']})")
    late = min(CADENCE_CAP, COST["due"] * c.due + COST["overdue"] * c.overdue)
    if late:
        cost += late
        words = [f"{plural(n, 'contact')} {what}" for n, what in ((c.overdue, "overdue"), (c.due, "due")) if n]
        said.append(f"{' and '.join(words)} for a call (−{late})")
    if not said:
        return 100.0, f"{plural(c.active, 'active stakeholder')}, an exec sponsor among them, every cadence kept."
    text = ", ".join(said) + "."
    return max(0.0, 100.0 - cost), text[0].upper() + text[1:]


def figures(session: Session, account_ids: Sequence[int], signed: dict[int, date | None],
            today: date) -> dict[int, Coverage]:
    """Coverage figures of these accounts as of `today` (who had left by then, who had been met).

    One grouped query: SQLite counts the people (17 000 in a 5000-account book) by account; only
    those never met come back by (account, cadence), as their clock starts at `signed`."""
    if not account_ids:
        return {}
    prefs = coach_settings.load(session)
    some = len(account_ids) <= 5000
    query = _query(today, tuple(sorted(prefs.cadence_days.items())), session.get_bind().dialect.name, some)
    rows = session.connection().execute(query, {"ids": list(account_ids)} if some else {}).all()
    # per account: active, sponsors, champion left on, due, overdue
    found: dict[int, list] = defaultdict(lambda: [0, 0, None, 0, 0])
    for aid, active, sponsors, left_on, due, overdue, every, n in rows:
        if aid not in signed:
            continue
        f = found[aid]
        f[0] += active
        f[1] += sponsors
        if left_on is not None:
            f[2] = max(_as_date(left_on), f[2] or date.min)
        f[3] += due
        f[4] += overdue
        if every is not None:  # never met: the clock runs from the contract's signing
            since = signed[aid]
            st = cadence.state(None if since is None else max(0, (today - since).days), every)
            f[3] += n * (st == cadence.CadenceState.DUE)
            f[4] += n * (st == cadence.CadenceState.OVERDUE)
    return {aid: Coverage(*f) for aid, f in found.items()}


@lru_cache(maxsize=16)
def _query(today: date, cadence_days: tuple[tuple[StakeholderRole, int], ...], dialect: str, some: bool) -> sa.Select:
    """figures' statement, built once per day, cadence settings and dialect (`some`: of the accounts
    bound as "ids"): for an account or two, building it cost more than running it."""
    person = Stakeholder.__table__.alias("person")  # type: ignore[attr-defined]
    attendee = CheckInAttendee.__table__  # type: ignore[attr-defined]
    talk = CheckIn.__table__  # type: ignore[attr-defined]
    last = sa.select(func.max(talk.c.held_on)).select_from(
        attendee.join(talk, talk.c.id == attendee.c.check_in_id)).where(
        attendee.c.stakeholder_id == person.c.id, talk.c.held_on <= today).scalar_subquery()
    own = person.c.cadence_days
    by_role = sa.case({str(role): days for role, days in cadence_days}, value=sa.cast(person.c.role, sa.String),
                      else_=None) if cadence_days else sa.null()
    q = sa.select(
        person.c.account_id.label("aid"), sa.cast(person.c.role, sa.String).label("role"),
        sa.and_(person.c.status == StakeholderStatus.LEFT.value,
                sa.or_(person.c.left_on.is_(None), person.c.left_on <= today)).label("gone"),
        person.c.left_on.label("left_on"),
        sa.case((own.is_not(None), func.nullif(own, 0)), else_=by_role).label("every"),
        last.label("last"),
    )
    if some:
        q = q.where(person.c.account_id.in_(sa.bindparam("ids", expanding=True)))
    p = q.cte("p").prefix_with("MATERIALIZED")  # the last check-in once per person, not once per use
    if dialect == "postgresql":  # date - date is a number of days there
        days = func.greatest(0, sa.cast(sa.literal(today, sa.Date), sa.Date) - p.c.last)
    else:
        days = func.max(0, func.julianday(today.isoformat()) - func.julianday(p.c.last))
    met = sa.and_(sa.not_(p.c.gone), p.c.every.is_not(None), p.c.last.is_not(None))
    never_met = sa.case((sa.and_(sa.not_(p.c.gone), p.c.last.is_(None)), p.c.every), else_=None).label("never_met")
    recent = today - timedelta(days=CHAMPION_LEFT_DAYS)  # a date: bound as the column's type
    return sa.select(
        p.c.aid,
        func.sum(sa.case((sa.not_(p.c.gone), 1), else_=0)),
        func.sum(sa.case((sa.and_(sa.not_(p.c.gone), p.c.role == StakeholderRole.EXEC_SPONSOR.value), 1), else_=0)),
        func.max(sa.case((sa.and_(p.c.gone, p.c.role == StakeholderRole.CHAMPION.value, p.c.left_on >= recent),
                          p.c.left_on), else_=None)),
        func.sum(sa.case((sa.and_(met, days >= p.c.every, 2 * days < 3 * p.c.every), 1), else_=0)),
        func.sum(sa.case((sa.and_(met, 2 * days >= 3 * p.c.every), 1), else_=0)),
        never_met, func.count(),
    ).group_by(p.c.aid, never_met)


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
