"""Next steps: what was agreed, who does it (us, the customer, a named stakeholder) and by when."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from csplanner.core import validate as v
from csplanner.core.enums import StakeholderStatus, StepOwner
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, NextStep, Stakeholder
from csplanner.core.present import value_label as label
from csplanner.core.services import children, records


def check(session: Session, f: dict[str, Any], _id: int | None, today: date | None = None) -> dict[str, Any]:
    f["account_id"] = children.account_id(session, f)
    f["text"] = v.text(f.get("text"), "text", required=True, max_len=500)
    f["owner"] = v.an_enum(f.get("owner") or StepOwner.US, StepOwner, "owner")
    sid = f.get("stakeholder_id")
    if f["owner"] == StepOwner.STAKEHOLDER:
        person = session.get(Stakeholder, sid) if v.is_id(sid) else None
        if person is None or person.account_id != f["account_id"]:
            raise DomainError("Name the stakeholder who owns this step (one of this account's people).",
                              "stakeholder_id")
    else:
        f["stakeholder_id"] = None
    f["due_on"] = v.a_date(f.get("due_on"), "due_on")
    f["done_on"] = v.a_date(f.get("done_on"), "done_on")
    return f


def create(session: Session, *, today: date | None = None, **values: Any) -> NextStep:
    return records.create(session, NextStep, check, values, today)


def update(session: Session, step_id: int, *, today: date | None = None, **changes: Any) -> NextStep:
    return records.update(session, NextStep, check, step_id, changes, today)


def delete(session: Session, step_id: int) -> None:
    records.delete(session, NextStep, step_id)


def complete(session: Session, step_id: int, today: date) -> NextStep:
    return update(session, step_id, done_on=today)


def reopen(session: Session, step_id: int) -> NextStep:
    return update(session, step_id, done_on=None)


@dataclass(frozen=True, slots=True)
class StepRow:
    id: int
    account_id: int
    account_name: str
    text: str
    owner: StepOwner
    owner_name: str  # "Us", "The customer", or the stakeholder's name
    due_on: date | None
    done_on: date | None
    check_in_id: int | None
    overdue: bool  # open and its due date is before today


def rows(session: Session, today: date, *, account_id: int | None = None, open_only: bool = True,
         include_archived: bool = False) -> list[StepRow]:
    """Next steps, open ones by due date (undated last); for one account or all active ones."""
    q = select(NextStep, Account.name, Stakeholder.name, Stakeholder.status).join(
        Account, col(Account.id) == NextStep.account_id).outerjoin(
        Stakeholder, col(Stakeholder.id) == NextStep.stakeholder_id)
    if account_id is not None:
        q = q.where(NextStep.account_id == account_id)
    if open_only:
        q = q.where(col(NextStep.done_on).is_(None))
    if not include_archived:
        q = q.where(col(Account.archived).is_(False))
    q = q.order_by(col(NextStep.done_on).is_not(None), col(NextStep.due_on).is_(None), NextStep.due_on,
                   NextStep.id)
    out = []
    for step, account_name, person, status in session.exec(q).all():
        assert step.id is not None
        owner = StepOwner(step.owner)
        name = person if owner == StepOwner.STAKEHOLDER and person else label(owner)
        if owner == StepOwner.STAKEHOLDER and status == StakeholderStatus.LEFT:
            name += " (left)"
        out.append(StepRow(step.id, step.account_id, account_name, step.text, owner, name, step.due_on,
                           step.done_on, step.check_in_id, step.done_on is None and step.due_on is not None
                           and step.due_on < today))
    return out
