"""Which service saves each record type: one lookup for the generic create / update / delete."""

from datetime import date
from types import ModuleType
from typing import Any

from sqlmodel import Session, SQLModel

from csplanner.core.changes import MODELS, RecordType
from csplanner.core.services import (
    accounts,
    checkins,
    forecasts,
    milestones,
    next_steps,
    notes,
    obstacles,
    records,
    stakeholders,
)

SERVICES: dict[RecordType, ModuleType] = {
    RecordType.ACCOUNT: accounts,
    RecordType.STAKEHOLDER: stakeholders,
    RecordType.DISCOVERY_NOTE: notes,
    RecordType.MILESTONE: milestones,
    RecordType.OBSTACLE: obstacles,
    RecordType.CHECK_IN: checkins,
    RecordType.FORECAST: forecasts,
    RecordType.NEXT_STEP: next_steps,
}  # seasons change only through seasons.record_result


def create(session: Session, record_type: RecordType, values: dict[str, Any], today: date) -> SQLModel:
    return SERVICES[record_type].create(session, today=today, **values)  # type: ignore[no-any-return]


def update(session: Session, record_type: RecordType, record_id: int, changes: dict[str, Any],
           today: date) -> SQLModel:
    return SERVICES[record_type].update(session, record_id, today=today, **changes)  # type: ignore[no-any-return]


def delete(session: Session, record_type: RecordType, record_id: int) -> None:
    SERVICES[record_type].delete(session, record_id)


# fields a dialog edits that live in a link table, not on the record: how to read them
LINKS = {
    (RecordType.OBSTACLE, "milestone_ids"): obstacles.linked_milestones,
    (RecordType.CHECK_IN, "attendee_ids"): checkins.attendees,
}


def current(session: Session, record_type: RecordType, record_id: int, fields: tuple[str, ...]) -> dict[str, Any]:
    """The values of these fields now (link fields included), for undo to put back."""
    obj = get(session, record_type, record_id)
    return {k: LINKS[(record_type, k)](session, record_id) if (record_type, k) in LINKS else getattr(obj, k)
            for k in fields}


def get(session: Session, record_type: RecordType, record_id: int) -> SQLModel:
    return records.get(session, MODELS[record_type], record_id)  # type: ignore[type-var]
