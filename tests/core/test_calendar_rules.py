"""Calendar read-models pinned against the rules read straight off the tables, on random books;
boundary days for countdowns, phase bands, week labels and ISO weeks around New Year."""

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from csplanner.core import calendar
from csplanner.core.calendar import AccountPlan, Bar, Chip, DayTotal, RangePlan, Week
from csplanner.core.enums import MilestoneStatus, ObstacleKind, Phase, RunType, Severity, Stage
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Milestone, Obstacle, Season
from tests.core.books import TODAY, book_lists, insert, module_database, scratch

RANK = {RunType.SPRINT: 0, RunType.MEDIUM: 1, RunType.LONG: 2, RunType.RACE: 3}
SEVERITY = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2, Severity.CRITICAL: 3}


@pytest.fixture(scope="module")
def book_db(tmp_path_factory):
    yield from module_database(tmp_path_factory, "calendar")


def monday_of(day: date, first_weekday: int = 0) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def tables(s):
    accounts = {a.id: a for a in s.exec(select(Account)).all()}
    runs = s.exec(select(Milestone)).all()
    troubles = s.exec(select(Obstacle)).all()
    return accounts, runs, troubles


def chip_of(m: Milestone, a: Account, today: date) -> Chip:
    return Chip(m.id, a.id, a.name, m.title, m.planned_on, RunType(m.run_type), MilestoneStatus(m.status),
                Phase(m.phase), m.status == MilestoneStatus.PLANNED and m.planned_on < today, version=m.version)


def bar_of(o: Obstacle, a: Account, today: date) -> Bar:
    end = o.resolved_on if o.resolved_on is not None else max(today, o.opened_on)
    return Bar(o.id, a.id, o.title, ObstacleKind(o.kind), Severity(o.severity), o.opened_on, end, a.name)


def totals_of(chips: list[Chip]) -> dict[date, DayTotal]:
    out = {}
    for d in sorted({c.day for c in chips}):
        on = [c for c in chips if c.day == d]
        live = [c for c in on if c.status != MilestoneStatus.SKIPPED]
        biggest = max(live, key=lambda c: RANK[c.run_type]).run_type if live else None
        out[d] = DayTotal(len(on), len(live), sum(c.status == MilestoneStatus.DONE for c in live),
                          sum(c.status == MilestoneStatus.MISSED or c.overdue for c in live), biggest)
    return out


def week_of_counts(start: date, totals: dict[date, DayTotal], **labels) -> Week:
    days = [totals.get(start + timedelta(days=i), DayTotal(0, 0, 0, 0, None)) for i in range(7)]
    done, missed = sum(d.done for d in days), sum(d.missed for d in days)
    # the ISO week most of its seven days belong to
    iso = Counter((start + timedelta(days=i)).isocalendar()[:2] for i in range(7)).most_common(1)[0][0]
    return Week(start=start, iso_year=iso[0], iso_week=iso[1], planned=sum(d.planned for d in days), done=done,
                missed=missed, compliance=done / (done + missed) if done + missed else None, **labels)


def starts_between(first: date, last: date, first_weekday: int) -> list[date]:
    out, week = [], monday_of(first, first_weekday)
    while week <= last:
        out.append(week)
        week += timedelta(weeks=1)
    return out


# --- the all-accounts grid ---------------------------------------------------------------------

queries = st.fixed_dictionaries({
    "start": st.integers(-20, 10), "length": st.integers(0, 20), "first_weekday": st.integers(0, 6),
    "stages": st.one_of(st.none(), st.lists(st.sampled_from(list(Stage)), max_size=2)),
    "segments": st.one_of(st.none(), st.lists(st.sampled_from(["SMB", "Enterprise", "Other"]), max_size=2)),
    "pick": st.one_of(st.none(), st.lists(st.integers(0, 3), max_size=3)),
    "include_archived": st.booleans(),
    "text": st.sampled_from(["", "  ", "account 1", "RUN 2", "trouble", "smb", "prise", "nothing"]),
    "per_day": st.one_of(st.none(), st.integers(1, 3)),
    "max_bars": st.one_of(st.none(), st.integers(0, 3)),
    "shift": st.sampled_from([0, -3, 5]),
})


