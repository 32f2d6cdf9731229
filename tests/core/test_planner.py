"""The Monday planner: load against capacity, exact priority points, keep/defer within the hours."""

from datetime import date, timedelta

import pytest

from csplanner.core import load, planner, realign, settings
from csplanner.core.enums import MilestoneStatus, RunType, StakeholderRole
from csplanner.core.planner import Candidate
from csplanner.core.services import accounts, checkins, milestones, stakeholders

MONDAY = date(2026, 11, 23)
TODAY = date(2026, 11, 25)


def cand(i, *, race=None, health=100, arr=0, late=0, hours=3.0, day=MONDAY):
    return Candidate(i, i, f"Acct {i}", f"Run {i}", day, hours, race, health, arr * 100_000, "USD", late)  # arr: $k


@pytest.mark.parametrize(("c", "top", "expected"), [
    (cand(1), 100 * 100_000, 0.0),
    (cand(1, race=0), 100 * 100_000, 40.0),
    (cand(1, race=-5), 100 * 100_000, 40.0),  # race day passed: as urgent as today
    (cand(1, race=30), 100 * 100_000, 30.0),
    (cand(1, race=120), 100 * 100_000, 0.0),
    (cand(1, health=40), 100 * 100_000, 18.0),
    (cand(1, arr=50), 100 * 100_000, 10.0),
    (cand(1, late=7), 100 * 100_000, 5.0),
    (cand(1, late=30), 100 * 100_000, 10.0),  # capped at 14 days
    (cand(1, race=60, health=50, arr=100, late=14), 100 * 100_000, 65.0),
])
def test_points(c, top, expected):
    assert planner.points(c, top) == expected


def test_rank_keeps_the_most_urgent_while_hours_last():
    runs = [cand(1, race=200, health=90, arr=10),  # 3 + 2 = 5 points
            cand(2, race=10, health=60, arr=40),  # 36.7 + 12 + 8 = 56.7
            cand(3, race=100, health=30, arr=100, hours=6.0),  # 6.7 + 21 + 20 = 47.7
            cand(4, late=14, hours=1.0)]  # 10
    out = planner.rank(runs, 6.0)
    assert [(ch.candidate.run_id, ch.points, ch.keep) for ch in out] == [
        (2, 56.7, True), (3, 47.7, False), (4, 10.0, True), (1, 5.0, False)]  # 4 still fits after 3 did not
    assert out[0].why == "race day in 10 days, health 60, ARR USD 40k: kept (56.7 points; 3 h left after it)"
    assert out[1].why.endswith("deferred a week (47.7 points; 6 h do not fit in the 3 h left)")
    assert out[2].why == "no race day, health 100, ARR USD 0, 14 days late: kept (10 points; 2 h left after it)"
    assert out[1].defer_to == MONDAY + timedelta(days=7)


def test_ties_go_to_the_earlier_day_then_the_lower_id():
    out = planner.rank([cand(2, day=MONDAY + timedelta(days=1)), cand(3), cand(1)], 3.0)
    assert [(ch.candidate.run_id, ch.keep) for ch in out] == [(1, True), (3, False), (2, False)]


def _book(db):
    with db.session() as s:
        near = accounts.create(s, name="Near", contract_signed=date(2026, 1, 1), renewal=TODAY + timedelta(days=12),
                               arr_minor=1_000_000_00)
        far = accounts.create(s, name="Far", contract_signed=date(2026, 1, 1), renewal=TODAY + timedelta(days=300),
                              arr_minor=10_000_00)
        for a in (near, far):
            p = stakeholders.create(s, account_id=a.id, name="Sam", role=StakeholderRole.EXEC_SPONSOR).id
            stakeholders.create(s, account_id=a.id, name="Cleo", role=StakeholderRole.CHAMPION)
            checkins.create(s, account_id=a.id, held_on=MONDAY, attendee_ids=[p])  # 0.5 h each
        ids = {}
        for a, rt, day in ((near, RunType.LONG, MONDAY + timedelta(days=3)), (far, RunType.LONG, MONDAY),
                           (far, RunType.SPRINT, MONDAY + timedelta(days=5))):
            ids[(a.name, rt)] = milestones.create(s, account_id=a.id, title=f"{a.name} {rt}", planned_on=day,
                                                  run_type=rt).id
        done = milestones.create(s, account_id=far.id, title="Done", planned_on=MONDAY, run_type=RunType.MEDIUM)
        milestones.mark(s, done.id, MilestoneStatus.DONE, on=MONDAY + timedelta(days=1))
        return ids


def test_week_load_per_day_against_capacity(db):
    _book(db)
    with db.session() as s:
        week = load.week_load(s, MONDAY, settings.load(s))
    assert [(d.hours, d.capacity) for d in week.days] == [
        (7.0, 6.4), (3.0, 6.4), (0.0, 6.4), (6.0, 6.4), (0.0, 6.4), (1.0, 0.0), (0.0, 0.0)]
    assert (week.hours, week.capacity, week.over) == (17.0, 32.0, False)
    assert [d.over for d in week.days] == [True, False, False, False, False, True, False]


def test_propose_defers_the_far_account_first_and_applies_as_one_edit(db):
    ids = _book(db)
    with db.session() as s:
        prop = planner.propose(s, MONDAY, TODAY, week_hours=11.0)
    assert prop.fixed_hours == 4.0  # two check-ins and a done medium run
    got = {ch.candidate.title: ch.keep for ch in prop.choices}
    assert got == {"Near long": True, "Far long": False, "Far sprint": True}
    assert prop.kept_hours == 11.0
    moves = planner.moves(prop.choices)
    assert [(m.run_id, m.after) for m in moves] == [(ids[("Far", RunType.LONG)], MONDAY + timedelta(days=7))]
    with db.session() as s:
        realign.MoveRuns(moves).apply(s)
        assert s.get(milestones.Milestone, ids[("Far", RunType.LONG)]).planned_on == MONDAY + timedelta(days=7)


def test_arr_counts_within_its_own_currency():
    usd_big, usd_small = cand(1, arr=100), cand(2, arr=50)
    yen = Candidate(3, 3, "Acct 3", "Run 3", MONDAY, 3.0, None, 100, 100_000_000, "JPY", 0)  # JPY 100m: its top
    out = {ch.candidate.run_id: ch.points for ch in planner.rank([usd_big, usd_small, yen], 99.0)}
    assert out == {1: 20.0, 2: 10.0, 3: 20.0}  # not 100 000 000 minor units against 10 000 000
