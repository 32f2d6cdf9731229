"""The training calendar as plain data: weeks, chips (milestones) and bars (obstacles).

The screen and the account-plan PDF draw the same grid from these, so neither needs SQL.
Weeks start on `first_weekday` (0 = Monday … 6 = Sunday, the locale's choice in the UI).
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from csplanner.core import names
from csplanner.core.enums import SEVERITY_RANK, MilestoneStatus, ObstacleKind, Phase, RunType, Severity, Stage, is_injury
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Milestone, Obstacle, Season
from csplanner.core.present import race_countdown, weeks_to_race

ONBOARDING_WEEKS = 12  # the first ~12 weeks after signing are onboarding ("early training")
RENEWAL_WEEKS = 13  # the last quarter before race day is the renewal run-in
WEEKS_AFTER_RACE = 4  # "a little beyond" race day


@dataclass(frozen=True, slots=True)
class Chip:
    """One milestone on its day."""

    milestone_id: int
    account_id: int
    account_name: str
    title: str
    day: date
    run_type: RunType
    status: MilestoneStatus
    phase: Phase
    overdue: bool  # still planned but its day has passed
    past_season: bool = False  # planned in an earlier season: drawn greyed
    version: int | None = None  # as read: a drag or mark made from it checks nobody changed it since


@dataclass(frozen=True, slots=True)
class Bar:
    """One obstacle across the days it was open; `end` is inclusive (today if still open)."""

    obstacle_id: int
    account_id: int
    title: str
    kind: ObstacleKind
    severity: Severity
    start: date
    end: date
    account_name: str = ""

    @property
    def injury(self) -> bool:
        return is_injury(self.kind)

    @property
    def intensity(self) -> int:
        return SEVERITY_RANK[self.severity] + 1  # 1 (low) … 4 (critical)


@dataclass(frozen=True, slots=True)
class Week:
    start: date
    number: int | None  # week since contract signed, 1-based
    weeks_to_race: int | None  # 0 in race week; None after it or without a race day
    iso_year: int
    iso_week: int
    phase: Phase | None
    planned: int  # runs in the week, skipped ones excluded
    done: int
    missed: int  # missed or overdue
    compliance: float | None  # done / (done + missed); None when nothing was due yet
    season: int | None = None  # which season the week belongs to (accounts with more than one)
    past_season: bool = False  # a week of an earlier season: drawn greyed

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(7)]

    def label(self) -> str:
        """'Week 5 · 21 weeks to race day', 'Race week', 'W47' when outside the plan;
        'Season 1 · Week 40' for a week of an earlier season."""
        parts = []
        if self.past_season and self.season is not None:
            parts.append(f"Season {self.season}")
            if self.number is not None and self.number >= 1:
                parts.append(f"Week {self.number}")
            return " · ".join(parts)
        if self.number is not None and self.number >= 1:
            parts.append(f"Week {self.number}")
        if self.weeks_to_race is not None:
            parts.append(weeks_to_race(self.weeks_to_race))
        return " · ".join(parts)

    def iso_label(self) -> str:
        return f"W{self.iso_week:02d}"  # the ISO week of the week's Thursday, whatever day it starts


def iso_week(start: date, first_weekday: int = 0) -> tuple[int, int]:
    """(ISO year, ISO week) of the week starting on `start`: the week holding most of its days,
    whatever day the locale's weeks start on."""
    iso = start.isocalendar() if first_weekday == 0 else (start + timedelta(days=3)).isocalendar()
    return iso[0], iso[1]


@dataclass(frozen=True, slots=True)
class DayTotal:
    """Every run of one day, counted (the all-accounts view may load only some of the chips)."""

    runs: int  # skipped included
    planned: int  # skipped excluded
    done: int
    missed: int  # missed or overdue
    biggest: RunType | None  # the longest run that is not skipped: colours a future day


