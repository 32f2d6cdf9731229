"""Renewal forecasts: at the checkpoints before race day (T−26 and T−13 weeks by default) the CSM
says how race day will go: renew, expand, contract or churn, at what ARR, how sure, and the risks.

A forecast belongs to the season it was taken in (its season_id; by date when it has none):
only the running season's forecasts count for its race day.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from csplanner.core import validate as v
from csplanner.core.enums import Confidence, ForecastOutcome, SeasonOutcome
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Forecast, Season
from csplanner.core.services import children, records, seasons

CHECKPOINT_WEEKS = (26, 13)  # weeks before race day; settable in the app's settings


def check(session: Session, f: dict[str, Any], _id: int | None, today: date | None = None) -> dict[str, Any]:
    f["account_id"] = children.account_id(session, f)
    f["taken_on"] = v.a_date(f.get("taken_on"), "taken_on", required=True)
    f["outcome"] = v.an_enum(f.get("outcome") or ForecastOutcome.RENEW, ForecastOutcome, "outcome")
    f["arr_minor"] = v.money_minor(f.get("arr_minor", 0), "arr_minor")
    if f["outcome"] == ForecastOutcome.CHURN:
        f["arr_minor"] = 0  # a churn renews nothing
    f["confidence"] = v.an_enum(f.get("confidence") or Confidence.MEDIUM, Confidence, "confidence")
    f["risks"] = v.text(f.get("risks"), "risks")
    weeks = f.get("checkpoint_weeks")
    if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 104):
        raise DomainError("A checkpoint is a number of weeks before race day, from 1 to 104.", "checkpoint_weeks")
    return f


def create(session: Session, *, today: date | None = None, **values: Any) -> Forecast:
    """A forecast for the account's running season."""
    if values.get("season_id") is None and v.is_id(values.get("account_id")):
        if session.get(Account, values["account_id"]) is not None:
            values["season_id"] = seasons.current(session, values["account_id"]).id
    return records.create(session, Forecast, check, values, today)


def update(session: Session, forecast_id: int, *, today: date | None = None, **changes: Any) -> Forecast:
    return records.update(session, Forecast, check, forecast_id, changes, today)


def delete(session: Session, forecast_id: int) -> None:
    records.delete(session, Forecast, forecast_id)


def _running(session: Session, account_ids: list[int] | None = None) -> dict[int, tuple[int, date | None]]:
    """Per account: the running (last) season's id and its start (None for a first season)."""
    q = select(Season.account_id, Season.id, Season.start, Season.number)
    if account_ids is not None:
        q = q.where(col(Season.account_id).in_(account_ids))
    last: dict[int, tuple[int, int, date | None]] = {}
    for aid, sid, start, number in session.exec(q).all():
        if aid not in last or number > last[aid][0]:
            last[aid] = (number, sid, start if number > 1 else None)
    return {aid: (sid, start) for aid, (_n, sid, start) in last.items()}


def _counts(season_id: int | None, taken_on: date, running: tuple[int, date | None] | None) -> bool:
    """Does this forecast speak for the running season? Its season says so; without one, its date."""
    if running is None:
        return True
    sid, start = running
    if season_id is not None:
        return season_id == sid
    return start is None or taken_on >= start


@dataclass(frozen=True, slots=True)
class ForecastRow:
    id: int
    account_id: int
    taken_on: date
    checkpoint_weeks: int | None
    outcome: ForecastOutcome
    arr_minor: int
    confidence: Confidence
    risks: str


ROW_COLUMNS = (Forecast.id, Forecast.account_id, Forecast.taken_on, Forecast.checkpoint_weeks, Forecast.outcome,
               Forecast.arr_minor, Forecast.confidence, Forecast.risks, Forecast.season_id)


def _row(r: Any) -> ForecastRow:
    fid, aid, taken_on, weeks, outcome, arr, confidence, risks, _sid = r
    return ForecastRow(fid, aid, taken_on, weeks, ForecastOutcome(outcome), arr, Confidence(confidence), risks)


def latest_many(session: Session, account_ids: list[int] | None = None) -> dict[int, ForecastRow]:
    """The newest forecast of each account's running season (plain column rows: thousands read fast)."""
    running = _running(session, account_ids)
    q = select(*ROW_COLUMNS)
    if account_ids is not None:
        q = q.where(col(Forecast.account_id).in_(account_ids))
    out: dict[int, ForecastRow] = {}
    for r in session.exec(q.order_by(Forecast.taken_on, Forecast.id)).all():
        if _counts(r[8], r[2], running.get(r[1])):
            out[r[1]] = _row(r)
    return out


def latest(session: Session, account_id: int) -> ForecastRow | None:
    return latest_many(session, [account_id]).get(account_id)


def for_account(session: Session, account_id: int) -> list[ForecastRow]:
    q = select(*ROW_COLUMNS).where(Forecast.account_id == account_id)
    return [_row(r) for r in session.exec(q.order_by(col(Forecast.taken_on).desc(), col(Forecast.id).desc())).all()]


@dataclass(frozen=True, slots=True)
class CheckpointDue:
    """A renewal checkpoint that has come with no forecast taken since."""

    account_id: int
    account_name: str
    race_day: date
    weeks: int  # the checkpoint: weeks before race day
    due_on: date
    arr_minor: int
    currency: str
    last_forecast_on: date | None


