"""Check-ins: calls, meetings, QBRs; a future date means one is planned."""

from datetime import date
from typing import Any

from sqlmodel import Session, col

from csplanner.core import validate as v
from csplanner.core.enums import CheckInKind
from csplanner.core.errors import DomainError
from csplanner.core.models import CheckIn
from csplanner.core.services import children, records


def check(session: Session, f: dict[str, Any], _id: int | None, today: date | None = None) -> dict[str, Any]:
    f["account_id"] = children.account_id(session, f)
    f["held_on"] = v.a_date(f.get("held_on") or today, "held_on", required=True)
    f["kind"] = v.an_enum(f.get("kind") or CheckInKind.CALL, CheckInKind, "kind")
    f["summary"] = v.text(f.get("summary"), "summary")
    f["next_steps"] = v.text(f.get("next_steps"), "next_steps")
    sentiment = f.get("sentiment", 0)
    if sentiment not in (-1, 0, 1) or isinstance(sentiment, bool):
        raise DomainError("Sentiment must be -1 (negative), 0 (neutral) or +1 (positive).", "sentiment")
    f["sentiment"] = int(sentiment)
    return f


def create(session: Session, *, today: date | None = None, **values: Any) -> CheckIn:
    return records.create(session, CheckIn, check, values, today)


def update(session: Session, checkin_id: int, *, today: date | None = None, **changes: Any) -> CheckIn:
    return records.update(session, CheckIn, check, checkin_id, changes, today)


def delete(session: Session, checkin_id: int) -> None:
    records.delete(session, CheckIn, checkin_id)


def for_account(session: Session, account_id: int) -> list[CheckIn]:
    return children.for_account(session, CheckIn, account_id, col(CheckIn.held_on).desc())
