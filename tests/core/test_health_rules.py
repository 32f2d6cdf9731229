"""Health rules pinned: the batched read equals a plain reading of the records on random books,
and each part's score and sentence at its boundary days."""

from collections import Counter
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from csplanner.core import health
from csplanner.core import settings as coach_settings
from csplanner.core.coverage import Coverage
from csplanner.core.enums import MilestoneStatus, ObstacleKind, Severity, StakeholderRole, StakeholderStatus
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, HealthSnapshot, Season
from tests.core.books import (
    TODAY, Book, Person, book_lists, day, insert, insert_people, module_database, scratch, teams,
)


@pytest.fixture(scope="module")
def book_db(tmp_path_factory):
    yield from module_database(tmp_path_factory, "health")


def expected_coverage(team: tuple[Person, ...], signed: date | None, today: date,
                      cadences: dict[StakeholderRole, int]) -> Coverage:
    """The coverage rules read off the people: who is still there, who left recently, and each
    one's days since the last check-in they were at (never met: since signing) against their cadence."""
    active = sponsors = due = overdue = 0
    champion_left: date | None = None
    for p in team:
        left = day(p.left)
        if p.status == StakeholderStatus.LEFT and (left is None or left <= today):
            if p.role == StakeholderRole.CHAMPION and left is not None and left >= today - timedelta(days=90):
                champion_left = max(left, champion_left or left)
            continue
        active += 1
        sponsors += p.role == StakeholderRole.EXEC_SPONSOR
        every = (p.cadence or None) if p.cadence is not None else cadences.get(p.role)
        since = max((day(m) for m in p.met if day(m) <= today), default=signed)
        if not every:
            continue
        days = None if since is None else max(0, (today - since).days)
        if days is None or days >= 1.5 * every:  # red at one and a half cadences
            overdue += 1
        elif days >= every:  # amber at the cadence
            due += 1
    return Coverage(active, sponsors, champion_left, due, overdue)


def expected_health(aid: int, b: Book, today: date, renewed: date | None = None,
                    team: tuple[Person, ...] = (), cadences: dict | None = None) -> health.Health:
    """The README's rules read straight off the generated records, one account at a time.
    `renewed`: the start of a later season; once it has begun, the plan and the clock are its own."""
    signed = day(b.signed)
    race = (signed + timedelta(days=b.span) if signed and b.span is not None
            else day(b.span) if b.span is not None else None)
    live = [r for r in b.runs if r.status != MilestoneStatus.SKIPPED]
    plan = live
    if renewed is not None and renewed <= today:
        signed = renewed
        plan = [r for r in live if day(r.planned) >= renewed]

    def done_by_today(r) -> bool:
        return r.status == MilestoneStatus.DONE and day(r.planned) + timedelta(days=r.done) <= today

    window_start = today - timedelta(days=55)  # the last 8 weeks, today included
    due = [r for r in live if window_start <= day(r.planned) <= today
           and (day(r.planned) < today or done_by_today(r))]
    on_time = sum(1 for r in due if done_by_today(r) and r.done <= 0)
    late = sum(1 for r in due if done_by_today(r) and r.done > 0)
    still_open = Counter(
        (t.severity, t.kind) for t in b.troubles
        if day(t.opened) <= today and (t.resolved is None or day(t.opened) + timedelta(days=t.resolved) > today))
    talks = [*b.talks, *(m for p in team for m in p.met)]
    past_talks = [day(t) for t in talks if day(t) <= today]
    return health.combine(aid, (
        health.compliance_part(len(due), on_time, late),
        health.obstacles_part(dict(still_open)),
        health.checkins_part(max(past_talks, default=None), signed, today),
        health.progress_part(sum(1 for r in plan if done_by_today(r)), len(plan), signed, race, today),
        health.coverage_part(expected_coverage(team, signed, today, cadences or coach_settings.CADENCE_DAYS)),
    ))


@given(book=book_lists, shift=st.sampled_from([0, -1, 1, -7, 3]),
       renewals=st.lists(st.one_of(st.none(), st.sampled_from([-30, -1, 0, 1, 20])), min_size=4, max_size=4))