def expected_range_plan(s, q, ids) -> RangePlan:
    accounts, runs, troubles = tables(s)
    today = TODAY + timedelta(days=q["shift"])
    start = TODAY + timedelta(days=q["start"])
    end = start + timedelta(days=q["length"])
    starts = starts_between(start, end, q["first_weekday"])
    lo, hi = starts[0], starts[-1] + timedelta(days=6)
    needle = q["text"].strip().lower()
    wanted = None if q["pick"] is None else {ids[i] for i in q["pick"] if i < len(ids)}

    def kept(a: Account) -> bool:
        return ((not q["stages"] or a.stage in q["stages"]) and (not q["segments"] or a.segment in q["segments"])
                and (wanted is None or a.id in wanted) and (q["include_archived"] or not a.archived))

    def says(a: Account, *more: str) -> bool:
        return not needle or any(needle in t.lower() for t in (a.name, a.segment, *more))

    every = [chip_of(m, accounts[m.account_id], today) for m in runs
             if lo <= m.planned_on <= hi and kept(accounts[m.account_id]) and says(accounts[m.account_id], m.title)]
    every.sort(key=lambda c: (c.day, c.account_name.lower(), c.milestone_id))
    chips = every
    if q["per_day"] is not None:
        def order(c: Chip):
            return (c.status == MilestoneStatus.SKIPPED, -accounts[c.account_id].arr_minor, -RANK[c.run_type],
                    c.account_name.lower(), c.milestone_id)
        chips = [c for d in sorted({c.day for c in every})
                 for c in sorted((c for c in every if c.day == d), key=order)[:q["per_day"]]]
    totals = totals_of(every)
    bars = [bar_of(o, accounts[o.account_id], today) for o in troubles
            if o.opened_on <= hi and (o.resolved_on is None or o.resolved_on >= lo)
            and kept(accounts[o.account_id]) and says(accounts[o.account_id], o.title)]
    if q["max_bars"] is None:
        bars.sort(key=lambda b: (b.start, b.obstacle_id))
    else:
        bars.sort(key=lambda b: (-SEVERITY[b.severity], -b.start.toordinal(), b.obstacle_id))
        bars = bars[:q["max_bars"]]
    bars = [b for b in bars if b.end >= lo]
    races: dict[date, list[str]] = {}
    for a in sorted(accounts.values(), key=lambda a: (a.renewal or date.min, a.name.lower())):
        if a.renewal is not None and lo <= a.renewal <= hi and kept(a) and says(a):
            races.setdefault(a.renewal, []).append(a.name)
    weeks = [week_of_counts(w, totals, number=None, weeks_to_race=None, phase=None) for w in starts]
    return RangePlan(weeks=weeks, chips=chips, bars=bars, today=today, races=races, totals=totals)


@given(book=book_lists, q=queries)
def test_range_plan_equals_the_filters_read_off_the_tables(book_db, book, q):
    with scratch(book_db) as s:
        ids = insert(s, book)
        expected = expected_range_plan(s, q, ids)
        start = TODAY + timedelta(days=q["start"])
        plan = calendar.range_plan(
            s, start, start + timedelta(days=q["length"]), TODAY + timedelta(days=q["shift"]),
            stages=q["stages"], segments=q["segments"], text=q["text"], first_weekday=q["first_weekday"],
            account_ids=None if q["pick"] is None else [ids[i] for i in q["pick"] if i < len(ids)],
            include_archived=q["include_archived"], per_day=q["per_day"], max_bars=q["max_bars"])
    assert plan.weeks == expected.weeks
    assert plan.chips == expected.chips
    assert plan.totals == expected.totals
    assert plan.bars == expected.bars
    assert plan.races == expected.races
    assert plan == expected
    for d in sorted({c.day for c in expected.chips}) * 2:  # asked twice: the day index is built once
        assert plan.chips_on(d) == [c for c in expected.chips if c.day == d]
        assert plan.total_on(d) == expected.totals[d]
    assert plan.chips_on(date(2000, 1, 1)) == []
    assert plan.total_on(date(2000, 1, 1)) == DayTotal(0, 0, 0, 0, None)


# --- one account's plan ------------------------------------------------------------------------


