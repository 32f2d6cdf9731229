"""The one door through which the ui and the exports read: each function takes the `Database`,
opens one short unit of work and returns plain rows (the read-models), never ORM objects.

    rows = read.account_rows(ctx.db, today)
    plan = read.account_plan(ctx.db, account_id, today, first_weekday)
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa

from csplanner.core import account_rows as accounts_read
from csplanner.core import calendar, health, record_rows, templates, versions, week
from csplanner.core.account_rows import AccountFacts, AccountListRow, HealthScore, HealthView
from csplanner.core.calendar import AccountPlan, RangePlan
from csplanner.core.changes import MODELS, RecordType
from csplanner.core.db import Database
from csplanner.core.enums import Stage
from csplanner.core.errors import DomainError
from csplanner.core.plan_data import PlanData
from csplanner.core.plan_data import collect as collect_plan
from csplanner.core.record_rows import RecordRow
from csplanner.core.services import accounts, by_type, counts, records, stakeholders
from csplanner.core.templates import PlannedRun, Template
from csplanner.core.week import WeekPlan

T = TypeVar("T")


def _in_session(db: Database, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with db.session() as session:
        return work(session, *args, **kwargs)


# --- accounts ----------------------------------------------------------------------------------
def account_rows(db: Database, today: date, *, include_archived: bool = False,
                 with_health: bool = True) -> list[AccountListRow]:
    return _in_session(db, accounts_read.account_rows, today, include_archived=include_archived,
                       with_health=with_health)


def health_scores(db: Database, account_ids: list[int] | None, today: date) -> dict[int, HealthScore]:
    return _in_session(db, accounts_read.health_scores, account_ids, today)


def with_health(db: Database, rows: list[AccountListRow], today: date) -> list[AccountListRow]:
    """`rows` (from `account_rows(with_health=False)`) with every active account's score filled in."""
    return accounts_read.scored(rows, health_scores(db, None, today))


def account(db: Database, account_id: int) -> AccountFacts:
    """DomainError if it is gone."""
    return _in_session(db, accounts_read.account_facts, account_id)


def account_id_by_name(db: Database, name: str) -> int:
    """A unique prefix or part of the name will do; DomainError if none or several match."""
    return _in_session(db, lambda s: accounts.resolve(s, name).id)  # type: ignore[no-any-return]


def account_choices(db: Database, text: str = "", stages: Iterable[Stage] = (), segments: Iterable[str] = ()
                    ) -> list[accounts.AccountRow]:
    """Active accounts matching a filter, by name (the all-accounts calendar's "which account?")."""
    stages, segments = list(stages), list(segments)
    return [r for r in _in_session(db, accounts.list_rows, text)
            if (not stages or r.stage in stages) and (not segments or r.segment in segments)]


# --- health ------------------------------------------------------------------------------------
def health_many(db: Database, account_ids: list[int] | None, today: date) -> dict[int, health.Health]:
    return _in_session(db, health.health_many, account_ids, today)


def health_view(db: Database, account_id: int, today: date) -> HealthView:
    """The health panel's score, parts and trend; DomainError if the account is gone."""
    return _in_session(db, accounts_read.health_view, account_id, today)


# --- one record --------------------------------------------------------------------------------
def record_rows_of(db: Database, record_type: RecordType, account_id: int, today: date) -> list[RecordRow]:
    """One account's rows of one record table."""
    return _in_session(db, record_rows.rows, record_type, account_id, today)


def record_fields(db: Database, record_type: RecordType, record_id: int) -> dict[str, Any]:
    """A record's editable fields, as its dialog loads them, and its `version` (an edit made from
    them passes it back, so a change someone made meanwhile is refused); DomainError if it is gone."""
    def fields(session: Any) -> dict[str, Any]:
        obj = by_type.get(session, record_type, record_id)
        return {**records.fields_of(obj), "version": obj.version}  # type: ignore[attr-defined]
    return _in_session(db, fields)


# --- other people's changes --------------------------------------------------------------------
def change_count(db: Database) -> int:
    """The book's change counter: one primary-key read, cheap enough to poll every few seconds."""
    try:  # a bare connection, not a unit of work: this runs every few seconds in every window
        with db.engine.connect() as conn:
            return versions.change_count(conn)
    except sa.exc.DBAPIError as exc:
        raise DomainError(f"Could not read the book: {exc.orig or exc}") from exc