def test_health_many_equals_the_rules_read_one_account_at_a_time(book_db, book, shift, renewals):
    today = TODAY + timedelta(days=shift)
    with scratch(book_db) as s:
        ids = insert(s, book)
        renewed = {}
        for aid, b, offset in zip(ids, book, renewals, strict=False):
            if offset is not None:  # renewed: season 2 starts on the old race day
                renewed[aid] = TODAY + timedelta(days=offset)
                s.add_all([Season(account_id=aid, number=1, start=day(b.signed)),
                           Season(account_id=aid, number=2, start=renewed[aid])])
        s.flush()
        expected = {aid: expected_health(aid, b, today, renewed.get(aid)) for aid, b in zip(ids, book, strict=True)}
        asked = health.health_many(s, ids, today)
        assert asked == expected
        assert [health.account_health(s, aid, today) for aid in ids] == [expected[aid] for aid in ids]
        live = {aid: h for (aid, h), b in zip(expected.items(), book, strict=True) if not b.archived}
        assert health.health_many(s, None, today) == live
        # duplicates, a missing id and another order ask for the same accounts
        again = health.health_many(s, [*reversed(ids), ids[0], 10_000], today)
        assert again == expected


role_cadences = st.one_of(st.none(), st.dictionaries(st.sampled_from(list(StakeholderRole)), st.integers(1, 45)))


@given(book=book_lists, shift=st.sampled_from([0, -1, 1, -7, 30]), renewals=st.lists(
       st.one_of(st.none(), st.sampled_from([-30, -1, 0, 1])), min_size=4, max_size=4),
       staff=st.lists(teams, min_size=4, max_size=4), cadences=role_cadences)
def test_health_many_with_people_equals_the_rules_read_one_account_at_a_time(book_db, book, shift, renewals,
                                                                             staff, cadences):
    """Coverage too: people who left (and when), cadences of their own or their role's (as set in
    the coach's settings), the last check-in each attended or else the contract's signing."""
    today = TODAY + timedelta(days=shift)
    with scratch(book_db) as s:
        if cadences is not None:
            coach_settings.save(s, coach_settings.CoachSettings(cadence_days=cadences))
        by_role = {**coach_settings.CADENCE_DAYS, **(cadences or {})}
        ids = insert(s, book)
        renewed = {}
        for aid, b, offset, team in zip(ids, book, renewals, staff, strict=False):
            insert_people(s, aid, team)
            if offset is not None:
                renewed[aid] = TODAY + timedelta(days=offset)
                s.add_all([Season(account_id=aid, number=1, start=day(b.signed)),
                           Season(account_id=aid, number=2, start=renewed[aid])])
        s.flush()
        expected = {aid: expected_health(aid, b, today, renewed.get(aid), team, by_role)
                    for aid, b, team in zip(ids, book, staff, strict=False)}
        assert health.health_many(s, ids, today) == expected
        assert [health.account_health(s, aid, today) for aid in ids] == [expected[aid] for aid in ids]
        live = {aid: h for (aid, h), b in zip(expected.items(), book, strict=True) if not b.archived}
        assert health.health_many(s, None, today) == live


@settings(max_examples=15)  # each example scores every account four times
@given(book=book_lists)
def test_snapshot_and_backfill_store_the_score_of_each_week(book_db, book):
    with scratch(book_db) as s:
        ids = insert(s, book)
        live = [aid for aid, b in zip(ids, book, strict=True) if not b.archived]
        assert health.snapshot_week(s, TODAY) == len(live)
        assert health.backfill(s, TODAY, weeks=3) == 2 * len(live)
        for aid in live:
            points = health.trend(s, aid)
            assert [d for d, _ in points] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
            assert [score for _, score in points] == [
                health.account_health(s, aid, TODAY - timedelta(weeks=k)).score for k in (2, 1, 0)]
        for aid in set(ids) - set(live):
            assert health.trend(s, aid) == []


# --- backfill_week: which accounts get a score -------------------------------------------------