def expected_phase(start: date, chips: list[Chip], fw: int, contract: date | None, kickoff: date | None,
                   race: date | None, stage: Stage, first_season: bool = True) -> Phase | None:
    """The docstring's phase rule, read literally."""
    runs = Counter(c.phase for c in chips if monday_of(c.day, fw) == start and c.status != MilestoneStatus.SKIPPED)
    ranked = runs.most_common()
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    if contract is None or start < monday_of(contract, fw) or (race is not None and start > race):
        return None
    if first_season and (start == monday_of(contract, fw)
                         or (kickoff is not None and start <= monday_of(kickoff, fw))):
        return Phase.KICKOFF
    if race is not None and (monday_of(race, fw) - start).days < 7 * 13:
        return Phase.RENEWAL
    if first_season and (start - monday_of(contract, fw)).days < 7 * 12:
        return Phase.ONBOARDING  # a renewed account trains on: no onboarding again
    return Phase.EXPANSION if stage == Stage.EXPAND else Phase.ADOPTION


# a later season starts this many days after the one before (its race day, often); None: no race day recorded
season_gaps = st.lists(st.tuples(st.integers(0, 200), st.one_of(st.none(), st.integers(1, 400))), max_size=3)


@given(book=book_lists, first_weekday=st.integers(0, 6), shift=st.sampled_from([0, -2, 4]),
       kickoff=st.one_of(st.none(), st.integers(0, 120)), gaps=season_gaps)
def test_account_plan_equals_the_rules_read_off_the_tables(book_db, book, first_weekday, shift, kickoff, gaps):
    today = TODAY + timedelta(days=shift)
    with scratch(book_db) as s:
        ids = insert(s, book)
        aid = ids[-1]
        account = s.get(Account, aid)
        if kickoff is not None and account.contract_signed is not None and (
                account.renewal is None or account.contract_signed + timedelta(days=kickoff) < account.renewal):
            account.kickoff = account.contract_signed + timedelta(days=kickoff)
        seasons, begin = [], account.contract_signed or TODAY - timedelta(days=300)
        for number, (gap, length) in enumerate(gaps, start=1):
            begin = begin + timedelta(days=gap) if number > 1 else begin
            race = begin + timedelta(days=length) if length is not None else None
            seasons.append(Season(account_id=aid, number=number, start=begin, race_day=race))
        s.add_all(seasons)
        s.flush()
        accounts, runs, troubles = tables(s)
        a = accounts[aid]
        spans = [(n, a.contract_signed if n == 1 else se.start, a.renewal if n == len(seasons) else se.race_day)
                 for n, se in enumerate(seasons, start=1)]
        chips = sorted((chip_of(m, a, today) for m in runs if m.account_id == aid),
                       key=lambda c: (c.day, c.milestone_id))
        bars = sorted((bar_of(o, a, today) for o in troubles if o.account_id == aid),
                      key=lambda b: (b.start, b.obstacle_id))
        plan = calendar.account_plan(s, aid, today, first_weekday)
        check_account_plan(plan, a, chips, bars, today, first_weekday, spans)


