"""Contact cadences: how long since we last spoke with each stakeholder, against their role's rhythm.

The rule (the README says the same): the clock starts at the last check-in the person attended
(never met: at the contract's signing, else they are overdue). At the cadence the contact turns
amber ("call due"), at 1.5 × the cadence red ("overdue"): with a 14-day cadence, day 13 is ok,
day 14 amber, day 21 red; with 21 days, day 31 amber, day 32 red (1.5 × 21 = 31.5, reached on 32).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlmodel import Session, col, func, select

from csplanner.core import settings as coach_settings
from csplanner.core.enums import StakeholderRole, StakeholderStatus
from csplanner.core.models import Account, CheckIn, CheckInAttendee, Stakeholder


class CadenceState(StrEnum):
    OK = "ok"
    DUE = "due"  # amber: at the cadence
    OVERDUE = "overdue"  # red: at 1.5 × the cadence
    NONE = "none"  # no cadence for this person


def state(days_since: int | None, cadence: int | None) -> CadenceState:
    """The state after `days_since` days without a call (None: never, with no date to count from)."""
    if not cadence:
        return CadenceState.NONE
    if days_since is None or 2 * days_since >= 3 * cadence:
        return CadenceState.OVERDUE
    return CadenceState.DUE if days_since >= cadence else CadenceState.OK


def due_on(since: date | None, cadence: int | None) -> date | None:
    """The day the contact turns amber."""
    return since + timedelta(days=cadence) if since is not None and cadence else None


@dataclass(frozen=True, slots=True)
class Contact:
    stakeholder_id: int
    account_id: int
    account_name: str
    name: str
    role: StakeholderRole
    cadence_days: int | None
    last_met: date | None  # last check-in they attended, up to today
    days_since: int | None  # from last_met, or from the contract's signing when never met
    state: CadenceState
    due_on: date | None


def contacts(session: Session, today: date, account_ids: Sequence[int] | None = None) -> list[Contact]:
    """Every active stakeholder's cadence (accounts not archived, or just these), most overdue first."""
    prefs = coach_settings.load(session)
    q = select(Stakeholder, Account.name, Account.contract_signed).join(
        Account, col(Account.id) == Stakeholder.account_id).where(Stakeholder.status == StakeholderStatus.ACTIVE)
    if account_ids is None:
        q = q.where(col(Account.archived).is_(False))
    else:
        q = q.where(col(Stakeholder.account_id).in_(list(account_ids)))
    rows = session.exec(q).all()
    met = last_met(session, today, [s.id for s, _, _ in rows if s.id is not None])
    out = []
    for person, account_name, signed in rows:
        assert person.id is not None
        cadence = prefs.cadence_for(person.role, person.cadence_days)
        last = met.get(person.id)
        since = last if last is not None else signed
        days = None if since is None else max(0, (today - since).days)
        out.append(Contact(person.id, person.account_id, account_name, person.name, StakeholderRole(person.role),
                           cadence, last, days, state(days, cadence), due_on(since, cadence)))
    rank = {CadenceState.OVERDUE: 0, CadenceState.DUE: 1, CadenceState.OK: 2, CadenceState.NONE: 3}
    return sorted(out, key=lambda c: (rank[c.state], c.due_on or date.min, c.account_name, c.name))


def last_met(session: Session, today: date, stakeholder_ids: Sequence[int] | None = None) -> dict[int, date]:
    """Each stakeholder's last check-in attended, up to today (planned ones do not count)."""
    q = select(CheckInAttendee.stakeholder_id, func.max(CheckIn.held_on)).join(
        CheckIn, col(CheckIn.id) == CheckInAttendee.check_in_id).where(CheckIn.held_on <= today)
    if stakeholder_ids is not None and len(stakeholder_ids) <= 5000:
        q = q.where(col(CheckInAttendee.stakeholder_id).in_(list(stakeholder_ids)))
    out: dict[int, date] = {}
    # Core-level rows, not ORM ones: a 5000-account book has ~17 000 people (ORM rows: 3x slower)
    for sid, day in session.connection().execute(q.group_by(CheckInAttendee.stakeholder_id)).all():
        out[sid] = day if isinstance(day, date) else date.fromisoformat(str(day))
    return out


def by_account(found: Sequence[Contact]) -> dict[int, list[Contact]]:
    grouped: dict[int, list[Contact]] = defaultdict(list)
    for c in found:
        grouped[c.account_id].append(c)
    return grouped


def who_to_call(session: Session, today: date, week_end: date) -> list[Contact]:
    """My week's "Who to call this week": contacts overdue, or turning amber by the week's end."""
    return [c for c in contacts(session, today)
            if c.state in (CadenceState.OVERDUE, CadenceState.DUE) or (c.due_on is not None and c.due_on <= week_end
                                                                        and c.state != CadenceState.NONE)]
