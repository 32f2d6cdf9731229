"""Everything an account plan shows, read in one session as plain data (read-model for the PDF).

Each `Plan…` row is one record of the plan, named after its table.
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from csplanner.core import calendar, health
from csplanner.core.calendar import AccountPlan
from csplanner.core.enums import (
    CheckInKind,
    MilestoneStatus,
    NoteKind,
    ObstacleKind,
    Phase,
    RunType,
    Severity,
    Stage,
    StakeholderRole,
    StakeholderStatus,
    Team,
)
from csplanner.core.services import (
    accounts,
    checkins,
    forecasts,
    milestones,
    next_steps,
    notes,
    obstacles,
    seasons,
    stakeholders,
)
from csplanner.core.services.forecasts import ForecastRow
from csplanner.core.services.seasons import SeasonRow

RECENT_CHECKINS = 8
UPCOMING_RUNS = 6
NEXT_STEP_CHECKINS = 3


@dataclass(frozen=True)
class PlanHealthPart:
    name: str
    score: int
    weight: float
    explanation: str


@dataclass(frozen=True)
class PlanHealth:
    score: int
    parts: tuple[PlanHealthPart, ...]
    weakest: str | None


@dataclass(frozen=True)
class PlanStakeholder:
    name: str
    title: str
    role: StakeholderRole
    email: str
    location: str
    left_on: date | None  # None while still with the customer


@dataclass(frozen=True)
class PlanNote:
    noted_on: date
    kind: NoteKind
    text: str


@dataclass(frozen=True)
class PlanMilestone:
    planned_on: date
    title: str
    run_type: RunType
    phase: Phase
    team: Team
    status: MilestoneStatus
    done_on: date | None
    outcome: str
    notes: str
    overdue: bool
    shared: bool = True  # on the customer's copy
    milestone_id: int | None = None


@dataclass(frozen=True)
class PlanNextStep:
    """An open next step: what, who (us, the customer, a named stakeholder), by when."""

    text: str
    owner: str
    due_on: date | None


@dataclass(frozen=True)
class PlanObstacle:
    opened_on: date
    resolved_on: date | None
    kind: ObstacleKind
    severity: Severity
    title: str
    mitigation: str
    hurts: tuple[str, ...]  # titles of the milestones it hurts


@dataclass(frozen=True)
class PlanCheckIn:
    held_on: date
    kind: CheckInKind
    summary: str
    next_steps: str
    sentiment: int | None  # None once removed for the customer


@dataclass(frozen=True)
class PlanData:
    """One account's plan. Internal-only parts are None (or empty) in the customer version."""

    name: str
    today: date
    contract_signed: date | None
    kickoff: date | None
    race_day: date | None
    countdown: str
    goal: str
    success_criteria: str
    calendar: AccountPlan
    people: tuple[PlanStakeholder, ...]
    runs: tuple[PlanMilestone, ...]
    next_steps: tuple[PlanCheckIn, ...]  # recent check-ins with next steps (summary kept internal)
    planned_talks: tuple[PlanCheckIn, ...]  # check-ins booked after today
    # internal only
    stage: Stage | None
    segment: str
    regions: str
    arr_minor: int | None
    currency: str
    health: PlanHealth | None
    notes: tuple[PlanNote, ...] | None
    obstacles: tuple[PlanObstacle, ...] | None
    checkins: tuple[PlanCheckIn, ...] | None
    seasons: tuple[SeasonRow, ...] | None = None  # internal: every season and how it ended
    forecast: ForecastRow | None = None  # internal: the running season's latest forecast
    steps: tuple[PlanNextStep, ...] = ()  # open next steps, soonest due first


def _health(session: Session, account_id: int, today: date) -> PlanHealth:
    h = health.account_health(session, account_id, today)
    parts = tuple(PlanHealthPart(p.name, round(p.score), float(p.weight), p.explanation) for p in h.parts)
    return PlanHealth(int(h.score), parts, h.weakest.name if h.parts else None)


def collect(session: Session, account_id: int, today: date, first_weekday: int = 0) -> PlanData:
    """Read the whole plan of one account (internal version: everything)."""
    account = accounts.get(session, account_id)
    plan = calendar.account_plan(session, account_id, today, first_weekday)
    ms = milestones.for_account(session, account_id)
    titles = {m.id: m.title for m in ms}
    runs = tuple(
        PlanMilestone(m.planned_on, m.title, m.run_type, m.phase, m.team, m.status, m.done_on, m.outcome, m.notes,
            m.status == MilestoneStatus.PLANNED and m.planned_on < today, m.shared_with_customer, m.id)
        for m in ms
    )
    people = tuple(
        PlanStakeholder(s.name, s.title, s.role, s.email, s.location,
               (s.left_on or today) if s.status == StakeholderStatus.LEFT else None)
        for s in stakeholders.for_account(session, account_id)
    )
    plan_obstacles = tuple(
        PlanObstacle(o.opened_on, o.resolved_on, o.kind, o.severity, o.title, o.mitigation,
               tuple(titles[i] for i in obstacles.linked_milestones(session, o.id) if i in titles))
        for o in obstacles.for_account(session, account_id)
    )
    all_talks = [PlanCheckIn(c.held_on, c.kind, c.summary, c.next_steps, c.sentiment)
                 for c in checkins.for_account(session, account_id)]  # newest first
    held = [t for t in all_talks if t.held_on <= today]
    planned = tuple(sorted((t for t in all_talks if t.held_on > today), key=lambda t: t.held_on))
    steps = tuple(t for t in held if t.next_steps.strip())[:NEXT_STEP_CHECKINS]
    return PlanData(
        name=account.name, today=today, contract_signed=account.contract_signed, kickoff=account.kickoff,
        race_day=account.renewal, countdown=plan.countdown(), goal=account.goal,
        success_criteria=account.success_criteria, calendar=plan, people=people, runs=runs,
        next_steps=steps, planned_talks=planned, stage=account.stage, segment=account.segment,
        regions=account.regions, arr_minor=account.arr_minor, currency=account.currency,
        health=_health(session, account_id, today),
        notes=tuple(PlanNote(n.noted_on, n.kind, n.text) for n in notes.for_account(session, account_id)),
        obstacles=plan_obstacles, checkins=tuple(held[:RECENT_CHECKINS]),
        seasons=tuple(seasons.history(session, account_id)), forecast=forecasts.latest(session, account_id),
        steps=tuple(PlanNextStep(r.text, r.owner_name, r.due_on)
                    for r in next_steps.rows(session, today, account_id=account_id, include_archived=True)),
    )


def upcoming_runs(data: PlanData) -> list[PlanMilestone]:
    """The next planned runs from today: what the customer and the CSM do next."""
    future = [r for r in data.runs if r.status == MilestoneStatus.PLANNED and r.planned_on >= data.today]
    return future[:UPCOMING_RUNS]