def check_account_plan(plan, a, chips, bars, today, first_weekday, spans):
    known = [d for d in (a.contract_signed, a.kickoff) if d] + [c.day for c in chips] + [b.start for b in bars]
    first = min(known) if known else today - timedelta(weeks=4)
    last = (a.renewal + timedelta(weeks=4) if a.renewal
            else max(first + timedelta(weeks=52), today + timedelta(weeks=13)))
    last = max([last] + [c.day for c in chips])
    totals = totals_of(chips)
    several = len(spans) > 1
    if several:  # runs before the current season's start are drawn as past
        current_start = spans[-1][1]
        chips = [replace(c, past_season=True) if current_start and c.day < current_start else c for c in chips]
    weeks = []
    for start in starts_between(first, last, first_weekday):
        # a week belongs to the latest season that started in or before it; season 1 holds the rest
        number, contract, race = spans[0] if several else (None, a.contract_signed, a.renewal)
        for span in spans[1:]:
            if span[1] is not None and monday_of(span[1], first_weekday) <= start:
                number, contract, race = span
        n = (start - monday_of(contract, first_weekday)).days // 7 + 1 if contract else None
        to_race = (monday_of(race, first_weekday) - start).days // 7 if race else None
        weeks.append(week_of_counts(
            start, totals, number=n if n is not None and n >= 1 else None,
            weeks_to_race=to_race if to_race is not None and to_race >= 0 else None,
            phase=expected_phase(start, chips, first_weekday, contract, a.kickoff if number in (None, 1) else None,
                                 race, a.stage, first_season=number in (None, 1)),
            season=number, past_season=several and number != len(spans)))
    current = len(spans)
    seasons = tuple(calendar.SeasonSpan(n, start, race, n == current) for n, start, race in spans)
    assert plan.weeks == weeks
    assert plan == AccountPlan(account_id=a.id, account_name=a.name, contract_signed=a.contract_signed,
                               race_day=a.renewal, weeks=weeks, chips=chips, bars=bars, kickoff=a.kickoff,
                               stage=a.stage, today=today, totals=totals, seasons=seasons)
    for w in weeks:
        assert plan.week_of(w.start) == w and plan.week_of(w.end) == w
        assert plan.bars_in(w.start, w.end) == [b for b in bars if b.start <= w.end and b.end >= w.start]
    assert plan.week_of(weeks[0].start - timedelta(days=1)) is None
    assert plan.week_of(weeks[-1].end + timedelta(days=1)) is None
    for n, start, _ in spans:
        assert plan.season_start(n) == start
    assert plan.season_start(len(spans) + 1) is None


# --- next race day -----------------------------------------------------------------------------


@given(book=book_lists, after=st.integers(-10, 400), stages=st.one_of(st.none(), st.lists(st.sampled_from(list(Stage)))),
       segments=st.one_of(st.none(), st.lists(st.sampled_from(["SMB", "Enterprise"]))),
       text=st.sampled_from(["", " ", "account 0", "ACCOUNT 1", "smb", "run"]),
       pick=st.one_of(st.none(), st.lists(st.integers(0, 3), max_size=2)))
def test_next_race_day_is_the_first_filtered_renewal_after_the_day(book_db, book, after, stages, segments, text, pick):
    day = TODAY + timedelta(days=after)
    with scratch(book_db) as s:
        ids = insert(s, book)
        wanted = None if pick is None else [ids[i] for i in pick if i < len(ids)]
        accounts, _, _ = tables(s)
        needle = text.strip().lower()
        expected = min((a.renewal for a in accounts.values()
                        if a.renewal is not None and a.renewal > day and not a.archived
                        and (not stages or a.stage in stages) and (not segments or a.segment in segments)
                        and (wanted is None or a.id in wanted)
                        and (not needle or needle in a.name.lower() or needle in a.segment.lower())), default=None)
        assert calendar.next_race_day(s, day, stages=stages, segments=segments, text=text,
                                      account_ids=wanted) == expected


def test_next_race_day_is_strictly_after_the_day(book_db):
    with scratch(book_db) as s:
        s.add_all([Account(name="Race", renewal=date(2026, 12, 1)), Account(name="Later", renewal=date(2026, 12, 8))])
        s.flush()
        assert calendar.next_race_day(s, date(2026, 11, 30)) == date(2026, 12, 1)
        assert calendar.next_race_day(s, date(2026, 12, 1)) == date(2026, 12, 8)
        assert calendar.next_race_day(s, date(2026, 12, 8)) is None


def test_segments_in_use_sorted_without_blanks_or_archived(book_db):
    with scratch(book_db) as s:
        s.add_all([Account(name="A", segment="smb"), Account(name="B", segment="Enterprise"),
                   Account(name="C", segment=""), Account(name="D", segment="Gone", archived=True),
                   Account(name="E", segment="Enterprise"), Account(name="F", segment="Mid")])
        s.flush()
        assert calendar.segments(s) == ["Enterprise", "Mid", "smb"]


# --- countdown, labels, ISO weeks ---------------------------------------------------------------


@pytest.mark.parametrize(("days", "text"), [
    (0, "Race day is today"),
    (1, "Race day in 1 day"),
    (2, "Race day in 2 days"),
    (13, "Race day in 13 days"),
    (14, "Race day in 2 weeks (14 days)"),
    (20, "Race day in 2 weeks (20 days)"),
    (21, "Race day in 3 weeks (21 days)"),
    (-1, "Race day was 1 day ago"),
    (-2, "Race day was 2 days ago"),
    (-30, "Race day was 30 days ago"),
])
def test_countdown_to_race_day_at_its_boundaries(days, text):
    plan = AccountPlan(account_id=1, account_name="Acme", contract_signed=None, race_day=TODAY + timedelta(days=days),
                       weeks=[], chips=[], bars=[], today=TODAY)
    assert plan.countdown() == text


