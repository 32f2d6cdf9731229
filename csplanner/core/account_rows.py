"""The accounts list as plain rows with their health, and one account's facts (read-models)."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from csplanner.core import calendar, health
from csplanner.core.enums import Stage
from csplanner.core.models import Account
from csplanner.core.services import accounts, counts, seasons


@dataclass(frozen=True, slots=True)
class AccountListRow:
    """One line of the accounts list; no children loaded."""

    id: int
    name: str
    segment: str
    stage: Stage
    arr_minor: int
    currency: str
    renewal: date | None
    archived: bool
    owner: str = ""  # "": nobody (Unassigned)
    health: int | None = None  # None: archived (not scored)
    weakest: str = ""  # the health part that drags the score down most
    result_due: bool = False  # race day passed with no result recorded: shown red


@dataclass(frozen=True, slots=True)
class HealthScore:
    score: int
    weakest: str


def health_scores(session: Session, account_ids: list[int] | None, today: date) -> dict[int, HealthScore]:
    """{account id: score and weakest part}; None: every account not archived."""
    return {aid: HealthScore(h.score, h.weakest.name) for aid, h in health.health_many(session, account_ids, today).items()}


def account_rows(session: Session, today: date, *, include_archived: bool = False,
                 with_health: bool = True) -> list[AccountListRow]:
    """Every account's list row (archived ones only if asked), with health for the active ones
    (`with_health=False`: none yet, for a first screen that fills them in after it is drawn)."""
    # one statement, its columns straight into the rows: at start each statement costs its first
    # translation to SQL, and 5000 intermediate objects cost more than the query
    q = select(Account.id, Account.name, Account.segment, Account.stage, Account.arr_minor, Account.currency,
               Account.renewal, Account.archived, Account.owner, seasons.result_due(today))
    if not include_archived:
        q = q.where(col(Account.archived).is_(False))
    stages = {s.value: s for s in Stage}
    rows = [AccountListRow(aid, name, segment, stages[str(stage)], arr, currency, renewal, archived, owner,
                           result_due=bool(due))
            for aid, name, segment, stage, arr, currency, renewal, archived, owner, due
            in session.exec(q.order_by(col(Account.name_key))).all()]
    return scored(rows, health_scores(session, None, today)) if with_health else rows


def scored(rows: list[AccountListRow], scores: dict[int, HealthScore]) -> list[AccountListRow]:
    """`rows` with their scores filled in, as a new list (built whole: `dataclasses.replace` on
    5000 rows took 0.1 s); a row without a score stays as it is."""
    out = []
    for r in rows:
        h = scores.get(r.id)
        out.append(r if h is None else AccountListRow(r.id, r.name, r.segment, r.stage, r.arr_minor, r.currency,
                                                      r.renewal, r.archived, r.owner, h.score, h.weakest, r.result_due))
    return out


@dataclass(frozen=True)
class AccountFacts:
    """What the account's header and overview show."""

    id: int
    name: str
    segment: str
    stage: Stage
    arr_minor: int
    currency: str
    contract_signed: date | None
    kickoff: date | None
    renewal: date | None
    goal: str
    success_criteria: str
    regions: str
    archived: bool
    on_record: tuple[tuple[int, str], ...]  # (count, noun) per record table, e.g. (4, "stakeholders")
    owner: str = ""  # "": nobody (Unassigned)


def account_facts(session: Session, account_id: int) -> AccountFacts:
    """DomainError if the account is gone."""
    a = accounts.get(session, account_id)
    return AccountFacts(a.id, a.name, a.segment, Stage(a.stage), a.arr_minor, a.currency, a.contract_signed,
                        a.kickoff, a.renewal, a.goal, a.success_criteria, a.regions, a.archived,
                        tuple(counts.account_children(session, account_id)), a.owner)


@dataclass(frozen=True)
class HealthView:
    """The account's health with its trend; this week's point is always the live score."""

    health: health.Health
    trend: list[tuple[date, int]]


def health_view(session: Session, account_id: int, today: date, weeks: int = health.TREND_WEEKS) -> HealthView:
    """DomainError if the account is gone."""
    live = health.account_health(session, account_id, today)
    monday = calendar.week_start(today)  # the trend is keyed by Monday
    stored = [(d, v) for d, v in health.trend(session, account_id, weeks) if d < monday]  # may predate edits
    return HealthView(live, stored[-(weeks - 1):] + [(monday, live.score)])