def _accounts(s, *archived: bool) -> list[int]:
    rows = [Account(name=f"A{i}", archived=a) for i, a in enumerate(archived)]
    s.add_all(rows)
    s.flush()
    return [r.id for r in rows]


def _snapshots(s) -> dict[tuple[int, date], int]:
    from sqlmodel import select
    return {(r.account_id, r.week_start): r.score for r in s.exec(select(HealthSnapshot)).all()}


def test_backfill_week_fills_only_live_accounts_that_lack_the_week(book_db):
    monday = date(2026, 11, 9)  # two weeks before TODAY's week
    with scratch(book_db) as s:
        kept, missing, old_kept, old_missing = _accounts(s, False, False, True, True)
        s.add_all([HealthSnapshot(account_id=kept, week_start=monday, score=7),
                   HealthSnapshot(account_id=old_kept, week_start=monday, score=9)])
        s.flush()
        # one live account has the week, one lacks it: archived rows must not make it look complete
        assert health.backfill_week(s, TODAY, 2) == 1
        then = health.account_health(s, missing, TODAY - timedelta(weeks=2)).score
        assert _snapshots(s) == {(kept, monday): 7, (old_kept, monday): 9, (missing, monday): then}
        assert health.backfill_week(s, TODAY, 2) == 0


def test_backfill_week_on_a_complete_or_empty_week_adds_nothing(book_db):
    with scratch(book_db) as s:
        assert health.backfill_week(s, TODAY, 1) == 0  # no accounts at all
        (only,) = _accounts(s, False)
        assert health.backfill_week(s, TODAY, 1) == 1
        # no runs, no dates, no check-in, nobody on file: 0.25 * 50 + 0.25 * 100 + 0.15 * 0 + 0.15 * 0 + 0.2 * 15
        assert _snapshots(s) == {(only, date(2026, 11, 16)): 40}
        assert health.backfill_week(s, TODAY, 1) == 0


def test_backfill_week_on_a_complete_week_asks_two_counts_only(book_db):
    """The app backfills at every start; once the weeks are filled that must stay two cheap counts."""
    with scratch(book_db) as s:
        _accounts(s, False, False, True)
        assert health.backfill_week(s, TODAY, 3) == 2
        statements = []
        listen = lambda *args: statements.append(args[2])  # noqa: E731
        sa.event.listen(s.connection(), "before_cursor_execute", listen)
        try:
            assert health.backfill_week(s, TODAY, 3) == 0
        finally:
            sa.event.remove(s.connection(), "before_cursor_execute", listen)
        assert len(statements) == 2 and all(q.lstrip().upper().startswith("SELECT COUNT") for q in statements)


def test_backfill_counts_back_the_asked_number_of_weeks_and_never_this_week(book_db):
    with scratch(book_db) as s:
        (aid,) = _accounts(s, False)
        assert health.backfill(s, TODAY) == 11  # TREND_WEEKS 12, this week excluded
        weeks = sorted(d for (a, d) in _snapshots(s) if a == aid)
        assert weeks[0] == date(2026, 9, 7) and weeks[-1] == date(2026, 11, 16) and len(weeks) == 11
        assert health.backfill(s, TODAY, weeks=1) == 0


def test_snapshot_week_replaces_this_weeks_score_and_keys_it_by_monday(book_db):
    with scratch(book_db) as s:
        (aid,) = _accounts(s, False)
        s.add(HealthSnapshot(account_id=aid, week_start=date(2026, 11, 23), score=3))
        s.flush()
        assert health.snapshot_week(s, date(2026, 11, 29)) == 1  # a Sunday: still the week of the 23rd
        s.expire_all()
        assert _snapshots(s) == {(aid, date(2026, 11, 23)): 40}
        assert health.trend(s, aid, weeks=1) == [(date(2026, 11, 23), 40)]


def test_snapshot_week_with_no_accounts_writes_nothing(book_db):
    with scratch(book_db) as s:
        _accounts(s, True)
        assert health.snapshot_week(s, TODAY) == 0
        assert _snapshots(s) == {}