def test_countdown_without_a_race_day_or_a_today():
    assert AccountPlan(account_id=1, account_name="Acme", contract_signed=None, race_day=None, weeks=[], chips=[],
                       bars=[], today=TODAY).countdown() == "No race day (renewal) set"
    assert AccountPlan(account_id=1, account_name="Acme", contract_signed=None, race_day=TODAY, weeks=[], chips=[],
                       bars=[]).countdown() == "No race day (renewal) set"


def _week(number, to_race, start=date(2026, 11, 23)):
    return Week(start, number, to_race, 2026, 48, None, 0, 0, 0, None)


@pytest.mark.parametrize(("number", "to_race", "text"), [
    (5, 21, "Week 5 · 21 weeks to race day"),
    (5, 2, "Week 5 · 2 weeks to race day"),
    (5, 1, "Week 5 · 1 week to race day"),
    (53, 0, "Week 53 · Race week"),
    (1, None, "Week 1"),
    (None, 3, "3 weeks to race day"),
    (None, 0, "Race week"),
    (0, None, ""),
    (None, None, ""),
])
def test_week_label(number, to_race, text):
    assert _week(number, to_race).label() == text


def test_week_days_end_and_iso_label():
    w = Week(date(2027, 1, 4), None, None, 2027, 1, None, 0, 0, 0, None)
    assert w.end == date(2027, 1, 10)
    assert w.days() == [date(2027, 1, 4) + timedelta(days=i) for i in range(7)]
    assert w.iso_label() == "W01"
    assert _week(None, None).iso_label() == "W48"


@pytest.mark.parametrize(("first_weekday", "day", "start", "iso"), [
    (0, date(2026, 12, 31), date(2026, 12, 28), (2026, 53)),  # 2026 has 53 ISO weeks
    (0, date(2027, 1, 3), date(2026, 12, 28), (2026, 53)),
    (0, date(2027, 1, 4), date(2027, 1, 4), (2027, 1)),
    (6, date(2027, 1, 2), date(2026, 12, 27), (2026, 53)),  # Sunday-first: named after its Monday-to-Saturday
    (6, date(2027, 1, 3), date(2027, 1, 3), (2027, 1)),
    (6, date(2025, 12, 28), date(2025, 12, 28), (2026, 1)),
    (5, date(2026, 1, 2), date(2025, 12, 27), (2026, 1)),  # Sat 27, Sun 28 in 2025-W52; five days in W01
    (5, date(2026, 1, 3), date(2026, 1, 3), (2026, 2)),
    (4, date(2026, 1, 1), date(2025, 12, 26), (2026, 1)),
    (4, date(2026, 1, 2), date(2026, 1, 2), (2026, 2)),
    (1, date(2025, 12, 29), date(2025, 12, 23), (2025, 52)),
    (1, date(2025, 12, 30), date(2025, 12, 30), (2026, 1)),
])
def test_iso_weeks_around_new_year(first_weekday, day, start, iso):
    assert calendar.week_start(day, first_weekday) == start
    (week,) = calendar.make_weeks([start], [], TODAY, first_weekday=first_weekday)
    assert (week.start, week.iso_year, week.iso_week) == (start, *iso)


def test_week_start_defaults_to_monday():
    assert calendar.week_start(date(2026, 11, 29)) == date(2026, 11, 23)
    assert calendar.week_start(date(2026, 11, 30)) == date(2026, 11, 30)


def test_week_starts_cover_both_ends():
    assert calendar.week_starts(date(2026, 11, 25), date(2026, 11, 25)) == [date(2026, 11, 23)]
    assert calendar.week_starts(date(2026, 11, 22), date(2026, 11, 30)) == [
        date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30)]
    assert calendar.week_starts(date(2026, 11, 22), date(2026, 11, 28), first_weekday=6) == [date(2026, 11, 22)]


