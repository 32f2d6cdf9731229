"""What a calendar app gets: runs, race days and planned check-ins as all-day events.

A read-model for the ICS export (and anything else that lists dated events): plain rows, each
with a key that stays the same across exports (kind and record id), so the exporter can turn
it into a UID that lets a calendar app update an event instead of duplicating it.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from csplanner.core.book import book_id
from csplanner.core.db import Database
from csplanner.core.models import Account, CheckIn, Milestone
from csplanner.core.present.labels import value_label as label


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    key: str  # "milestone-42", "race-7", "check_in-9": stable for the record
    day: date
    title: str  # "Harbor Energy · SSO rollout"
    description: str
    category: str  # the status for a run; "Race day", "Check-in" otherwise
    account_id: int
    modified: datetime


def _within(day: date | None, start: date | None, end: date | None) -> bool:
    return day is not None and (start is None or day >= start) and (end is None or day <= end)


def calendar_events(session: Session, *, today: date, account_id: int | None = None,
                    start: date | None = None, end: date | None = None) -> list[CalendarEvent]:
    """Every run, race day and planned check-in (today or later) of live accounts, by day.

    `account_id` keeps one account (archived or not); `start`/`end` keep days between them, inclusive.
    """
    q = select(Account.id, Account.name, Account.renewal, Account.updated_at)
    q = q.where(Account.id == account_id) if account_id is not None else q.where(col(Account.archived).is_(False))
    names: dict[int, str] = {}
    events: list[CalendarEvent] = []
    for a_id, name, renewal, modified in session.exec(q).all():
        names[a_id] = name
        if _within(renewal, start, end):
            events.append(CalendarEvent(f"race-{a_id}", renewal, f"{name} · Race day (renewal)",
                                        "Race day: the renewal date.", "Race day", a_id, modified))
    for m in session.exec(select(Milestone).where(col(Milestone.account_id).in_(list(names)))).all():
        if not _within(m.planned_on, start, end):
            continue
        lines = [f"Run type: {label(m.run_type)}", f"Phase: {label(m.phase)}", f"Status: {label(m.status)}"]
        if m.outcome:
            lines.append(f"Outcome: {m.outcome}")
        events.append(CalendarEvent(f"milestone-{m.id}", m.planned_on, f"{names[m.account_id]} · {m.title}",
                                    "\n".join(lines), label(m.status), m.account_id, m.updated_at))
    planned = select(CheckIn).where(col(CheckIn.account_id).in_(list(names)), col(CheckIn.held_on) >= today)
    for c in session.exec(planned).all():
        if not _within(c.held_on, start, end):
            continue
        lines = [f"{label(c.kind)} (planned check-in)"] + [t for t in (c.summary, c.next_steps) if t]
        events.append(CalendarEvent(f"check_in-{c.id}", c.held_on, f"{names[c.account_id]} · {label(c.kind)}",
                                    "\n".join(lines), "Check-in", c.account_id, c.updated_at))
    events.sort(key=lambda e: (e.day, e.title, e.key))
    return events


@dataclass(frozen=True, slots=True)
class CalendarExport:
    events: list[CalendarEvent]
    book_id: str  # the database's identity, part of every UID
    name: str  # "csplanner" or "csplanner · Harbor Energy"


def calendar_export(db: Database, *, today: date, account_id: int | None = None, start: date | None = None,
                    end: date | None = None) -> CalendarExport:
    """What the ICS file holds, read in one short unit of work."""
    with db.session() as session:
        events = calendar_events(session, today=today, account_id=account_id, start=start, end=end)
        account = session.get(Account, account_id) if account_id is not None else None
        return CalendarExport(events, book_id(session), f"csplanner · {account.name}" if account else "csplanner")
