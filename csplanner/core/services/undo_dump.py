"""A record with everything that hangs off it, as plain data: what undoing a delete puts back.

(Not to be confused with the weekly health scores, `HealthSnapshot`.)
"""

from typing import Any

from sqlmodel import Session, SQLModel, col, select

from csplanner.core.models import (
    Account,
    CheckIn,
    CheckInAttendee,
    DiscoveryNote,
    Forecast,
    HealthSnapshot,
    Milestone,
    NextStep,
    Obstacle,
    ObstacleMilestone,
    Season,
    Stakeholder,
)

# parents before the rows that point at them (seasons before forecasts, check-ins before next steps)
CHILDREN: tuple[type[SQLModel], ...] = (
    Stakeholder, DiscoveryNote, Milestone, Obstacle, CheckIn, HealthSnapshot, Season, Forecast, NextStep,
)
TABLES: dict[str, type[SQLModel]] = {
    m.__name__: m for m in (Account, *CHILDREN, ObstacleMilestone, CheckInAttendee)
}


def _dump(obj: SQLModel) -> dict[str, Any]:
    return {"table": type(obj).__name__, "fields": obj.model_dump()}


def dump(session: Session, model: type[SQLModel], record_id: int) -> list[dict[str, Any]]:
    """The record, its children (for an account) and its obstacle links, parents first."""
    obj = session.get(model, record_id)
    if obj is None:
        return []
    out = [_dump(obj)]
    links = select(ObstacleMilestone)
    if model is Account:
        for child in CHILDREN:
            out += [_dump(c) for c in session.exec(select(child).where(child.account_id == record_id)).all()]
        obstacle_ids = select(Obstacle.id).where(Obstacle.account_id == record_id)
        links = links.where(col(ObstacleMilestone.obstacle_id).in_(obstacle_ids))
    elif model is CheckIn:  # the next steps agreed in it and who was there go (and come back) with it
        out += [_dump(st) for st in session.exec(select(NextStep).where(NextStep.check_in_id == record_id)).all()]
        return out + [_dump(a) for a in session.exec(
            select(CheckInAttendee).where(CheckInAttendee.check_in_id == record_id)).all()]
    elif model is Stakeholder:
        return out + [_dump(a) for a in session.exec(
            select(CheckInAttendee).where(CheckInAttendee.stakeholder_id == record_id)).all()]
    elif model is Milestone:
        links = links.where(ObstacleMilestone.milestone_id == record_id)
    elif model is Obstacle:
        links = links.where(ObstacleMilestone.obstacle_id == record_id)
    else:
        return out
    out += [_dump(link) for link in session.exec(links).all()]
    if model is Account:
        people = select(Stakeholder.id).where(Stakeholder.account_id == record_id)
        out += [_dump(a) for a in session.exec(
            select(CheckInAttendee).where(col(CheckInAttendee.stakeholder_id).in_(people))).all()]
    return out


def restore(session: Session, rows: list[dict[str, Any]]) -> None:
    """Put back what `dump` took, with the same ids, so other undo steps still find them."""
    for row in rows:
        model = TABLES[row["table"]]
        session.add(model.model_validate(row["fields"]))
        session.flush()


def models_in(rows: list[dict[str, Any]]) -> list[type[SQLModel]]:
    """The tables a dump holds rows of (what deleting or restoring it touches)."""
    return list(dict.fromkeys(TABLES[row["table"]] for row in rows))