# --- phase bands at their boundary weeks --------------------------------------------------------

SIGNED = date(2026, 1, 7)  # a Wednesday; its week starts Monday Jan 5
RACE = date(2027, 1, 6)  # a Wednesday; race week starts Monday Jan 4, 2027


def phases(kickoff=None, stage=Stage.ADOPT, chips=(), race=RACE):
    starts = calendar.week_starts(SIGNED - timedelta(weeks=1), RACE + timedelta(weeks=2))
    weeks = calendar.make_weeks(starts, chips, TODAY, contract=SIGNED, kickoff=kickoff, race=race, stage=stage)
    return {w.start: w.phase for w in weeks}


def test_phase_band_boundaries():
    band = phases()
    assert band[date(2025, 12, 29)] is None  # the week before signing
    assert band[date(2026, 1, 5)] == Phase.KICKOFF  # the signing week
    assert band[date(2026, 1, 12)] == Phase.ONBOARDING
    assert band[date(2026, 3, 23)] == Phase.ONBOARDING  # week 12
    assert band[date(2026, 3, 30)] == Phase.ADOPTION  # week 13
    assert band[date(2026, 10, 5)] == Phase.ADOPTION  # 13 weeks to race day
    assert band[date(2026, 10, 12)] == Phase.RENEWAL  # 12 weeks to race day: the last 13 weeks, race week included
    assert band[date(2027, 1, 4)] == Phase.RENEWAL  # race week
    assert band[date(2027, 1, 11)] is None  # after race day


def test_phase_kickoff_lasts_to_the_kickoff_week_and_stage_expand_colours_the_middle():
    band = phases(kickoff=date(2026, 2, 4))  # Wednesday; its week starts Feb 2
    assert band[date(2026, 2, 2)] == Phase.KICKOFF
    assert band[date(2026, 2, 9)] == Phase.ONBOARDING
    assert phases(stage=Stage.EXPAND)[date(2026, 6, 1)] == Phase.EXPANSION
    assert phases(stage=Stage.RENEW)[date(2026, 6, 1)] == Phase.ADOPTION
    no_race = phases(race=None)
    assert no_race[date(2027, 1, 11)] == Phase.ADOPTION and no_race[date(2026, 12, 28)] == Phase.ADOPTION


def test_race_day_on_a_monday_keeps_its_week_in_the_band():
    race = date(2027, 1, 4)
    starts = [date(2027, 1, 4), date(2027, 1, 11)]
    weeks = calendar.make_weeks(starts, [], TODAY, contract=SIGNED, race=race)
    assert [(w.phase, w.weeks_to_race) for w in weeks] == [(Phase.RENEWAL, 0), (None, None)]


def _chip(day, phase, status=MilestoneStatus.PLANNED, n=1):
    return Chip(n, 1, "Acme", "Run", day, RunType.MEDIUM, status, phase, False)


@pytest.mark.parametrize(("chip_phases", "band"), [
    ([Phase.EXPANSION], Phase.ADOPTION),  # one run does not move the band
    ([Phase.EXPANSION, Phase.EXPANSION], Phase.EXPANSION),
    ([Phase.EXPANSION, Phase.EXPANSION, Phase.RENEWAL], Phase.EXPANSION),
    ([Phase.EXPANSION, Phase.EXPANSION, Phase.RENEWAL, Phase.RENEWAL], Phase.ADOPTION),  # a tie: dates decide
    ([Phase.EXPANSION, Phase.RENEWAL], Phase.ADOPTION),
])
def test_two_runs_that_agree_and_outnumber_the_rest_set_the_band(chip_phases, band):
    monday = date(2026, 6, 1)
    chips = [_chip(monday + timedelta(days=i), p, n=i) for i, p in enumerate(chip_phases)]
    assert phases(chips=chips)[monday] == band


def test_skipped_runs_do_not_vote_on_the_band():
    monday = date(2026, 6, 1)
    chips = [_chip(monday, Phase.EXPANSION, n=1), _chip(monday, Phase.EXPANSION, MilestoneStatus.SKIPPED, n=2)]
    assert phases(chips=chips)[monday] == Phase.ADOPTION


