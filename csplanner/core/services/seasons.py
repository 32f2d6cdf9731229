"""Seasons: one contract term each, from its start to race day, and how race day went.

The open season (no outcome yet) follows the account: its race day is the account's renewal.
Recording a result closes it; a renewal opens the next one, starting on the old race day.
Accounts written without a season row (older demo files) get season 1 the first time it is needed.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from csplanner.core import validate as v
from csplanner.core.enums import ChurnReason, SeasonOutcome, Stage
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Season, utcnow
from csplanner.core.present import value_label as label
from csplanner.core.services import records

STAGES_AFTER_RENEWAL = (Stage.ADOPT, Stage.EXPAND)


def all_for(session: Session, account_id: int) -> list[Season]:
    q = select(Season).where(Season.account_id == account_id).order_by(Season.number, Season.id)
    return list(session.exec(q).all())


def current(session: Session, account_id: int) -> Season:
    """The running season of an account (created as season 1 if the account has none yet)."""
    seasons = all_for(session, account_id)
    if seasons and seasons[-1].outcome is None:
        return seasons[-1]
    account = records.get(session, Account, account_id)
    if seasons:  # the last one ended: only a churn leaves no open season
        raise DomainError(f"{account.name} churned on its last race day; there is no season running.")
    season = Season(account_id=account_id, number=1, start=account.contract_signed, race_day=account.renewal,
                    arr_start_minor=account.arr_minor)
    session.add(season)
    session.flush()
    return season


def follow_account(session: Session, account: Account) -> None:
    """Keep the open season's race day (and season 1's start) in step with the account's dates."""
    assert account.id is not None
    seasons = all_for(session, account.id)
    if not seasons:
        session.add(Season(account_id=account.id, number=1, start=account.contract_signed,
                           race_day=account.renewal, arr_start_minor=account.arr_minor))
        session.flush()
        return
    last = seasons[-1]
    if last.outcome is not None:
        return
    last.race_day = account.renewal
    if last.number == 1:
        last.start = account.contract_signed
    session.add(last)
    session.flush()


@dataclass(frozen=True)
class Result:
    """What record_result did, for the screen that asked."""

    account_id: int
    season_number: int  # the season that ended
    outcome: SeasonOutcome
    next_season: int | None  # the new season's number after a renewal


def record_result(
    session: Session, account_id: int, today: date, outcome: SeasonOutcome | str, *,
    new_race_day: date | None = None, new_arr_minor: int | None = None, stage: Stage | str | None = None,
    reason: ChurnReason | str | None = None, reason_text: str = "", archive: bool = False,
) -> Result:
    """Race day's result. Renewed: the next season starts on the old race day, with the new race
    day, ARR and stage (Adopt or Expand). Churned: a reason from the list (and words); the account
    is archived when `archive` (the screen asks first)."""
    outcome = v.an_enum(outcome, SeasonOutcome, "outcome")
    account = records.get(session, Account, account_id)
    if account.renewal is None:
        raise DomainError(f"{account.name} has no race day (renewal) yet: set one before recording its result.",
                          "renewal")
    season = current(session, account_id)
    old_race = account.renewal
    season.race_day = old_race
    season.result_on = today
    season.outcome = outcome
    season.updated_at = utcnow()
    if outcome == SeasonOutcome.RENEWED:
        new_race = v.a_date(new_race_day, "new_race_day", required=True)
        assert new_race is not None
        v.not_before(new_race, old_race, "new_race_day", "race_day", strictly=True)
        if new_arr_minor is None:
            raise DomainError("New ARR is required for a renewal.", "new_arr_minor")
        new_arr = v.money_minor(new_arr_minor, "new_arr_minor")
        new_stage = v.an_enum(stage or Stage.ADOPT, Stage, "stage")
        if new_stage not in STAGES_AFTER_RENEWAL:
            raise DomainError("After a renewal the stage goes back to Adopt or Expand.", "stage")
        season.arr_result_minor = new_arr
        season.reason, season.reason_text = None, v.text(reason_text, "reason_text")
        session.add(season)
        session.add(Season(account_id=account_id, number=season.number + 1, start=old_race, race_day=new_race,
                           arr_start_minor=new_arr))
        session.flush()
        # through the service, so the account's own rules (dates in order) still hold
        from csplanner.core.services import accounts

        accounts.update(session, account_id, renewal=new_race, arr_minor=new_arr, stage=new_stage)
        return Result(account_id, season.number, outcome, season.number + 1)
    if reason is None or reason == "":
        raise DomainError("Pick why they churned.", "reason")
    season.reason = v.an_enum(reason, ChurnReason, "reason")
    season.reason_text = v.text(reason_text, "reason_text")
    season.arr_result_minor = 0
    session.add(season)
    if archive:
        account.archived = True
        account.updated_at = utcnow()
        session.add(account)
    session.flush()
    return Result(account_id, season.number, outcome, None)


