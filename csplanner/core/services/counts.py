"""How many records hang off one record: what a delete takes with it, said before it happens."""

from sqlalchemy import func
from sqlmodel import Session, select

from csplanner.core.models import (
    CheckIn,
    DiscoveryNote,
    Forecast,
    Milestone,
    NextStep,
    Obstacle,
    ObstacleMilestone,
    Stakeholder,
)

# (model, singular, plural) in the order a person reads an account's page
ACCOUNT_CHILDREN = (
    (Stakeholder, "stakeholder", "stakeholders"),
    (DiscoveryNote, "discovery note", "discovery notes"),
    (Milestone, "milestone", "milestones"),
    (Obstacle, "obstacle", "obstacles"),
    (CheckIn, "check-in", "check-ins"),
    (NextStep, "next step", "next steps"),
    (Forecast, "forecast", "forecasts"),
)


def _count(session: Session, query: object) -> int:
    return int(session.exec(query).one())  # type: ignore[call-overload]


def account_children(session: Session, account_id: int) -> list[tuple[int, str]]:
    """[(count, noun)] for each kind of record the account has, e.g. [(4, "stakeholders")]."""
    # one statement of seven counts: each statement costs its first translation to SQL at start
    found = session.exec(select(*(  # type: ignore[call-overload]
        select(func.count()).select_from(model).where(model.account_id == account_id).scalar_subquery()
        for model, _one, _many in ACCOUNT_CHILDREN))).one()
    return [(n, one if n == 1 else many) for n, (_model, one, many) in zip(found, ACCOUNT_CHILDREN) if n]


def obstacle_links(session: Session, *, obstacle_id: int | None = None, milestone_id: int | None = None) -> int:
    """How many milestone-obstacle links one obstacle (or one milestone) has."""
    q = select(func.count()).select_from(ObstacleMilestone)
    if obstacle_id is not None:
        q = q.where(ObstacleMilestone.obstacle_id == obstacle_id)
    if milestone_id is not None:
        q = q.where(ObstacleMilestone.milestone_id == milestone_id)
    return _count(session, q)
