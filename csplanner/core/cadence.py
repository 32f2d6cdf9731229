"""Contact cadences: how long since we last spoke with each stakeholder, against their role's rhythm.

The rule (the README says the same): the clock starts at the last check-in the person attended
(never met: at the contract's signing, else they are overdue). At the cadence the contact turns
amber ("call due"), at 1.5 × the cadence red ("overdue"): with a 14-day cadence, day 13 is ok,
day 14 amber, day 21 red; with 21 days, day 31 amber, day 32 red (1.5 × 21 = 31.5, reached on 32).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
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


def contacts(session: Session, today: date, account_ids: Sequence[int] | None = None, *,
             live_only: bool = False, owner: str | None = None) -> list[Contact]:
    """Every active stakeholder's cadence (accounts not archived, or just these), most overdue first.
    `live_only`: of these accounts, only those not archived (what `merged` needs after an edit).
    `owner`: only on that person's accounts and the unassigned ones."""
    prefs = coach_settings.load(session)
    # plain column rows: 17 000 ORM objects for a 5000-account book took seconds
    q = select(Stakeholder.id, Stakeholder.account_id, Account.name, Stakeholder.name, Stakeholder.role,
               Stakeholder.cadence_days, Account.contract_signed).join(
        Account, col(Account.id) == Stakeholder.account_id).where(Stakeholder.status == StakeholderStatus.ACTIVE)
    if account_ids is None or live_only:
        q = q.where(col(Account.archived).is_(False))
    if account_ids is not None:
        q = q.where(col(Stakeholder.account_id).in_(list(account_ids)))
    if owner is not None:
        q = q.where(col(Account.owner).in_((owner, "")))
    rows = session.exec(q).all()
    met = last_met(session, today, None if account_ids is None else [r[0] for r in rows])
    out = []
    for sid, aid, account_name, name, role, own, signed in rows:
        cadence = prefs.cadence_for(role, own)
        last = met.get(sid)
        since = last if last is not None else signed
        days = None if since is None else max(0, (today - since).days)
        out.append(Contact(sid, aid, account_name, name, StakeholderRole(role), cadence, last, days,
                           state(days, cadence), due_on(since, cadence)))
    return sorted(out, key=contact_order)


def contact_order(c: Contact) -> tuple:
    """Most overdue first, then who turns amber soonest (total: ids last, so merged lists sort alike)."""
    return (_RANK[c.state], c.due_on or date.min, c.account_name, c.name, c.stakeholder_id)


_RANK = {CadenceState.OVERDUE: 0, CadenceState.DUE: 1, CadenceState.OK: 2, CadenceState.NONE: 3}


def merged(found: Sequence[Contact], part: Sequence[Contact], account_ids: Iterable[int]) -> list[Contact]:
    """`found` with the contacts of `account_ids` replaced by `part` (read for those accounts alone)."""
    ids = set(account_ids)
    return sorted([c for c in found if c.account_id not in ids] + list(part), key=contact_order)


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
    return to_call(contacts(session, today), week_end)


def to_call(found: Sequence[Contact], week_end: date) -> list[Contact]:
    """Of these contacts, those overdue or due, or turning amber by `week_end`."""
    return [c for c in found
            if c.state in (CadenceState.OVERDUE, CadenceState.DUE) or (c.due_on is not None and c.due_on <= week_end
                                                                        and c.state != CadenceState.NONE)]