# --- undo: the state record_result changes, taken before and put back --------------------------
ACCOUNT_FIELDS = ("renewal", "arr_minor", "stage", "archived")


def state(session: Session, account_id: int) -> dict[str, Any]:
    """The account's season rows and the fields a result changes, as plain data."""
    account = records.get(session, Account, account_id)
    return {
        "account_id": account_id,
        "account": {k: getattr(account, k) for k in ACCOUNT_FIELDS},
        "seasons": [s.model_dump() for s in all_for(session, account_id)],
    }


def restore(session: Session, saved: dict[str, Any]) -> None:
    """Put back a `state`: rows updated in place (forecasts keep pointing at their season)."""
    account = records.get(session, Account, saved["account_id"])
    keep = {row["id"]: row for row in saved["seasons"]}
    for season in all_for(session, account.id):
        if season.id not in keep:
            session.delete(season)
    session.flush()
    for sid, row in keep.items():
        season = session.get(Season, sid)
        if season is None:
            session.add(Season.model_validate(row))
        else:
            for key, value in row.items():
                setattr(season, key, value)
            session.add(season)
    for key, value in saved["account"].items():
        setattr(account, key, value)
    account.updated_at = utcnow()
    session.add(account)
    session.flush()


# --- read-models ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SeasonRow:
    number: int
    start: date | None
    race_day: date | None
    arr_start_minor: int
    arr_result_minor: int | None
    currency: str
    outcome: SeasonOutcome | None  # None: running
    result_on: date | None
    reason: ChurnReason | None
    reason_text: str

    def summary(self) -> str:
        """'Season 2 · renewed +18 % ARR', 'Season 3 · churned (budget)', 'Season 4 · running'."""
        head = f"Season {self.number}"
        if self.outcome is None:
            return f"{head} · running"
        if self.outcome == SeasonOutcome.CHURNED:
            return f"{head} · churned" + (f" ({label(self.reason).lower()})" if self.reason else "")
        ratio = self.delta_ratio
        if ratio is None:
            return f"{head} · renewed"
        if round(ratio * 100) == 0:
            return f"{head} · renewed at the same ARR"
        return f"{head} · renewed {round(ratio * 100):+d} % ARR"

    @property
    def delta_minor(self) -> int | None:
        """Expansion (+) or contraction (−) at a renewal."""
        if self.outcome != SeasonOutcome.RENEWED or self.arr_result_minor is None:
            return None
        return self.arr_result_minor - self.arr_start_minor

    @property
    def delta_ratio(self) -> float | None:
        """+0.18 for 18 % more ARR at the renewal; None without a base to compare with."""
        delta = self.delta_minor
        if delta is None or self.arr_start_minor <= 0:
            return None
        return delta / self.arr_start_minor


def history(session: Session, account_id: int) -> list[SeasonRow]:
    """Every season of the account, oldest first (season 1 from the account when none is stored)."""
    account = records.get(session, Account, account_id)
    seasons = all_for(session, account_id)
    if not seasons:
        return [SeasonRow(1, account.contract_signed, account.renewal, account.arr_minor, None, account.currency,
                          None, None, None, "")]
    return [SeasonRow(s.number, s.start, s.race_day, s.arr_start_minor, s.arr_result_minor, account.currency,
                      SeasonOutcome(s.outcome) if s.outcome else None, s.result_on,
                      ChurnReason(s.reason) if s.reason else None, s.reason_text) for s in seasons]


@dataclass(frozen=True, slots=True)
class ResultDue:
    """A race day that has passed with no result recorded."""

    account_id: int
    account_name: str
    race_day: date
    days_ago: int


def result_due(today: date) -> Any:
    """The SQL condition: an active account whose race day is before today and whose season is still open."""
    churned = select(Season.account_id).where(Season.outcome == SeasonOutcome.CHURNED)
    return sa.and_(col(Account.renewal).is_not(None), col(Account.renewal) < today, col(Account.archived).is_(False),
                   col(Account.id).not_in(churned))


def results_due(session: Session, today: date, account_ids: list[int] | None = None) -> list[ResultDue]:
    """Active accounts whose race day is before today and whose season is still open, oldest first."""
    q = select(Account.id, Account.name, Account.renewal).where(result_due(today))
    if account_ids is not None:
        q = q.where(col(Account.id).in_(account_ids))
    rows = session.exec(q.order_by(Account.renewal, Account.name)).all()
    return [ResultDue(aid, name, day, (today - day).days) for aid, name, day in rows]
