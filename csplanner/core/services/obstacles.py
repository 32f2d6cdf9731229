"""Obstacles: injuries and bad weather on the way to race day."""

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from csplanner.core import validate as v
from csplanner.core.enums import ObstacleKind, Severity
from csplanner.core.errors import DomainError
from csplanner.core.models import Milestone, Obstacle, ObstacleMilestone
from csplanner.core.services import children, records


def check(session: Session, f: dict[str, Any], _id: int | None, today: date | None = None) -> dict[str, Any]:
    f["account_id"] = children.account_id(session, f)
    f["kind"] = v.an_enum(f.get("kind") or ObstacleKind.OTHER, ObstacleKind, "kind")
    f["severity"] = v.an_enum(f.get("severity") or Severity.MEDIUM, Severity, "severity")
    f["title"] = v.text(f.get("title"), "title", required=True, max_len=200)
    f["opened_on"] = v.a_date(f.get("opened_on"), "opened_on", required=True)
    f["resolved_on"] = v.a_date(f.get("resolved_on"), "resolved_on")
    v.not_before(f["resolved_on"], f["opened_on"], "resolved_on", "opened_on")
    f["mitigation"] = v.text(f.get("mitigation"), "mitigation")
    return f


def create(session: Session, milestone_ids: list[int] | None = None, *, today: date | None = None, **values: Any) -> Obstacle:
    """A new obstacle, hurting `milestone_ids` (runs of its account)."""
    obstacle = records.create(session, Obstacle, check, values, today)
    if milestone_ids:
        link(session, obstacle.id, milestone_ids)
    return obstacle


def update(session: Session, obstacle_id: int, *, today: date | None = None, **changes: Any) -> Obstacle:
    """Change fields; `milestone_ids` sets the runs it hurts."""
    milestone_ids = changes.pop("milestone_ids", None)
    obstacle = records.update(session, Obstacle, check, obstacle_id, changes, today) if changes else \
        records.get(session, Obstacle, obstacle_id)
    if milestone_ids is not None:
        link(session, obstacle_id, list(milestone_ids))
    return obstacle


def delete(session: Session, obstacle_id: int) -> None:
    records.delete(session, Obstacle, obstacle_id)


def for_account(session: Session, account_id: int) -> list[Obstacle]:
    return children.for_account(session, Obstacle, account_id, col(Obstacle.opened_on).desc())


def linked_milestones(session: Session, obstacle_id: int) -> list[int]:
    q = select(ObstacleMilestone.milestone_id).where(ObstacleMilestone.obstacle_id == obstacle_id)
    return sorted(session.exec(q).all())


def link(session: Session, obstacle_id: int, milestone_ids: list[int]) -> None:
    """Set exactly which milestones this obstacle hurts (same account only)."""
    obstacle = records.get(session, Obstacle, obstacle_id)
    if not isinstance(milestone_ids, (list, tuple, set, frozenset)):
        raise DomainError("Choose the milestones this obstacle hurts.", "milestones")
    for mid in milestone_ids:
        m = session.get(Milestone, v.an_id(mid, "milestones"))
        if m is None or m.account_id != obstacle.account_id:
            raise DomainError("An obstacle can only hurt milestones of its own account.", "milestones")
    for old in session.exec(select(ObstacleMilestone).where(ObstacleMilestone.obstacle_id == obstacle_id)).all():
        session.delete(old)
    session.flush()
    for mid in sorted(set(milestone_ids)):
        session.add(ObstacleMilestone(obstacle_id=obstacle_id, milestone_id=mid))
    session.flush()