def test_make_weeks_without_phase_and_with_given_totals():
    monday = date(2026, 6, 1)
    chips = [_chip(monday, Phase.EXPANSION, n=1), _chip(monday, Phase.EXPANSION, n=2)]
    (week,) = calendar.make_weeks([monday], chips, TODAY, contract=SIGNED, race=RACE, with_phase=False)
    assert (week.phase, week.number, week.weeks_to_race, week.planned) == (None, 22, 31, 2)
    totals = {monday + timedelta(days=1): DayTotal(5, 4, 3, 1, RunType.LONG)}
    (week,) = calendar.make_weeks([monday], chips, TODAY, totals=totals)
    assert (week.planned, week.done, week.missed, week.compliance) == (4, 3, 1, 0.75)


def test_day_totals_count_every_status_and_the_longest_live_run():
    day = date(2026, 11, 20)
    chips = [
        Chip(1, 1, "A", "a", day, RunType.SPRINT, MilestoneStatus.DONE, Phase.ADOPTION, False),
        Chip(2, 1, "A", "b", day, RunType.RACE, MilestoneStatus.SKIPPED, Phase.ADOPTION, False),
        Chip(3, 1, "A", "c", day, RunType.LONG, MilestoneStatus.PLANNED, Phase.ADOPTION, True),
        Chip(4, 1, "A", "d", day, RunType.MEDIUM, MilestoneStatus.MISSED, Phase.ADOPTION, False),
        Chip(5, 1, "A", "e", day + timedelta(days=1), RunType.RACE, MilestoneStatus.SKIPPED, Phase.ADOPTION, False),
    ]
    assert calendar.day_totals(chips) == {
        day: DayTotal(4, 3, 1, 2, RunType.LONG),
        day + timedelta(days=1): DayTotal(1, 0, 0, 0, None),
    }


def test_bars_know_injuries_and_intensity():
    def bar(kind, severity):
        return Bar(1, 1, "x", kind, severity, TODAY, TODAY)
    assert [bar(k, Severity.LOW).injury for k in ObstacleKind] == [
        k in (ObstacleKind.EXEC_TURNOVER, ObstacleKind.ESCALATION) for k in ObstacleKind]
    assert [bar(ObstacleKind.OTHER, s).intensity for s in Severity] == [1, 2, 3, 4]
    assert calendar.is_injury("escalation") and not calendar.is_injury("product_gap")


@pytest.mark.parametrize(("number", "text"), [(1, "Season 1 · Week 1"), (2, "Season 1 · Week 2"), (0, "Season 1"),
                                              (None, "Season 1")])
def test_a_week_of_an_earlier_season_names_its_season(number, text):
    week = Week(date(2026, 11, 23), number, 3, 2026, 48, None, 0, 0, 0, None, season=1, past_season=True)
    assert week.label() == text


def test_next_race_day_honours_each_filter(book_db):
    with scratch(book_db) as s:
        rows = [Account(name="Early Gone", name_key="early gone", renewal=date(2026, 12, 1), archived=True,
                        stage=Stage.ADOPT, segment="SMB"),
                Account(name="Early Land", name_key="early land", renewal=date(2026, 12, 2), stage=Stage.LAND,
                        segment="SMB"),
                Account(name="Middle", name_key="middle", renewal=date(2026, 12, 3), stage=Stage.ADOPT,
                        segment="Enterprise"),
                Account(name="Late", name_key="late", renewal=date(2026, 12, 4), stage=Stage.ADOPT,
                        segment="Mid-market")]
        s.add_all(rows)
        s.flush()

        def first(**filters):
            return calendar.next_race_day(s, date(2026, 11, 30), **filters)

        assert first() == date(2026, 12, 2)  # archived accounts never count
        assert first(stages=[Stage.ADOPT]) == date(2026, 12, 3)
        assert first(segments=["Mid-market"]) == date(2026, 12, 4)
        assert first(account_ids=[rows[3].id, rows[0].id]) == date(2026, 12, 4)
        assert first(text="late") == date(2026, 12, 4)  # a name only
        assert first(text="enterprise") == date(2026, 12, 3)  # a segment only
        assert first(text="mid") == date(2026, 12, 3)  # the name of one, the segment of another
        assert first(text="nobody") is None