@dataclass(frozen=True, kw_only=True)
class CalendarWeeks:
    """What a calendar grid draws: weeks, chips (runs) and bars (obstacles), for one account or many."""

    weeks: list[Week]
    chips: list[Chip]
    bars: list[Bar]
    today: date | None = None
    races: dict[date, list[str]] = field(default_factory=dict)  # renewals by day (names)
    totals: dict[date, DayTotal] = field(default_factory=dict)  # per day, even for chips not loaded
    _by_day: dict[date, list[Chip]] = field(default_factory=dict, repr=False, compare=False)

    def race_names(self, day: date) -> list[str]:
        """Whose race day it is."""
        return self.races.get(day, [])

    def chips_on(self, day: date) -> list[Chip]:
        if not self._by_day and self.chips:
            for chip in self.chips:
                self._by_day.setdefault(chip.day, []).append(chip)
        return self._by_day.get(day, [])

    def total_on(self, day: date) -> DayTotal:
        return self.totals.get(day, NO_RUNS)

    def bars_in(self, start: date, end: date) -> list[Bar]:
        return [b for b in self.bars if b.start <= end and b.end >= start]

    def week_of(self, day: date) -> Week | None:
        for week in self.weeks:
            if week.start <= day <= week.end:
                return week
        return None


@dataclass(frozen=True, kw_only=True)
class RangePlan(CalendarWeeks):
    """Every (filtered) account's runs over a range of weeks: the all-accounts calendar."""


@dataclass(frozen=True, kw_only=True)
class AccountPlan(CalendarWeeks):
    """One account's plan: contract signed to a little after race day."""

    account_id: int
    account_name: str
    contract_signed: date | None
    race_day: date | None
    kickoff: date | None = None
    stage: Stage | None = None
    seasons: tuple["SeasonSpan", ...] = ()  # every season, oldest first; one for a first-term account

    def race_names(self, day: date) -> list[str]:
        return [self.account_name] if self.race_day == day else super().race_names(day)

    def season_start(self, number: int) -> date | None:
        """The first day of a season, for "pick a season"."""
        for span in self.seasons:
            if span.number == number:
                return span.start
        return None

    def countdown(self) -> str:
        """'Race day in 21 weeks (147 days)', 'Race day is today', 'Race day was 3 days ago'."""
        return race_countdown(self.race_day, self.today)


@dataclass(frozen=True, slots=True)
class SeasonSpan:
    number: int
    start: date | None
    race_day: date | None
    current: bool


NO_RUNS = DayTotal(0, 0, 0, 0, None)
RUN_ORDER = {RunType.SPRINT: 0, RunType.MEDIUM: 1, RunType.LONG: 2, RunType.RACE: 3}


def day_totals(chips: Iterable[Chip]) -> dict[date, DayTotal]:
    counts: dict[date, list[int]] = {}  # runs, planned, done, missed, biggest rank
    for c in chips:
        row = counts.setdefault(c.day, [0, 0, 0, 0, -1])
        row[0] += 1
        if c.status == MilestoneStatus.SKIPPED:
            continue
        row[1] += 1
        row[2] += c.status == MilestoneStatus.DONE
        row[3] += c.status == MilestoneStatus.MISSED or c.overdue
        row[4] = max(row[4], RUN_ORDER[c.run_type])
    kinds = list(RUN_ORDER)
    return {d: DayTotal(r[0], r[1], r[2], r[3], kinds[r[4]] if r[4] >= 0 else None) for d, r in counts.items()}


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week holding `day`."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_starts(start: date, end: date, first_weekday: int = 0) -> list[date]:
    first, last = week_start(start, first_weekday), week_start(end, first_weekday)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def _date_phase(
    start: date, contract: date | None, kickoff: date | None, race: date | None,
    stage: Stage | None, first_weekday: int, first_season: bool = True,
) -> Phase | None:
    if contract is None or start < week_start(contract, first_weekday):
        return None
    if race is not None and start > race:
        return None
    if not first_season:  # a renewed account trains on: no kickoff, no onboarding again
        if race is not None and (week_start(race, first_weekday) - start).days // 7 < RENEWAL_WEEKS:
            return Phase.RENEWAL
        return Phase.EXPANSION if stage == Stage.EXPAND else Phase.ADOPTION
    if start <= contract <= start + timedelta(days=6):
        return Phase.KICKOFF
    if kickoff is not None and start <= week_start(kickoff, first_weekday):
        return Phase.KICKOFF  # still building the training plan
    if race is not None and (week_start(race, first_weekday) - start).days // 7 < RENEWAL_WEEKS:
        return Phase.RENEWAL
    if (start - week_start(contract, first_weekday)).days // 7 < ONBOARDING_WEEKS:
        return Phase.ONBOARDING
    return Phase.EXPANSION if stage == Stage.EXPAND else Phase.ADOPTION


