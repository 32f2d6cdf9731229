"""Read-models for seasons, forecasts and next steps: plain rows for the screens, each read in
its own short session, so the ui never opens one."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from csplanner.core.db import Database
from csplanner.core.enums import SeasonOutcome
from csplanner.core.models import Account
from csplanner.core.services import accounts, forecasts, next_steps, records, seasons
from csplanner.core.services.forecasts import CHECKPOINT_WEEKS, CheckpointDue, ForecastRow, QuarterRow
from csplanner.core.services.next_steps import StepRow
from csplanner.core.services.seasons import ResultDue, SeasonRow


@dataclass(frozen=True)
class AccountSeason:
    """What the overview shows about race day: the seasons, the latest forecast, what is due."""

    account_id: int
    name: str
    race_day: date | None
    arr_minor: int
    currency: str
    archived: bool
    history: tuple[SeasonRow, ...]
    forecast: ForecastRow | None
    result_due: bool  # race day passed with no result
    checkpoint: CheckpointDue | None  # a checkpoint reached with no forecast since
    open_steps: tuple[StepRow, ...]

    @property
    def churned(self) -> bool:
        return bool(self.history) and self.history[-1].outcome == SeasonOutcome.CHURNED

    @property
    def can_record_result(self) -> bool:
        return self.race_day is not None and not self.churned


def account_season(db: Database, account_id: int, today: date,
                   weeks: tuple[int, ...] = CHECKPOINT_WEEKS) -> AccountSeason:
    with db.session() as s:
        a = records.get(s, Account, account_id)
        history = tuple(seasons.history(s, account_id))
        churned = history[-1].outcome == SeasonOutcome.CHURNED
        due = not churned and not a.archived and a.renewal is not None and a.renewal < today
        point = next(iter(forecasts.checkpoints_due(s, today, weeks, [account_id])), None)
        return AccountSeason(account_id, a.name, a.renewal, a.arr_minor, a.currency, a.archived, history,
                             forecasts.latest(s, account_id), due, point,
                             tuple(next_steps.rows(s, today, account_id=account_id, include_archived=True)))


def rollup(db: Database, today: date, quarters: int = 4) -> list[QuarterRow]:
    with db.session() as s:
        return forecasts.rollup(s, today, quarters)


def _theirs(s: Session, owner: str | None) -> set[int] | None:
    """The ids of `owner`'s accounts and the unassigned ones; None (no owner): every account."""
    return None if owner is None else set(s.exec(select(Account.id).where(accounts.mine(owner))).all())


def results_due(db: Database, today: date, owner: str | None = None) -> list[ResultDue]:
    with db.session() as s:
        ids = _theirs(s, owner)
        return [r for r in seasons.results_due(s, today) if ids is None or r.account_id in ids]


def checkpoints_due(db: Database, today: date, weeks: tuple[int, ...] = CHECKPOINT_WEEKS,
                    owner: str | None = None) -> list[CheckpointDue]:
    with db.session() as s:
        ids = _theirs(s, owner)
        return [c for c in forecasts.checkpoints_due(s, today, weeks) if ids is None or c.account_id in ids]


def open_steps(db: Database, today: date, until: date | None = None, owner: str | None = None) -> list[StepRow]:
    """Open next steps of active accounts (with an owner: theirs and the unassigned); with `until`,
    those due by then or undated."""
    with db.session() as s:
        ids = _theirs(s, owner)
        rows = [r for r in next_steps.rows(s, today) if ids is None or r.account_id in ids]
    if until is None:
        return rows
    return [r for r in rows if r.due_on is None or r.due_on <= until]


def planned_checkin_near(db: Database, account_id: int, day: date) -> int | None:
    """The planned check-in a log on `day` would complete, if any."""
    from csplanner.core.services import checkins

    with db.session() as s:
        found = checkins.planned_near(s, account_id, day)
        return found.id if found is not None else None


def default_new_race_day(race_day: date | None, today: date) -> date:
    """A year after the old race day (or today): what a renewal usually brings."""
    base = race_day or today
    try:
        return base.replace(year=base.year + 1)
    except ValueError:  # 29 February
        return base + timedelta(days=365)
