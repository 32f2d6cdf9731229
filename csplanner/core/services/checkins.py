"""Check-ins: calls, meetings, QBRs. A planned one (no sentiment yet) is completed when logged."""

import re

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from csplanner.core import validate as v
from csplanner.core.enums import CheckInKind, StepOwner
from csplanner.core.errors import DomainError
from csplanner.core.models import CheckIn, CheckInAttendee, NextStep, Stakeholder
from csplanner.core.services import children, next_steps, records

PLANNED_WINDOW_DAYS = 7  # logging a talk this close to a planned one completes it
STEP_DUE_DAYS = 7  # a next step with no due date given is due a week after the talk


def check(session: Session, f: dict[str, Any], _id: int | None, today: date | None = None) -> dict[str, Any]:
    f["account_id"] = children.account_id(session, f)
    f["held_on"] = v.a_date(f.get("held_on") or today, "held_on", required=True)
    f["kind"] = v.an_enum(f.get("kind") or CheckInKind.CALL, CheckInKind, "kind")
    f["summary"] = v.text(f.get("summary"), "summary")
    f["next_steps"] = v.text(f.get("next_steps"), "next_steps")
    sentiment = f.get("sentiment", 0)
    if sentiment is not None and (sentiment not in (-1, 0, 1) or isinstance(sentiment, bool)):
        raise DomainError("Sentiment must be -1 (negative), 0 (neutral) or +1 (positive).", "sentiment")
    f["sentiment"] = None if sentiment is None else int(sentiment)
    return f


def create(session: Session, *, today: date | None = None, **values: Any) -> CheckIn:
    """A check-in; each line of its next steps becomes a next-step item (ours, due in a week).
    `attendee_ids`: the stakeholders who were there."""
    attendee_ids = values.pop("attendee_ids", None)
    checkin = records.create(session, CheckIn, check, values, today)
    steps_from_text(session, checkin)
    if attendee_ids:
        set_attendees(session, checkin.id, attendee_ids)  # type: ignore[arg-type]
    return checkin


def attendees(session: Session, checkin_id: int) -> list[int]:
    """The stakeholders who were at this check-in."""
    q = select(CheckInAttendee.stakeholder_id).where(CheckInAttendee.check_in_id == checkin_id)
    return sorted(session.exec(q).all())


def set_attendees(session: Session, checkin_id: int, stakeholder_ids: list[int]) -> None:
    """Say exactly who was there (stakeholders of the check-in's own account)."""
    checkin = records.get(session, CheckIn, checkin_id)
    for sid in stakeholder_ids:
        person = session.get(Stakeholder, sid)
        if person is None or person.account_id != checkin.account_id:
            raise DomainError("Only the account's own stakeholders can attend its check-ins.", "attendees")
    for old in session.exec(select(CheckInAttendee).where(CheckInAttendee.check_in_id == checkin_id)).all():
        session.delete(old)
    session.flush()
    for sid in sorted(set(stakeholder_ids)):
        session.add(CheckInAttendee(check_in_id=checkin_id, stakeholder_id=sid))
    session.flush()


CUSTOMER_WORDS = ("customer", "client", "they", "them")
US_WORDS = ("us", "we", "me", "i", "csm")
BY_DATE = re.compile(r"\s*\(?\bby\s+(\d{4}-\d{2}-\d{2})\)?\s*\.?$", re.IGNORECASE)


def parse_step(session: Session, account_id: int, line: str) -> dict[str, Any] | None:
    """'Maria: send the SOW by 2026-12-04' -> owner Maria (a stakeholder of the account), due
    that day; 'Customer: …' -> the customer; no owner named -> us. None for an empty line."""
    text = line.strip().lstrip("-*•").strip()
    if not text:
        return None
    step: dict[str, Any] = {"text": text, "owner": StepOwner.US, "stakeholder_id": None, "due_on": None}
    head, sep, rest = text.partition(":")
    if sep and rest.strip() and len(head) <= 60:
        who = head.strip().lower()
        people = session.exec(select(Stakeholder.id, Stakeholder.name).where(Stakeholder.account_id == account_id))
        match = [pid for pid, name in people.all() if who in (name.lower(), name.lower().split()[0])]
        if who in CUSTOMER_WORDS:
            step.update(owner=StepOwner.CUSTOMER, text=rest.strip())
        elif who in US_WORDS:
            step.update(text=rest.strip())
        elif len(match) == 1:
            step.update(owner=StepOwner.STAKEHOLDER, stakeholder_id=match[0], text=rest.strip())
    found = BY_DATE.search(step["text"])
    if found:
        try:
            step["due_on"] = date.fromisoformat(found.group(1))
            step["text"] = step["text"][:found.start()].strip()
        except ValueError:
            pass  # not a real date: the words stay as typed
    step["text"] = step["text"][:1].upper() + step["text"][1:500]
    return step


