"""SQLModel tables. Every table has id, created_at and updated_at.

Enums are stored as their text values (non-native SQL enums: adding a value needs no migration).
Money is integer minor units plus an ISO 4217 code.
"""

from datetime import UTC, date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from sqlalchemy.orm import declared_attr

from csplanner.core.enums import (
    CheckInKind,
    ChurnReason,
    Confidence,
    ForecastOutcome,
    MilestoneStatus,
    NoteKind,
    ObstacleKind,
    Phase,
    RunType,
    Severity,
    SeasonOutcome,
    Stage,
    StakeholderRole,
    StakeholderStatus,
    StepOwner,
    Team,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


def enum_column(enum: type[StrEnum]) -> sa.Enum:
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


# Money in minor units reaches 10**15 (validate.money_minor): 64-bit. SQLite's INTEGER already is.
MONEY = sa.Integer().with_variant(sa.BigInteger(), "postgresql")


def account_fk() -> sa.Column:
    return sa.Column(
        sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False, index=True
    )


class Versioned(SQLModel):
    """A row people edit: `version` goes up by one with every committed change (core.versions
    bumps it), and every UPDATE/DELETE says WHERE version = the one read, so a write based on a
    stale read changes nothing. Who made the last change, and when (UTC), for the message."""

    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})
    changed_by: str = Field(default="", max_length=100, nullable=False, sa_column_kwargs={"server_default": ""})
    changed_at: datetime | None = None

    @declared_attr  # type: ignore[misc]
    def __mapper_args__(cls) -> dict:  # noqa: N805
        # generator False: core.versions sets the next value itself (once per unit of work)
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}  # type: ignore[attr-defined]


VERSION_FIELDS = ("version", "changed_by", "changed_at")


class Stamped(Versioned):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)


class Account(Stamped, table=True):
    name: str = Field(max_length=200, sa_column_kwargs={"unique": True}, nullable=False)
    # names.key(name): the Unicode case-folded name, unique (filled by the accounts service)
    name_key: str | None = Field(default=None, index=True, unique=True)
    segment: str = Field(default="", max_length=100)
    arr_minor: int = Field(default=0, sa_type=MONEY)
    currency: str = Field(default="USD", max_length=3)
    contract_signed: date | None = None
    kickoff: date | None = None
    renewal: date | None = Field(default=None, index=True)
    stage: Stage = Field(default=Stage.LAND, sa_type=enum_column(Stage), nullable=False)
    goal: str = ""
    success_criteria: str = ""
    regions: str = ""
    archived: bool = Field(default=False, nullable=False)
    # who looks after it (an OS/login user name); "" = nobody: shown as Unassigned
    owner: str = Field(default="", max_length=100, nullable=False, index=True,
                       sa_column_kwargs={"server_default": ""})


class Stakeholder(Stamped, table=True):
    account_id: int = Field(sa_column=account_fk())
    name: str = Field(max_length=200)
    title: str = ""
    role: StakeholderRole = Field(
        default=StakeholderRole.OTHER, sa_type=enum_column(StakeholderRole), nullable=False
    )
    email: str = ""
    location: str = ""
    status: StakeholderStatus = Field(
        default=StakeholderStatus.ACTIVE, sa_type=enum_column(StakeholderStatus), nullable=False
    )
    left_on: date | None = None
    # days between calls with this person; None: the role's cadence from the settings, 0: none
    cadence_days: int | None = None


class DiscoveryNote(Stamped, table=True):
    __tablename__ = "discovery_note"
    account_id: int = Field(sa_column=account_fk())
    noted_on: date
    kind: NoteKind = Field(default=NoteKind.OTHER, sa_type=enum_column(NoteKind), nullable=False)
    text: str = ""


class Milestone(Stamped, table=True):
    # the all-accounts calendar ranks and counts a block of weeks' runs from this index alone;
    # My week's overdue runs come from the planned ones alone (0010_open_runs_index)
    __table_args__ = (sa.Index("ix_milestone_calendar", "planned_on", "account_id", "status", "run_type"),
                      sa.Index("ix_milestone_planned", "planned_on", sqlite_where=sa.text("status = 'planned'"),
                               postgresql_where=sa.text("status = 'planned'")))
    account_id: int = Field(sa_column=account_fk())
    title: str = Field(max_length=200)
    planned_on: date = Field(index=True)
    done_on: date | None = Field(default=None, index=True)  # the week's load counts done runs on this day
    status: MilestoneStatus = Field(
        default=MilestoneStatus.PLANNED, sa_type=enum_column(MilestoneStatus), nullable=False
    )
    run_type: RunType = Field(default=RunType.MEDIUM, sa_type=enum_column(RunType), nullable=False)
    phase: Phase = Field(default=Phase.ADOPTION, sa_type=enum_column(Phase), nullable=False)
    team: Team = Field(default=Team.CSM, sa_type=enum_column(Team), nullable=False)
    outcome: str = ""  # what changed for the customer
    notes: str = ""
    # on the customer's copy of the plan; default by milestones.shared_by_default()
    shared_with_customer: bool = Field(default=True, nullable=False)