def make_weeks(
    starts: Sequence[date], chips: Iterable[Chip], today: date, *, contract: date | None = None,
    kickoff: date | None = None, race: date | None = None, stage: Stage | None = None,
    first_weekday: int = 0, with_phase: bool = True, totals: dict[date, DayTotal] | None = None,
    season: int | None = None, past_season: bool = False,
) -> list[Week]:
    """Weeks with their counts and phase.

    Phase rule: from the dates, kickoff until the kickoff date's week, renewal in the last
    13 weeks up to race day, onboarding in the first 12 weeks after signing, then adoption
    (expansion when the account's stage is expand); none before signing or after race day.
    When at least two of the week's runs agree on a phase and outnumber the others, their
    phase wins: one stray run does not make the band flicker from week to week.
    For a later season (`season` > 1), `contract` is the season's start: weeks count from it
    and there is no kickoff or onboarding.
    """
    chips = list(chips)
    if totals is None:
        totals = day_totals(chips)
    by_week: dict[date, list[Chip]] = {}
    for chip in chips:
        by_week.setdefault(week_start(chip.day, first_weekday), []).append(chip)
    weeks = []
    for start in starts:
        days = [totals.get(start + timedelta(days=i), NO_RUNS) for i in range(7)]
        planned = sum(d.planned for d in days)
        done = sum(d.done for d in days)
        missed = sum(d.missed for d in days)
        runs = [c for c in by_week.get(start, []) if c.status != MilestoneStatus.SKIPPED]
        phase: Phase | None = None
        if with_phase:
            phase = _date_phase(start, contract, kickoff, race, stage, first_weekday,
                                first_season=season is None or season <= 1)
            counts = Counter(c.phase for c in runs).most_common()
            if counts and counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] > counts[1][1]):
                phase = counts[0][0]
        number = None
        if contract is not None:
            n = (start - week_start(contract, first_weekday)).days // 7 + 1
            number = n if n >= 1 else None
        to_race = None
        if race is not None:
            left = (week_start(race, first_weekday) - start).days // 7
            to_race = left if left >= 0 else None
        iso = iso_week(start, first_weekday)
        weeks.append(Week(
            start=start, number=number, weeks_to_race=to_race, iso_year=iso[0], iso_week=iso[1],
            phase=phase, planned=planned, done=done, missed=missed,
            compliance=done / (done + missed) if done + missed else None,
            season=season, past_season=past_season,
        ))
    return weeks


def _chip(row: sa.Row, today: date) -> Chip:
    status = MilestoneStatus(row.status)
    return Chip(
        milestone_id=row.id, account_id=row.account_id, account_name=row.name, title=row.title,
        day=row.planned_on, run_type=RunType(row.run_type), status=status, phase=Phase(row.phase),
        overdue=status == MilestoneStatus.PLANNED and row.planned_on < today, version=row.version,
    )