def _active(session: Session, account_ids: list[int] | None = None, lo: date | None = None,
            hi: date | None = None) -> list[tuple[int, str, date, int, str]]:
    """Accounts still running a season with a race day (in [lo, hi] when given), soonest first."""
    churned = select(Season.account_id).where(Season.outcome == SeasonOutcome.CHURNED)
    q = select(Account.id, Account.name, Account.renewal, Account.arr_minor, Account.currency).where(
        col(Account.renewal).is_not(None), col(Account.archived).is_(False), col(Account.id).not_in(churned))
    if account_ids is not None:
        q = q.where(col(Account.id).in_(account_ids))
    if lo is not None:
        q = q.where(col(Account.renewal) >= lo)
    if hi is not None:
        q = q.where(col(Account.renewal) <= hi)
    return list(session.exec(q.order_by(Account.renewal, Account.name)).all())


def checkpoints_due(session: Session, today: date, weeks: tuple[int, ...] = CHECKPOINT_WEEKS,
                    account_ids: list[int] | None = None) -> list[CheckpointDue]:
    """Accounts past a checkpoint (the latest one reached) with no forecast since it, soonest race first.

    Race days already passed are not listed here: they need a result, not a forecast.
    """
    points = sorted({w for w in weeks if w > 0})  # nearest race day first: 13, 26
    if not points:
        return []
    # only race days close enough for their earliest checkpoint to have come
    rows = _active(session, account_ids, lo=today, hi=today + timedelta(weeks=points[-1]))
    latest_rows = latest_many(session, [r[0] for r in rows])
    out = []
    for aid, name, race, arr, cur in rows:
        reached = [w for w in points if race - timedelta(weeks=w) <= today]
        if not reached:
            continue
        w = reached[0]
        due_on = race - timedelta(weeks=w)
        last = latest_rows.get(aid)
        if last is not None and last.taken_on >= due_on:
            continue
        out.append(CheckpointDue(aid, name, race, w, due_on, arr, cur, last.taken_on if last else None))
    return out


# --- the roll-up by quarter --------------------------------------------------------------------
BUCKETS = ("committed", "at_risk", "churn", "no_forecast")
BUCKET_LABELS = {"committed": "Committed", "at_risk": "At risk", "churn": "Forecast to churn",
                 "no_forecast": "Without forecast"}


def bucket_of(forecast: ForecastRow | None) -> str:
    """Committed: renew or expand, medium or high confidence. At risk: contract, or low confidence.
    Forecast to churn: churn. Without forecast: none taken this season."""
    if forecast is None:
        return "no_forecast"
    if forecast.outcome == ForecastOutcome.CHURN:
        return "churn"
    if forecast.outcome == ForecastOutcome.CONTRACT or forecast.confidence == Confidence.LOW:
        return "at_risk"
    return "committed"


@dataclass(frozen=True, slots=True)
class RollupAccount:
    account_id: int
    account_name: str
    race_day: date
    arr_minor: int  # ARR due: the account's ARR today
    forecast_arr_minor: int | None
    bucket: str


@dataclass(frozen=True)
class QuarterRow:
    """ARR due in one quarter (one currency): counted in the account's ARR today, so the four
    columns add up to the ARR up for renewal; forecast ARR is the sum the forecasts name."""

    year: int
    quarter: int  # 1–4; 0 with year 0: race days passed with no result
    currency: str
    due_minor: int
    amounts: dict[str, int]  # bucket -> ARR due
    counts: dict[str, int]  # bucket -> accounts
    forecast_minor: int  # what the forecasts say will renew
    accounts: tuple[RollupAccount, ...]

    def label(self) -> str:
        return "Race day passed, no result" if self.quarter == 0 else f"Q{self.quarter} {self.year}"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def rollup(session: Session, today: date, quarters: int = 4) -> list[QuarterRow]:
    """ARR due by quarter from this quarter on, `quarters` quarters, plus race days passed without
    a result first; one row per quarter and currency."""
    year, q = quarter_of(today)
    wanted = []
    for _ in range(quarters):
        wanted.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    last_year, last_q = wanted[-1]
    end = date(last_year + 1, 1, 1) if last_q == 4 else date(last_year, 3 * last_q + 1, 1)
    rows = _active(session, hi=end - timedelta(days=1))  # passed race days too: they have no result
    latest_rows = latest_many(session, [r[0] for r in rows])
    groups: dict[tuple[int, int, str], list[RollupAccount]] = {}
    for aid, name, race, arr, cur in rows:
        key = (0, 0) if race < today else quarter_of(race)
        if key != (0, 0) and key not in wanted:
            continue
        f = latest_rows.get(aid)
        groups.setdefault((*key, cur), []).append(
            RollupAccount(aid, name, race, arr, f.arr_minor if f else None, bucket_of(f)))
    out = []
    for (yr, qr, cur), accs in sorted(groups.items()):
        amounts = {b: sum(a.arr_minor for a in accs if a.bucket == b) for b in BUCKETS}
        counts = {b: sum(a.bucket == b for a in accs) for b in BUCKETS}
        forecast = sum(a.forecast_arr_minor or 0 for a in accs if a.bucket in ("committed", "at_risk"))
        out.append(QuarterRow(yr, qr, cur, sum(a.arr_minor for a in accs), amounts, counts, forecast, tuple(accs)))
    return out