class Obstacle(Stamped, table=True):
    account_id: int = Field(sa_column=account_fk())
    kind: ObstacleKind = Field(
        default=ObstacleKind.OTHER, sa_type=enum_column(ObstacleKind), nullable=False
    )
    severity: Severity = Field(default=Severity.MEDIUM, sa_type=enum_column(Severity), nullable=False)
    title: str = Field(max_length=200)
    opened_on: date
    resolved_on: date | None = None
    mitigation: str = ""


class ObstacleMilestone(SQLModel, table=True):
    """An obstacle hurts these milestones."""

    __tablename__ = "obstacle_milestone"
    obstacle_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("obstacle.id", ondelete="CASCADE"), primary_key=True
        )
    )
    milestone_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("milestone.id", ondelete="CASCADE"), primary_key=True
        )
    )


class CheckIn(Stamped, table=True):
    __tablename__ = "check_in"
    account_id: int = Field(sa_column=account_fk())
    held_on: date = Field(index=True)
    kind: CheckInKind = Field(default=CheckInKind.CALL, sa_type=enum_column(CheckInKind), nullable=False)
    summary: str = ""
    next_steps: str = ""
    # -1, 0, +1; None: planned, not logged yet (no column default, so None is stored as NULL)
    sentiment: int | None = Field(default=0, sa_column_kwargs={"default": None})


class CheckInAttendee(SQLModel, table=True):
    """Who was at a check-in: it resets that stakeholder's contact cadence."""

    __tablename__ = "check_in_attendee"
    check_in_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("check_in.id", ondelete="CASCADE"), primary_key=True
        )
    )
    stakeholder_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("stakeholder.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )


class Setting(Versioned, table=True):
    """A setting the core needs (cadences, effort, hours a week), as JSON text under a key."""

    key: str = Field(primary_key=True, max_length=100)
    value: str = ""


class HealthSnapshot(SQLModel, table=True):
    """One health score per account per week, for the trend."""

    __tablename__ = "health_snapshot"
    account_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
        )
    )
    week_start: date = Field(primary_key=True)
    score: int
    created_at: datetime = Field(default_factory=utcnow, nullable=False)


class Season(Stamped, table=True):
    """One contract term: from its start to race day, and how it ended (None while running)."""

    account_id: int = Field(sa_column=account_fk())
    number: int = Field(default=1)  # 1 for the first term
    start: date | None = None
    race_day: date | None = None
    arr_start_minor: int = Field(default=0, sa_type=MONEY)
    arr_result_minor: int | None = Field(default=None, sa_type=MONEY)
    outcome: SeasonOutcome | None = Field(default=None, sa_type=enum_column(SeasonOutcome), nullable=True)
    result_on: date | None = None  # when the result was recorded
    reason: ChurnReason | None = Field(default=None, sa_type=enum_column(ChurnReason), nullable=True)
    reason_text: str = ""


class Forecast(Stamped, table=True):
    """A renewal forecast, taken at a checkpoint (T-26, T-13 weeks) or any time."""

    account_id: int = Field(sa_column=account_fk())
    season_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("season.id", ondelete="SET NULL"), nullable=True),
    )
    taken_on: date
    checkpoint_weeks: int | None = None  # 26 or 13 when taken for a checkpoint
    outcome: ForecastOutcome = Field(
        default=ForecastOutcome.RENEW, sa_type=enum_column(ForecastOutcome), nullable=False
    )
    arr_minor: int = Field(default=0, sa_type=MONEY)
    confidence: Confidence = Field(default=Confidence.MEDIUM, sa_type=enum_column(Confidence), nullable=False)
    risks: str = ""


class NextStep(Stamped, table=True):
    """Something agreed, usually in a check-in: who does it, by when, and whether it is done."""

    __tablename__ = "next_step"
    account_id: int = Field(sa_column=account_fk())
    # agreed in this check-in; deleting the check-in deletes what was agreed in it
    check_in_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("check_in.id", ondelete="CASCADE"), nullable=True),
    )
    text: str = Field(max_length=500)
    owner: StepOwner = Field(default=StepOwner.US, sa_type=enum_column(StepOwner), nullable=False)
    stakeholder_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("stakeholder.id", ondelete="SET NULL"), nullable=True),
    )
    due_on: date | None = None
    done_on: date | None = None


class Meta(SQLModel, table=True):
    """Facts about the database file itself, by key (e.g. "book_id": its identity, for calendar UIDs)."""

    key: str = Field(primary_key=True, max_length=64)
    value: str = ""


class ChangeCounter(SQLModel, table=True):
    """One row whose `n` goes up with every committed edit: other windows on the same book poll it
    (a cheap primary-key read) to know when to reload."""

    __tablename__ = "change_counter"
    id: int = Field(default=1, primary_key=True)
    n: int = Field(default=0, nullable=False)