def _bar(row: sa.Row, today: date) -> Bar:
    end = row.resolved_on or max(today, row.opened_on)
    return Bar(
        obstacle_id=row.id, account_id=row.account_id, title=row.title,
        kind=ObstacleKind(row.kind), severity=Severity(row.severity), start=row.opened_on, end=end,
        account_name=row.name,
    )


CHIP_COLUMNS = (
    Milestone.id, Milestone.account_id, Account.name, Milestone.title, Milestone.planned_on,
    Milestone.run_type, Milestone.status, Milestone.phase, Milestone.version,
)
BAR_COLUMNS = (
    Obstacle.id, Obstacle.account_id, Obstacle.title, Obstacle.kind, Obstacle.severity,
    Obstacle.opened_on, Obstacle.resolved_on, Account.name,
)


def account_plan(session: Session, account_id: int, today: date, first_weekday: int = 0) -> AccountPlan:
    """One account's plan: weeks from contract signed to a little after race day."""
    account = session.get(Account, account_id)
    if account is None:
        raise DomainError("That account no longer exists (it may have been deleted).")
    rows = session.exec(
        select(*CHIP_COLUMNS).join(Account, col(Account.id) == Milestone.account_id)
        .where(Milestone.account_id == account_id).order_by(Milestone.planned_on, Milestone.id)
    ).all()
    chips = [_chip(r, today) for r in rows]
    bars = [_bar(r, today) for r in session.exec(
        select(*BAR_COLUMNS).join(Account, col(Account.id) == Obstacle.account_id)
        .where(Obstacle.account_id == account_id).order_by(Obstacle.opened_on, Obstacle.id)
    ).all()]
    contract, race, kickoff = account.contract_signed, account.renewal, account.kickoff
    known = [d for d in (contract, kickoff) if d] + [c.day for c in chips] + [b.start for b in bars]
    first = min(known) if known else today - timedelta(weeks=4)
    if race is not None:
        last = race + timedelta(weeks=WEEKS_AFTER_RACE)
    else:  # no race day yet: a year of training from the start, or a quarter ahead of today
        last = max(first + timedelta(weeks=52), today + timedelta(weeks=13))
    last = max([last] + [c.day for c in chips])
    totals = day_totals(chips)
    starts = week_starts(first, last, first_weekday)
    seasons = session.exec(select(Season.number, Season.start, Season.race_day, Season.outcome).where(
        Season.account_id == account_id).order_by(Season.number)).all()
    if len(seasons) <= 1:  # a first-term account: counted from contract signed, as always
        weeks = make_weeks(
            starts, chips, today, contract=contract, kickoff=kickoff,
            race=race, stage=account.stage, first_weekday=first_weekday, totals=totals,
        )
        spans = tuple(SeasonSpan(n, contract, race, True) for n, *_ in seasons)
    else:
        weeks, chips, spans = _season_weeks(starts, chips, today, seasons, account, first_weekday, totals)
    return AccountPlan(
        account_id=account.id, account_name=account.name, contract_signed=contract, race_day=race,
        weeks=weeks, chips=chips, bars=bars, kickoff=kickoff, stage=account.stage, today=today,
        totals=totals, seasons=spans,
    )


def _season_weeks(
    starts: list[date], chips: list[Chip], today: date, seasons: Sequence[sa.Row], account: Account,
    first_weekday: int, totals: dict[date, DayTotal],
) -> tuple[list[Week], list[Chip], tuple[SeasonSpan, ...]]:
    """Weeks counted within each season; earlier seasons' weeks and runs marked as past.

    A week belongs to the season whose start falls on or before it (the old race week is week 1
    of the new season); season 1 starts with the plan.
    """
    spans = []
    for i, (number, start, race_day, _outcome) in enumerate(seasons):
        is_last = i == len(seasons) - 1
        spans.append(SeasonSpan(number, account.contract_signed if number == 1 else start,
                                account.renewal if is_last else race_day, is_last))
    current = spans[-1]
    cut = [(week_start(s.start, first_weekday) if s.start else None) for s in spans]
    weeks: list[Week] = []
    for i, span in enumerate(spans):
        lo = cut[i] if i > 0 else None
        hi = next((c for c in cut[i + 1:] if c is not None), None)
        mine = [w for w in starts if (lo is None or w >= lo) and (hi is None or w < hi)]
        if not mine:
            continue
        weeks += make_weeks(
            mine, chips, today, contract=span.start, kickoff=account.kickoff if span.number == 1 else None,
            race=span.race_day, stage=account.stage, first_weekday=first_weekday, totals=totals,
            season=span.number, past_season=not span.current,
        )
    if current.start is not None:
        chips = [replace(c, past_season=True) if c.day < current.start else c for c in chips]
    return weeks, chips, tuple(spans)


