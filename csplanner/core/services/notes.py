"""Discovery notes: what they want, what they tried, what success looks like, blockers, real need."""

from datetime import date
from typing import Any

from sqlmodel import Session, col

from csplanner.core import validate as v
from csplanner.core.enums import NoteKind
from csplanner.core.models import DiscoveryNote
from csplanner.core.services import children, records


def check(session: Session, f: dict[str, Any], _id: int | None, today: date | None = None) -> dict[str, Any]:
    f["account_id"] = children.account_id(session, f)
    f["noted_on"] = v.a_date(f.get("noted_on") or today, "noted_on", required=True)
    f["kind"] = v.an_enum(f.get("kind") or NoteKind.OTHER, NoteKind, "kind")
    f["text"] = v.text(f.get("text"), "text", required=True)
    return f


def create(session: Session, *, today: date | None = None, **values: Any) -> DiscoveryNote:
    return records.create(session, DiscoveryNote, check, values, today)


def update(session: Session, note_id: int, *, today: date | None = None, **changes: Any) -> DiscoveryNote:
    return records.update(session, DiscoveryNote, check, note_id, changes, today)


def delete(session: Session, note_id: int) -> None:
    records.delete(session, DiscoveryNote, note_id)


def for_account(session: Session, account_id: int) -> list[DiscoveryNote]:
    return children.for_account(session, DiscoveryNote, account_id, col(DiscoveryNote.noted_on).desc())
