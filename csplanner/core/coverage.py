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
from datetime import date, timedelta

from sqlmodel import Session, col, select

from csplanner.core import cadence
from csplanner.core import settings as coach_settings
from csplanner.core.enums import StakeholderRole, StakeholderStatus
from csplanner.core.models import Stakeholder
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
    """Coverage figures of these accounts as of `today` (who had left by then, who had been met)."""
    if not account_ids:
        return {}
    prefs = coach_settings.load(session)
    q = select(Stakeholder.id, Stakeholder.account_id, Stakeholder.role, Stakeholder.status, Stakeholder.left_on,
               Stakeholder.cadence_days)
    if len(account_ids) <= 5000:
        q = q.where(col(Stakeholder.account_id).in_(list(account_ids)))
    met = cadence.last_met(session, today)
    # per account: active, sponsors, champion left on, due, overdue (plain lists: 17 000 people)
    found: dict[int, list] = defaultdict(lambda: [0, 0, None, 0, 0])
    recent = today - timedelta(days=CHAMPION_LEFT_DAYS)
    cadence_of: dict[tuple[str, int | None], int | None] = {}
    for sid, aid, role, status, left_on, own in session.connection().execute(q).all():
        if aid not in signed:
            continue
        f = found[aid]
        left_on = left_on if left_on is None or isinstance(left_on, date) else date.fromisoformat(str(left_on))
        if status == StakeholderStatus.LEFT and (left_on is None or left_on <= today):
            if role == StakeholderRole.CHAMPION and left_on is not None and recent <= left_on:
                f[2] = max(left_on, f[2] or left_on)
            continue
        key = (role, own)
        if key not in cadence_of:
            cadence_of[key] = prefs.cadence_for(role, own)
        since = met.get(sid) or signed.get(aid)
        st = cadence.state(None if since is None else max(0, (today - since).days), cadence_of[key])
        f[0] += 1
        f[1] += role == StakeholderRole.EXEC_SPONSOR
        f[3] += st == cadence.CadenceState.DUE
        f[4] += st == cadence.CadenceState.OVERDUE
    return {aid: Coverage(*f) for aid, f in found.items()}