def _filters(q: sa.Select, stages: Iterable[Stage] | None, segments: Iterable[str] | None,
             account_ids: Iterable[int] | None, include_archived: bool) -> sa.Select:
    if stages:
        q = q.where(col(Account.stage).in_([Stage(s) for s in stages]))
    if segments:
        q = q.where(col(Account.segment).in_(list(segments)))
    if account_ids is not None:
        q = q.where(col(Account.id).in_(list(account_ids)))
    if not include_archived:
        q = q.where(col(Account.archived).is_(False))
    return q


def next_race_day(
    session: Session, after: date, *, stages: Iterable[Stage] | None = None,
    segments: Iterable[str] | None = None, text: str = "", account_ids: Iterable[int] | None = None,
) -> date | None:
    """The first renewal strictly after `after` among the (filtered) active accounts."""
    q = select(func.min(Account.renewal)).where(Account.renewal > after)
    q = _filters(q, stages, segments, account_ids, False)
    if text.strip():
        q = q.where(_says(text))
    return session.exec(q).one()


def segments(session: Session) -> list[str]:
    """The segments in use, for the all-accounts filter."""
    q = select(Account.segment).where(Account.segment != "", col(Account.archived).is_(False)).distinct()
    return sorted(session.exec(q).all(), key=str.lower)


def _says(text: str, *titles: object) -> sa.ColumnElement[bool]:
    """The account's name, its segment or one of the titles holds `text`, ignoring case.

    Names are matched through their folded key (core.names), as the accounts list does: SQLite's
    lower() folds only ASCII, so "école" would never find "École". Segments and titles keep lower().
    """
    lower = _contains(text.strip().lower())
    return sa.or_(col(Account.name_key).like(_contains(names.key(text)), escape="\\"),
                  func.lower(Account.segment).like(lower, escape="\\"),
                  *[func.lower(t).like(lower, escape="\\") for t in titles])