def steps_from_text(session: Session, checkin: CheckIn) -> list[int]:
    """One open next step per non-empty line of the check-in's next-steps text (`parse_step`);
    without a date a step is due a week after the talk."""
    ids = []
    for line in checkin.next_steps.splitlines():
        step = parse_step(session, checkin.account_id, line)
        if step is None or not step["text"]:
            continue
        made = next_steps.create(session, account_id=checkin.account_id, check_in_id=checkin.id,
                                 **{**step, "due_on": step["due_on"] or checkin.held_on + timedelta(days=STEP_DUE_DAYS)})
        assert made.id is not None
        ids.append(made.id)
    return ids


def update(session: Session, checkin_id: int, *, today: date | None = None, **changes: Any) -> CheckIn:
    """Change fields; `attendee_ids` says who was there."""
    attendee_ids = changes.pop("attendee_ids", None)
    checkin = records.update(session, CheckIn, check, checkin_id, changes, today) if changes else \
        records.get(session, CheckIn, checkin_id)
    if attendee_ids is not None:
        set_attendees(session, checkin_id, list(attendee_ids))
    return checkin


def delete(session: Session, checkin_id: int) -> None:
    records.delete(session, CheckIn, checkin_id)


def for_account(session: Session, account_id: int) -> list[CheckIn]:
    return children.for_account(session, CheckIn, account_id, col(CheckIn.held_on).desc())


def plan(session: Session, **values: Any) -> CheckIn:
    """A check-in booked ahead: no sentiment until it is logged."""
    return create(session, **{**values, "sentiment": None})


def planned_near(session: Session, account_id: int, day: date) -> CheckIn | None:
    """The account's planned (not yet logged) check-in nearest `day`, within PLANNED_WINDOW_DAYS."""
    window = timedelta(days=PLANNED_WINDOW_DAYS)
    q = select(CheckIn).where(CheckIn.account_id == account_id, col(CheckIn.sentiment).is_(None),
                              CheckIn.held_on >= day - window, CheckIn.held_on <= day + window)
    found = sorted(session.exec(q).all(), key=lambda c: (abs((c.held_on - day).days), c.id))
    return found[0] if found else None


@dataclass
class Logged:
    """What `log` did, so it can be undone: the check-in, whether it completed a planned one
    (and that one's fields before), and the next steps it added."""

    checkin_id: int
    completed: bool
    before: dict[str, Any] | None
    step_ids: list[int] = field(default_factory=list)


def log(session: Session, today: date, *, account_id: int, planned_id: int | None = None,
        steps: list[dict[str, Any]] | None = None, **values: Any) -> Logged:
    """Log a check-in that happened. A planned one (the one named, or one within a week of the
    date) is completed instead of a second being added. Each step is {"text", "owner",
    "stakeholder_id", "due_on"}; without a due date a step is due a week after the talk."""
    held_on = v.a_date(values.get("held_on") or today, "held_on", required=True)
    assert held_on is not None
    if held_on > today:
        raise DomainError("A check-in is logged once it has happened: plan future ones instead.", "held_on")
    values = {**values, "held_on": held_on}
    if values.get("sentiment") is None:
        values["sentiment"] = 0
    planned = records.get(session, CheckIn, planned_id) if planned_id is not None else \
        planned_near(session, account_id, held_on)
    if planned is not None and (planned.account_id != account_id or planned.sentiment is not None):
        raise DomainError("That check-in is not a planned one of this account.")
    if planned is not None:
        assert planned.id is not None
        before = {**records.fields_of(planned), "attendee_ids": attendees(session, planned.id)}
        checkin = update(session, planned.id, **values)
        done = Logged(planned.id, True, before, steps_from_text(session, checkin) if values.get("next_steps") else [])
    else:
        checkin = create(session, account_id=account_id, **values)
        assert checkin.id is not None
        done = Logged(checkin.id, False, None)
    for step in steps or []:
        if not str(step.get("text") or "").strip():
            continue
        made = next_steps.create(
            session, account_id=account_id, check_in_id=checkin.id, text=step.get("text"),
            owner=step.get("owner") or StepOwner.US, stakeholder_id=step.get("stakeholder_id"),
            due_on=step.get("due_on") or held_on + timedelta(days=STEP_DUE_DAYS))
        assert made.id is not None
        done.step_ids.append(made.id)
    return done


def unlog(session: Session, done: Logged) -> None:
    """Undo `log`: the steps go, a completed planned check-in is planned again, a new one goes."""
    for sid in done.step_ids:
        step = session.get(NextStep, sid)
        if step is not None:
            session.delete(step)
    session.flush()
    if done.completed:
        assert done.before is not None
        update(session, done.checkin_id, **done.before)
    else:
        delete(session, done.checkin_id)
