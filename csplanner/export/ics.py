"""The plan as an iCalendar file for Outlook, Google Calendar or Apple Calendar (icalendar library).

UIDs are the record's key plus the database's own identity, so importing a newer export
updates the events instead of adding them twice. Written atomically, like the PDFs.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from csplanner.core import files
from csplanner.core.calendar_events import CalendarEvent, calendar_export
from csplanner.core.db import Database

PRODID = "-//csplanner//csplanner//EN"


@dataclass(frozen=True)
class IcsResult:
    path: Path
    events: int


def uid(event: CalendarEvent, book: str) -> str:
    return f"{event.key}@{book}.csplanner"


def build_calendar(events: list[CalendarEvent], book: str, *, now: datetime, name: str = "csplanner") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for e in events:
        ev = Event()
        ev.add("uid", uid(e, book))
        ev.add("dtstamp", now)
        ev.add("dtstart", e.day)  # a date: an all-day event
        ev.add("dtend", e.day + timedelta(days=1))
        ev.add("summary", e.title)
        ev.add("description", e.description)
        ev.add("categories", [e.category])
        ev.add("last-modified", e.modified if e.modified.tzinfo else e.modified.replace(tzinfo=UTC))
        ev.add("transp", "TRANSPARENT")  # a plan marker, not a busy meeting
        cal.add_component(ev)
    return cal


def export_ics(db: Database, out: Path | str, *, today: date, now: datetime, account_id: int | None = None,
               start: date | None = None, end: date | None = None) -> IcsResult:
    """Write the events (one account's or every live account's, between start and end) to `out`."""
    out = Path(out).expanduser().absolute()
    found = calendar_export(db, today=today, account_id=account_id, start=start, end=end)
    data = build_calendar(found.events, found.book_id, now=now, name=found.name).to_ical()
    files.write_atomic(out, data, protect=db.path)
    return IcsResult(out, len(found.events))