def test_trend_is_the_latest_weeks_oldest_first(book_db):
    with scratch(book_db) as s:
        (aid, other) = _accounts(s, False, False)
        s.add_all([HealthSnapshot(account_id=aid, week_start=date(2026, 11, 2) + timedelta(weeks=k), score=10 * k)
                   for k in range(14)] + [HealthSnapshot(account_id=other, week_start=date(2026, 11, 2), score=99)])
        s.flush()
        points = health.trend(s, aid)
        assert len(points) == 12
        assert points[0] == (date(2026, 11, 16), 20) and points[-1] == (date(2027, 2, 1), 130)
        assert health.trend(s, aid, weeks=3) == [(date(2027, 1, 18), 110), (date(2027, 1, 25), 120),
                                                 (date(2027, 2, 1), 130)]


# --- the parts at their boundaries ------------------------------------------------------------


@pytest.mark.parametrize(("due", "on_time", "late", "score", "text"), [
    (0, 0, 0, 50.0, "No runs were due in the last 8 weeks, so this part is a neutral 50."),
    (1, 1, 0, 100.0, "1 of 1 run due in the last 8 weeks was done on time."),
    (1, 0, 1, 50.0, "0 of 1 run due in the last 8 weeks was done on time; 1 done late counts half."),
    (3, 1, 2, 66.7, "1 of 3 runs due in the last 8 weeks were done on time; 2 done late count half."),
    (3, 0, 0, 0.0, "0 of 3 runs due in the last 8 weeks were done on time."),
    (8, 7, 0, 87.5, "7 of 8 runs due in the last 8 weeks were done on time."),
])
def test_compliance_part(due, on_time, late, score, text):
    part = health.compliance_part(due, on_time, late)
    assert (part.key, part.name, part.score, part.weight, part.explanation) == (
        "compliance", "Milestone compliance (8 weeks)", score, 0.25, text)


@pytest.mark.parametrize(("counts", "score", "text"), [
    ({}, 100.0, "No open obstacles."),
    ({(Severity.CRITICAL, ObstacleKind.ESCALATION): 1, (Severity.CRITICAL, ObstacleKind.EXEC_TURNOVER): 1}, 0.0,
     "2 open obstacles: 2 critical (2 escalation or exec turnover), costing 200 points."),
    ({(Severity.LOW, ObstacleKind.OTHER): 1}, 90.0, "1 open obstacle: 1 low, costing 10 points."),
    ({(Severity.MEDIUM, ObstacleKind.PRODUCT_GAP): 2}, 50.0, "2 open obstacles: 2 medium, costing 50 points."),
    ({(Severity.HIGH, ObstacleKind.OTHER): 1}, 50.0, "1 open obstacle: 1 high, costing 50 points."),
    ({(Severity.LOW, ObstacleKind.EXEC_TURNOVER): 1}, 87.5,
     "1 open obstacle: 1 low (1 escalation or exec turnover), costing 12.5 points."),
    ({(Severity.MEDIUM, ObstacleKind.ESCALATION): 1, (Severity.LOW, ObstacleKind.OTHER): 2}, 48.8,
     "3 open obstacles: 1 medium (1 escalation or exec turnover), 2 low, costing 51.25 points."),
    ({(Severity.CRITICAL, ObstacleKind.OTHER): 1}, 20.0, "1 open obstacle: 1 critical, costing 80 points."),
    ({(Severity.CRITICAL, ObstacleKind.ESCALATION): 1, (Severity.CRITICAL, ObstacleKind.OTHER): 1,
      (Severity.HIGH, ObstacleKind.EXEC_TURNOVER): 2}, 0.0,
     "4 open obstacles: 2 critical (1 escalation or exec turnover), 2 high (2 escalation or exec turnover), "
     "costing 305 points."),
])
def test_obstacles_part(counts, score, text):
    part = health.obstacles_part(counts)
    assert (part.key, part.name, part.score, part.weight, part.explanation) == (
        "obstacles", "Open obstacles", score, 0.25, text)