def others_changed(db: Database, seen: int, now: int) -> bool:
    """Did anyone but this app move the counter from `seen` to `now`?"""
    return db.ledger.others_changed(seen, now)


def new_record_fields(record_type: RecordType) -> dict[str, Any]:
    """The values a new record starts with (the table's own defaults), None left out."""
    return {k: v for k, v in records.fields_of(MODELS[record_type].model_construct()).items() if v is not None}


def field_names(record_type: RecordType) -> frozenset[str]:
    return frozenset(MODELS[record_type].model_fields)


def what_goes_with(db: Database, record_type: RecordType, record_id: int) -> list[tuple[int, str]]:
    """What a delete takes along: an account's records, or a run's / an obstacle's links [(n, noun)]."""
    def count(session: Any) -> list[tuple[int, str]]:
        if record_type == RecordType.ACCOUNT:
            return counts.account_children(session, record_id)
        if record_type in (RecordType.MILESTONE, RecordType.OBSTACLE):
            key = "milestone_id" if record_type == RecordType.MILESTONE else "obstacle_id"
            n = counts.obstacle_links(session, **{key: record_id})
            return [(n, "link" if n == 1 else "links")] if n else []
        return []
    return _in_session(db, count)


def turnover_draft(db: Database, before: dict[str, Any], stakeholder_id: int, today: date) -> dict[str, Any] | None:
    """An exec sponsor or champion just left: a pre-filled exec-turnover obstacle, else None."""
    return _in_session(db, lambda s: stakeholders.turnover_draft(
        before, by_type.get(s, RecordType.STAKEHOLDER, stakeholder_id), today))  # type: ignore[arg-type]


# --- calendars, My week, the plan ------------------------------------------------------------------
def account_plan(db: Database, account_id: int, today: date, first_weekday: int = 0) -> AccountPlan:
    return _in_session(db, calendar.account_plan, account_id, today, first_weekday)


def range_plan(db: Database, start: date, end: date, today: date, **filters: Any) -> RangePlan:
    return _in_session(db, calendar.range_plan, start, end, today, **filters)


def segments(db: Database) -> list[str]:
    return _in_session(db, calendar.segments)


def next_race_day(db: Database, after: date, **filters: Any) -> date | None:
    return _in_session(db, calendar.next_race_day, after, **filters)


def week_plan(db: Database, week_start: date, today: date, account_ids: Iterable[int] | None = None,
              races_and_missed: tuple[list[week.RaceItem], list[week.QuietAccount]] | None = None,
              owner: str | None = None, scores: dict[int, health.Health] | None = None) -> WeekPlan:
    """The week (`account_ids`: only their rows, for week.merged after an edit; `owner`: only
    that person's accounts and the unassigned ones; `scores`: health already read for today)."""
    ids = None if account_ids is None else set(account_ids)
    return _in_session(db, week.week_plan, week_start, today, ids, races_and_missed=races_and_missed, owner=owner,
                       scores=scores)


def races_and_missed(db: Database, today: date, account_ids: Iterable[int], owner: str | None = None,
                     scores: dict[int, health.Health] | None = None
                     ) -> tuple[list[week.RaceItem], list[week.QuietAccount]]:
    """Races coming up and missed training of these accounts (`scores`: health already read)."""
    return _in_session(db, week.races_and_missed, today, set(account_ids), owner, scores)


def plan_data(db: Database, account_id: int, today: date, first_weekday: int = 0) -> PlanData:
    """Everything an account plan PDF shows (the internal version; export/audience cuts it down)."""
    return _in_session(db, collect_plan, account_id, today, first_weekday)


# --- templates ---------------------------------------------------------------------------------
def template_preview(db: Database, account_id: int, template: Template) -> list[PlannedRun]:
    return _in_session(db, templates.preview, account_id, template)


def plan_as_template(db: Database, account_id: int, name: str) -> Template:
    """An account's plan as a template (not saved yet)."""
    return _in_session(db, templates.from_plan, account_id, name)


def replaceable_runs(db: Database, account_id: int, since: date | None) -> list[templates.Replaced]:
    """The account's runs still planned (from `since` on): what replacing them with a template removes."""
    return _in_session(db, templates.replaceable, account_id, since)