def test_segments_sort_ignoring_case(book_db):
    with scratch(book_db) as s:
        s.add_all([Account(name="A", segment="apac"), Account(name="B", segment="Enterprise"),
                   Account(name="C", segment="SMB")])
        s.flush()
        assert calendar.segments(s) == ["apac", "Enterprise", "SMB"]


def test_season_weeks_with_an_empty_middle_season_and_the_renewal_day(book_db):
    """Season 2 ends the day after it starts (season 3 begins in the same week): it has no week of
    its own, and the weeks after it still belong to season 3. Runs before the running season's
    first day are past; a run on that day is not."""
    with scratch(book_db) as s:
        a = Account(name="Acme", contract_signed=date(2024, 1, 3), kickoff=date(2024, 1, 24), renewal=date(2026, 1, 7))
        s.add(a)
        s.flush()
        s.add_all([Season(account_id=a.id, number=1, start=date(2024, 1, 10), race_day=date(2025, 1, 8)),
                   Season(account_id=a.id, number=2, start=date(2025, 1, 8), race_day=date(2025, 1, 9)),
                   Season(account_id=a.id, number=3, start=date(2025, 1, 9), race_day=None),
                   Milestone(account_id=a.id, title="Old race", planned_on=date(2025, 1, 8)),
                   Milestone(account_id=a.id, title="New start", planned_on=date(2025, 1, 9))])
        s.flush()
        plan = calendar.account_plan(s, a.id, TODAY)
    assert plan.seasons == (calendar.SeasonSpan(1, date(2024, 1, 3), date(2025, 1, 8), False),
                            calendar.SeasonSpan(2, date(2025, 1, 8), date(2025, 1, 9), False),
                            calendar.SeasonSpan(3, date(2025, 1, 9), date(2026, 1, 7), True))
    first = plan.weeks[0]
    assert (first.start, first.number, first.season, first.past_season) == (date(2024, 1, 1), 1, 1, True)
    assert plan.week_of(date(2024, 1, 17)).phase == Phase.KICKOFF  # season 1 keeps its kickoff weeks
    assert plan.week_of(date(2024, 1, 31)).phase == Phase.ONBOARDING
    assert {w.season for w in plan.weeks} == {1, 3}
    renewal_week = plan.week_of(date(2025, 1, 8))
    assert (renewal_week.season, renewal_week.number, renewal_week.past_season) == (3, 1, False)
    assert plan.week_of(date(2025, 6, 4)).season == 3 and plan.weeks[-1].season == 3
    assert [(c.title, c.past_season) for c in plan.chips] == [("Old race", True), ("New start", False)]


def test_a_renewed_account_without_a_contract_date_still_gets_its_seasons(book_db):
    with scratch(book_db) as s:
        a = Account(name="Acme", renewal=date(2027, 6, 2))
        s.add(a)
        s.flush()
        s.add_all([Season(account_id=a.id, number=1, start=None, race_day=date(2026, 6, 3)),
                   Season(account_id=a.id, number=2, start=date(2026, 6, 3), race_day=date(2027, 6, 2))])
        s.flush()
        plan = calendar.account_plan(s, a.id, TODAY)
    week = plan.week_of(TODAY)
    assert (week.season, week.number, week.past_season, week.weeks_to_race) == (2, 26, False, 27)
    assert plan.season_start(1) is None and plan.season_start(2) == date(2026, 6, 3)


def test_without_race_day_the_plan_runs_a_quarter_past_today_or_a_year_from_the_start(book_db):
    with scratch(book_db) as s:
        old = Account(name="Old", contract_signed=date(2025, 1, 1))  # a year of training ended months ago
        new = Account(name="New", contract_signed=date(2026, 11, 2))
        s.add_all([old, new])
        s.flush()
        old_plan, new_plan = calendar.account_plan(s, old.id, TODAY), calendar.account_plan(s, new.id, TODAY)
        with pytest.raises(DomainError) as info:
            calendar.account_plan(s, 10_000, TODAY)
    assert (old_plan.weeks[0].start, old_plan.weeks[-1].start) == (date(2024, 12, 30), date(2027, 2, 22))
    assert (new_plan.weeks[0].start, new_plan.weeks[-1].start) == (date(2026, 11, 2), date(2027, 11, 1))
    assert info.value.message == "That account no longer exists (it may have been deleted)."