@pytest.mark.parametrize(("last", "signed", "score", "text"), [
    (None, None, 0.0, "No check-in on record."),
    (0, None, 100.0, "Last check-in 0 days ago (100 up to 14 days, 0 at 60)."),
    (-1, None, 100.0, "Last check-in 1 day ago (100 up to 14 days, 0 at 60)."),
    (-14, None, 100.0, "Last check-in 14 days ago (100 up to 14 days, 0 at 60)."),
    (-15, None, 97.8, "Last check-in 15 days ago (100 up to 14 days, 0 at 60)."),
    (-37, -400, 50.0, "Last check-in 37 days ago (100 up to 14 days, 0 at 60)."),
    (-59, None, 2.2, "Last check-in 59 days ago (100 up to 14 days, 0 at 60)."),
    (-60, None, 0.0, "Last check-in 60 days ago (100 up to 14 days, 0 at 60)."),
    (-61, None, 0.0, "Last check-in 61 days ago (100 up to 14 days, 0 at 60)."),
    (3, None, 100.0, "Last check-in 0 days ago (100 up to 14 days, 0 at 60)."),  # dated ahead: not negative
    (None, -15, 97.8, "No check-in yet, 15 days since the contract was signed (100 up to 14 days, 0 at 60)."),
    (None, -1, 100.0, "No check-in yet, 1 day since the contract was signed (100 up to 14 days, 0 at 60)."),
])
def test_checkins_part(last, signed, score, text):
    part = health.checkins_part(day(last), day(signed), TODAY)
    assert (part.key, part.name, part.score, part.weight, part.explanation) == (
        "checkins", "Days since last check-in", score, 0.15, text)


@pytest.mark.parametrize(("done", "planned", "signed", "race", "score", "text"), [
    (0, 0, -100, 100, 0.0, "No runs in the plan: there is no training plan to follow yet."),
    (1, 4, None, 100, 50.0, "1 of 4 runs done (25%); without a contract date and a later race day the pace "
                            "cannot be judged, so this part is a neutral 50."),
    (1, 1, -100, None, 50.0, "1 of 1 run done (100%); without a contract date and a later race day the pace "
                             "cannot be judged, so this part is a neutral 50."),
    (0, 2, 0, 0, 50.0, "0 of 2 runs done (0%); without a contract date and a later race day the pace "
                       "cannot be judged, so this part is a neutral 50."),
    (0, 2, 10, 5, 50.0, "0 of 2 runs done (0%); without a contract date and a later race day the pace "
                        "cannot be judged, so this part is a neutral 50."),
    # half the time gone, half the runs done: on pace
    (2, 4, -100, 100, 100.0, "2 of 4 runs done (50%) with 50% of the time to race day gone (14 weeks left): on pace."),
    # half the time gone, a quarter done: 25 points behind costs 50
    (1, 4, -100, 100, 50.0, "1 of 4 runs done (25%) with 50% of the time to race day gone "
                            "(14 weeks left): 25 points behind."),
    # ahead of the clock is not a bonus
    (4, 4, -100, 100, 100.0, "4 of 4 runs done (100%) with 50% of the time to race day gone "
                             "(14 weeks left): on pace."),
    # before signing: no time gone yet
    (0, 3, 10, 110, 100.0, "0 of 3 runs done (0%) with 0% of the time to race day gone (15 weeks left): on pace."),
    # after race day: all the time gone, no weeks left
    (1, 4, -200, -10, 0.0, "1 of 4 runs done (25%) with 100% of the time to race day gone "
                           "(0 weeks left): 75 points behind."),
    # race day tomorrow after a 7-day contract: 6/7 gone
    (0, 1, -6, 1, 0.0, "0 of 1 run done (0%) with 86% of the time to race day gone (0 weeks left): 86 points behind."),
    # 0.4 points behind still reads as on pace; 0.6 does not
    (496, 1000, -500, 500, 99.2, "496 of 1000 runs done (50%) with 50% of the time to race day gone "
                                 "(71 weeks left): on pace."),
    (494, 1000, -500, 500, 98.8, "494 of 1000 runs done (49%) with 50% of the time to race day gone "
                                 "(71 weeks left): 1 point behind."),
    # exactly half a point behind rounds to none: on pace, never "0 points behind"
    (0, 1, -1, 199, 99.0, "0 of 1 run done (0%) with 0% of the time to race day gone (28 weeks left): on pace."),
    (985, 1000, -500, 500, 100.0, "985 of 1000 runs done (98%) with 50% of the time to race day gone "
                                  "(71 weeks left): on pace."),
    (1, 1, -7, 7, 100.0, "1 of 1 run done (100%) with 50% of the time to race day gone (1 week left): on pace."),
])
def test_progress_part(done, planned, signed, race, score, text):
    part = health.progress_part(done, planned, day(signed), day(race), TODAY)
    assert (part.key, part.name, part.score, part.weight, part.explanation) == (
        "progress", "Plan progress to race day", score, 0.15, text)


