"""What an edit touched, decided once here so screens check fields, never table names.

    change = changes.touched(Milestone, account_ids={3})
    if change.health: ...          # a health score may have moved
    if RecordType.MILESTONE in change.records: ...
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import SQLModel

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


class RecordType(StrEnum):
    """The kinds of record a user adds, edits and deletes; the value is the table's name."""

    ACCOUNT = "account"
    STAKEHOLDER = "stakeholder"
    DISCOVERY_NOTE = "discovery_note"
    MILESTONE = "milestone"
    OBSTACLE = "obstacle"
    CHECK_IN = "check_in"
    SEASON = "season"
    FORECAST = "forecast"
    NEXT_STEP = "next_step"


MODELS: dict[RecordType, type[SQLModel]] = {
    RecordType.ACCOUNT: Account,
    RecordType.STAKEHOLDER: Stakeholder,
    RecordType.DISCOVERY_NOTE: DiscoveryNote,
    RecordType.MILESTONE: Milestone,
    RecordType.OBSTACLE: Obstacle,
    RecordType.CHECK_IN: CheckIn,
    RecordType.SEASON: Season,
    RecordType.FORECAST: Forecast,
    RecordType.NEXT_STEP: NextStep,
}
# an obstacle's links to milestones are part of the obstacle (and of the milestones it hurts)
_LINKED = {ObstacleMilestone: (RecordType.OBSTACLE, RecordType.MILESTONE),
           CheckInAttendee: (RecordType.CHECK_IN, RecordType.STAKEHOLDER)}
# the tables that move a health score: the account's dates, runs, obstacles, check-ins
_HEALTH = frozenset({RecordType.ACCOUNT, RecordType.MILESTONE, RecordType.OBSTACLE, RecordType.CHECK_IN,
                     RecordType.STAKEHOLDER})  # stakeholders: relationship coverage
# what the calendars draw: runs as chips, obstacles as bars, the account's dates and name, seasons
_CALENDAR = frozenset({RecordType.ACCOUNT, RecordType.MILESTONE, RecordType.OBSTACLE, RecordType.SEASON})
# what the accounts list shows: the account's own row, and a race day still waiting for its result
_LIST = frozenset({RecordType.ACCOUNT, RecordType.SEASON})


@dataclass(frozen=True)
class Change:
    """One edit's reach. Empty `account_ids` with a true flag means: any account may be affected."""

    account_ids: frozenset[int] = frozenset()
    records: frozenset[RecordType] = frozenset()  # whose rows changed (the record tables, the dialogs)
    accounts_list: bool = False  # a row of the accounts list: name, stage, ARR, race day, archived, added/gone
    health: bool = False  # an account's health score may have moved
    calendar: bool = False  # chips, bars or race days on a calendar
    trend: bool = False  # stored weekly health scores were written

    @property
    def trend_only(self) -> bool:
        """Only stored weekly scores were written (the start's backfill): only trend charts redraw."""
        return self.trend and not (self.records or self.accounts_list or self.health or self.calendar)

    def concerns(self, account_id: int | None) -> bool:
        """Did the edit touch this account (or possibly any)?"""
        return account_id is not None and (not self.account_ids or account_id in self.account_ids)

    def __or__(self, other: "Change") -> "Change":
        return Change(self.account_ids | other.account_ids, self.records | other.records,
                      self.accounts_list or other.accounts_list, self.health or other.health,
                      self.calendar or other.calendar, self.trend or other.trend)


def record_type(model: type[SQLModel]) -> RecordType:
    return next(t for t, m in MODELS.items() if m is model)


def touched(*models: type[SQLModel], account_ids: Iterable[int | None] = ()) -> Change:
    """The one place that says what editing rows of these tables affects."""
    records: set[RecordType] = set()
    trend = False
    for model in models:
        if model is HealthSnapshot:
            trend = True
        elif model in _LINKED:
            records.update(_LINKED[model])
        else:
            records.add(record_type(model))
    return Change(
        account_ids=frozenset(i for i in account_ids if i is not None),
        records=frozenset(records),
        accounts_list=bool(records & _LIST),
        health=bool(records & _HEALTH),
        calendar=bool(records & _CALENDAR),
        trend=trend,
    )


TREND = touched(HealthSnapshot)  # the startup job wrote weekly scores for every account
# someone else changed the book (seen by the change poll): any record of any account may have moved
EVERYTHING = Change(records=frozenset(RecordType), accounts_list=True, health=True, calendar=True)


def account_of(obj: SQLModel) -> int | None:
    """The account a record belongs to (an account belongs to itself)."""
    return obj.id if isinstance(obj, Account) else getattr(obj, "account_id", None)


def of_record(obj: SQLModel) -> Change:
    """What creating, editing or deleting this one record touches."""
    return touched(type(obj), account_ids=(account_of(obj),))
