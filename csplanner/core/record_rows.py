"""One account's records as plain typed rows, for the record tables (read-model, like core/week.py).

Values stay native (dates, enums, ints): the ui formats them and sorts on them.
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from csplanner.core import cadence
from csplanner.core.changes import RecordType
from csplanner.core.enums import (
    CheckInKind,
    MilestoneStatus,
    NoteKind,
    ObstacleKind,
    Phase,
    RunType,
    Severity,
    StakeholderRole,
    StakeholderStatus,
    Team,
)
from csplanner.core.services import checkins, milestones, notes, obstacles, stakeholders


@dataclass(frozen=True, slots=True)
class StakeholderRow:
    id: int
    name: str
    title: str
    role: StakeholderRole
    email: str
    location: str
    status: StakeholderStatus
    left_on: date | None
    contact: cadence.Contact | None = None  # their call cadence; None when they have left
    own_cadence: bool = False  # a cadence set for this person, not their role's


@dataclass(frozen=True, slots=True)
class NoteRow:
    id: int
    noted_on: date
    kind: NoteKind
    text: str


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    id: int
    planned_on: date
    title: str
    run_type: RunType
    phase: Phase
    status: MilestoneStatus
    done_on: date | None
    team: Team
    outcome: str
    notes: str
    overdue: bool  # still planned, its day has passed

    @property
    def upcoming(self) -> bool:
        """Still planned: what the plan does next (or should have done)."""
        return self.status == MilestoneStatus.PLANNED


@dataclass(frozen=True, slots=True)
class ObstacleRow:
    id: int
    opened_on: date
    title: str
    kind: ObstacleKind
    severity: Severity
    resolved_on: date | None
    mitigation: str


@dataclass(frozen=True, slots=True)
class CheckInRow:
    id: int
    held_on: date
    kind: CheckInKind
    sentiment: int | None  # -1, 0, +1; None until a planned check-in is held
    summary: str
    next_steps: str
    planned: bool  # dated after today


RecordRow = StakeholderRow | NoteRow | MilestoneRow | ObstacleRow | CheckInRow


def stakeholder_rows(session: Session, account_id: int, today: date) -> list[StakeholderRow]:
    found = {c.stakeholder_id: c for c in cadence.contacts(session, today, [account_id])}
    return [StakeholderRow(p.id, p.name, p.title, StakeholderRole(p.role), p.email, p.location,
                           StakeholderStatus(p.status), p.left_on, found.get(p.id), p.cadence_days is not None)
            for p in stakeholders.for_account(session, account_id)]


def note_rows(session: Session, account_id: int, today: date) -> list[NoteRow]:
    return [NoteRow(n.id, n.noted_on, NoteKind(n.kind), n.text) for n in notes.for_account(session, account_id)]


def milestone_rows(session: Session, account_id: int, today: date) -> list[MilestoneRow]:
    return [MilestoneRow(m.id, m.planned_on, m.title, RunType(m.run_type), Phase(m.phase), MilestoneStatus(m.status),
                         m.done_on, Team(m.team), m.outcome, m.notes,
                         m.status == MilestoneStatus.PLANNED and m.planned_on < today)
            for m in milestones.for_account(session, account_id)]


def obstacle_rows(session: Session, account_id: int, today: date) -> list[ObstacleRow]:
    return [ObstacleRow(o.id, o.opened_on, o.title, ObstacleKind(o.kind), Severity(o.severity), o.resolved_on,
                        o.mitigation)
            for o in obstacles.for_account(session, account_id)]


def checkin_rows(session: Session, account_id: int, today: date) -> list[CheckInRow]:
    return [CheckInRow(c.id, c.held_on, CheckInKind(c.kind), c.sentiment, c.summary, c.next_steps, c.held_on > today)
            for c in checkins.for_account(session, account_id)]


LOADERS = {
    RecordType.STAKEHOLDER: stakeholder_rows,
    RecordType.DISCOVERY_NOTE: note_rows,
    RecordType.MILESTONE: milestone_rows,
    RecordType.OBSTACLE: obstacle_rows,
    RecordType.CHECK_IN: checkin_rows,
}


def rows(session: Session, record_type: RecordType, account_id: int, today: date) -> list[RecordRow]:
    """The rows of one record table of one account, in the services' order."""
    return list(LOADERS[record_type](session, account_id, today))  # type: ignore[operator]