@given(done=st.integers(0, 40), extra=st.integers(0, 40), signed=st.integers(-400, 30), span=st.integers(1, 500))
def test_progress_costs_two_points_per_point_behind_the_clock(done, extra, signed, span):
    planned = done + extra
    part = health.progress_part(done, planned, day(signed), day(signed + span), TODAY)
    if planned == 0:
        assert part.score == 0.0
        return
    gone = min(1.0, max(0.0, -signed / span))
    behind = max(0.0, gone - done / planned) * 100
    assert part.score == round(max(0.0, 100 - 2 * behind), 1)


def test_the_score_is_the_rounded_weighted_sum_and_the_weakest_part_drags_most():
    parts = (health.compliance_part(4, 3, 0), health.obstacles_part({(Severity.HIGH, ObstacleKind.OTHER): 1}),
             health.checkins_part(TODAY, None, TODAY), health.progress_part(0, 0, None, None, TODAY),
             health.coverage_part(Coverage(active=3, sponsors=1)))
    h = health.combine(7, parts)
    assert (h.account_id, h.score) == (7, 66)  # 0.25*75 + 0.25*50 + 0.15*100 + 0.15*0 + 0.2*100 = 66.25
    assert [round(p.drag, 2) for p in h.parts] == [6.25, 12.5, 0.0, 15.0, 0.0]
    assert h.weakest.key == "progress"
    assert h.part("obstacles") is parts[1]
    h2 = health.combine(8, parts[:3] + (health.progress_part(1, 1, None, None, TODAY), parts[4]))
    assert h2.score == 74 and h2.weakest.key == "obstacles"  # 18.75 + 12.5 + 15 + 7.5 + 20 = 73.75


def test_names_and_short_names_cover_every_part():
    assert health.NAMES == {
        "compliance": "Milestone compliance (8 weeks)", "obstacles": "Open obstacles",
        "checkins": "Days since last check-in", "progress": "Plan progress to race day",
        "coverage": "Relationship coverage"}
    assert health.SHORT_NAMES == {
        "compliance": "compliance", "obstacles": "obstacles", "checkins": "check-ins", "progress": "plan progress",
        "coverage": "relationships"}
    assert health.WEIGHTS == {"compliance": 0.25, "obstacles": 0.25, "checkins": 0.15, "progress": 0.15,
                              "coverage": 0.20}


def test_asking_for_a_deleted_account_says_so(book_db):
    with scratch(book_db) as s:
        with pytest.raises(DomainError) as info:
            health.account_health(s, 10_000, TODAY)
    assert info.value.message == "That account no longer exists (it may have been deleted)."


def test_a_big_book_gets_every_weekly_score_stored(book_db):
    """More accounts than one insert statement takes: the scores go in two statements, none lost."""
    with scratch(book_db) as s:
        s.add_all([Account(name=f"Big {n}") for n in range(2001)])
        s.flush()
        assert health.snapshot_week(s, TODAY) == 2001
        assert health.backfill_week(s, TODAY, 1) == 2001
        stored = Counter(week for _, week in _snapshots(s))
    assert stored == {date(2026, 11, 23): 2001, date(2026, 11, 16): 2001}