def _contains(text: str) -> str:
    """A LIKE pattern for `text` anywhere, its own % and _ taken as the characters they are."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _rank(column: object, order: dict, default: int) -> sa.Case:
    return sa.case(*[(column == k.value, v) for k, v in order.items()], else_=default)


def range_plan(
    session: Session, start: date, end: date, today: date, *, stages: Iterable[Stage] | None = None,
    segments: Iterable[str] | None = None, text: str = "", first_weekday: int = 0,
    account_ids: Iterable[int] | None = None, include_archived: bool = False,
    per_day: int | None = None, max_bars: int | None = None,
) -> RangePlan:
    """Every (filtered) account's runs and obstacles in the whole weeks around [start, end].

    `text` matches account name, segment or run title. Milestones are read through their
    `planned_on` index, so only the asked weeks are read however many accounts there are.
    With `per_day`, only that many chips per day are loaded (the biggest accounts by ARR
    first, then races and long runs; skipped runs last) while `totals` still count every run: a heavy book of 5000
    accounts has hundreds of runs a day and a cell shows a handful. `max_bars` keeps the most
    severe obstacles only.
    """
    starts = week_starts(start, end, first_weekday)
    lo, hi = starts[0], starts[-1] + timedelta(days=6)
    needle = text.strip()

    def runs_query(*columns: object) -> sa.Select:
        q = select(*columns).join(Account, col(Account.id) == Milestone.account_id).where(
            Milestone.planned_on >= lo, Milestone.planned_on <= hi)
        q = _filters(q, stages, segments, account_ids, include_archived)
        if needle:
            q = q.where(_says(needle, Milestone.title))
        return q

    run_rank = _rank(Milestone.run_type, RUN_ORDER, 0)
    if per_day is None:
        q = runs_query(*CHIP_COLUMNS).order_by(Milestone.planned_on, func.lower(Account.name), Milestone.id)
        chips = [_chip(r, today) for r in session.exec(q).all()]
        totals = day_totals(chips)
    else:
        place = func.row_number().over(
            partition_by=Milestone.planned_on,
            order_by=(sa.case((Milestone.status == MilestoneStatus.SKIPPED.value, 1), else_=0),
                      col(Account.arr_minor).desc(), run_rank.desc(), func.lower(Account.name), Milestone.id),
        ).label("place")
        # rank on what the calendar index holds (no run's title or notes read), then read the few kept
        inner = runs_query(col(Milestone.id).label("mid"), place).subquery()
        q = select(*CHIP_COLUMNS).join(Account, col(Account.id) == Milestone.account_id).join(
            inner, inner.c.mid == Milestone.id).where(inner.c.place <= per_day).order_by(
            Milestone.planned_on, inner.c.place)
        chips = [_chip(r, today) for r in session.exec(q).all()]
        counts: dict[date, list[int]] = {}
        agg = runs_query(Milestone.planned_on, Milestone.status, func.max(run_rank), func.count()).group_by(
            Milestone.planned_on, Milestone.status)
        for day, status, rank, n in session.exec(agg).all():
            row = counts.setdefault(day, [0, 0, 0, 0, -1])
            row[0] += n
            if status == MilestoneStatus.SKIPPED:
                continue
            row[1] += n
            row[2] += n if status == MilestoneStatus.DONE else 0
            row[3] += n if status == MilestoneStatus.MISSED or (status == MilestoneStatus.PLANNED and day < today) else 0
            row[4] = max(row[4], rank)
        kinds = list(RUN_ORDER)
        totals = {d: DayTotal(r[0], r[1], r[2], r[3], kinds[r[4]] if r[4] >= 0 else None) for d, r in counts.items()}

    bq = select(*BAR_COLUMNS).join(Account, col(Account.id) == Obstacle.account_id).where(
        Obstacle.opened_on <= hi,
        sa.or_(col(Obstacle.resolved_on).is_(None), col(Obstacle.resolved_on) >= lo))
    bq = _filters(bq, stages, segments, account_ids, include_archived)
    if needle:
        bq = bq.where(_says(needle, Obstacle.title))
    if max_bars is None:
        bq = bq.order_by(Obstacle.opened_on, Obstacle.id)
    else:
        bq = bq.order_by(_rank(Obstacle.severity, SEVERITY_RANK, 0).desc(), col(Obstacle.opened_on).desc(),
                         Obstacle.id).limit(max_bars)
    bars = [b for b in (_bar(r, today) for r in session.exec(bq).all()) if b.end >= lo]
    weeks = make_weeks(starts, chips, today, first_weekday=first_weekday, with_phase=False, totals=totals)
    rq = select(Account.renewal, Account.name).where(Account.renewal >= lo, Account.renewal <= hi)
    rq = _filters(rq, stages, segments, account_ids, include_archived)
    if needle:
        rq = rq.where(_says(needle))
    races: dict[date, list[str]] = {}
    for day, name in session.exec(rq.order_by(Account.renewal, func.lower(Account.name))).all():
        races.setdefault(day, []).append(name)
    return RangePlan(weeks=weeks, chips=chips, bars=bars, today=today, races=races, totals=totals)
