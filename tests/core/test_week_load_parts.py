"""My week's load kept per account: exact hours per account and day, the same week as read whole,
and after an edit, one account read again and merged equals the whole week read again."""

from dataclasses import replace
from datetime import date, timedelta

from csplanner.core import health, load, settings, week
from csplanner.core.enums import MilestoneStatus, RunType
from csplanner.core.services import accounts, checkins, milestones

MONDAY = date(2026, 11, 23)
TODAY = date(2026, 11, 25)


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def _book(db):
    """Ana's account A, an unassigned B, Bob's C and an archived D, with runs of every kind."""
    with db.session() as s:
        a = accounts.create(s, name="A", owner="ana").id
        b = accounts.create(s, name="B").id
        c = accounts.create(s, name="C", owner="bob").id
        d = accounts.create(s, name="D", archived=True).id
        run = lambda aid, rt, on, **kw: milestones.create(s, account_id=aid, title=f"{rt} {on}", planned_on=on,  # noqa: E731
                                                           run_type=rt, **kw).id
        run(a, RunType.SPRINT, day(0))  # 1 h on Monday
        run(a, RunType.LONG, day(0))  # 6 h on Monday
        late = run(a, RunType.MEDIUM, day(-3))  # planned last Friday, done on Tuesday: 3 h on Tuesday
        milestones.mark(s, late, MilestoneStatus.DONE, on=day(1))
        early = run(a, RunType.LONG, day(2))  # done last week: not this week's hours
        milestones.mark(s, early, MilestoneStatus.DONE, on=day(-1))
        for status in (MilestoneStatus.MISSED, MilestoneStatus.SKIPPED):  # cost nothing
            milestones.mark(s, run(a, RunType.LONG, day(2)), status)
        run(a, RunType.LONG, day(7))  # next Monday
        run(a, RunType.SPRINT, day(-1))  # last Sunday, still planned: overdue, not this week's hours
        after = run(a, RunType.LONG, day(6))  # Sunday's run done next Monday
        milestones.mark(s, after, MilestoneStatus.DONE, on=day(7))
        for on in (day(-1), day(7)):
            checkins.create(s, account_id=b, held_on=on)
        run(b, RunType.RACE, day(5))  # 2 h on Saturday
        checkins.create(s, account_id=b, held_on=day(3))  # 0.5 h on Thursday
        c_run = run(c, RunType.MEDIUM, day(2))  # 3 h on Wednesday
        run(d, RunType.LONG, day(0))  # archived: left out
        return a, b, c, d, c_run


def parts(db, owner=None, ids=None, week_hours=None):
    with db.session() as s:
        return load.load_parts(s, MONDAY, settings.load(s), week_hours, owner, ids)


def test_hours_per_account_and_day_exactly(db):
    a, b, c, d, _ = _book(db)
    got = parts(db)
    assert got.by_account == {a: {day(0): 7.0, day(1): 3.0}, b: {day(3): 0.5, day(5): 2.0}, c: {day(2): 3.0}}
    whole = got.week
    assert [(x.day, x.hours, x.capacity) for x in whole.days] == [
        (day(0), 7.0, 6.4), (day(1), 3.0, 6.4), (day(2), 3.0, 6.4), (day(3), 0.5, 6.4), (day(4), 0.0, 6.4),
        (day(5), 2.0, 0.0), (day(6), 0.0, 0.0)]
    assert (whole.hours, whole.capacity, whole.over) == (15.5, 32.0, False)
    with db.session() as s:
        assert whole == load.week_load(s, MONDAY, settings.load(s))  # the same as read whole


def test_an_owner_counts_their_accounts_and_the_unassigned(db):
    a, b, _c, _d, _ = _book(db)
    assert parts(db, owner="ana").by_account == {a: {day(0): 7.0, day(1): 3.0}, b: {day(3): 0.5, day(5): 2.0}}
    assert parts(db, owner="zoe").by_account == {b: {day(3): 0.5, day(5): 2.0}}


def test_only_the_accounts_asked_for_and_the_weeks_own_hours(db):
    a, _b, c, d, _ = _book(db)
    assert parts(db, ids=[a, d]).by_account == {a: {day(0): 7.0, day(1): 3.0}}  # D is archived
    mine = parts(db, ids=[c], week_hours=20.0)
    assert (mine.capacity, mine.day_capacity) == (20.0, (4.0, 4.0, 4.0, 4.0, 4.0, 0.0, 0.0))
    assert [x.hours for x in mine.week.days] == [0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 0.0]
    assert mine.week.over is False and mine.week.days[2].over is False


def test_one_account_read_again_and_merged_equals_the_whole_week_read_again(db):
    a, b, c, _d, c_run = _book(db)
    shown = parts(db)
    with db.session() as s:
        milestones.mark(s, c_run, MilestoneStatus.DONE, on=day(3))  # Wednesday's run done on Thursday
        checkins.create(s, account_id=c, held_on=day(3))
        for m in milestones.for_account(s, a):
            s.delete(m)  # A has no hours left this week
    merged = shown.merged(parts(db, ids=[a, c]), [a, c])
    assert merged == parts(db)
    assert merged.by_account == {b: {day(3): 0.5, day(5): 2.0}, c: {day(3): 3.5}}
    assert [x.hours for x in merged.week.days] == [0.0, 0.0, 0.0, 4.0, 0.0, 2.0, 0.0]
    untouched = shown.merged(parts(db, ids=[a, c]), [c])  # A's rows kept as they were shown
    assert untouched.by_account[a] == {day(0): 7.0, day(1): 3.0}


def test_the_same_accounts_read_again_after_an_edit_and_for_another_owner_or_week(db):
    a, b, c, _d, c_run = _book(db)
    assert parts(db, ids=[c]).by_account == {c: {day(2): 3.0}}
    with db.session() as s:
        milestones.mark(s, c_run, MilestoneStatus.DONE, on=day(4))  # Wednesday's run done on Friday
    assert parts(db, ids=[c]).by_account == {c: {day(4): 3.0}}  # the edit, though asked the same way
    assert parts(db, ids=[b, c]).by_account == {b: {day(3): 0.5, day(5): 2.0}, c: {day(4): 3.0}}
    assert parts(db, owner="bob", ids=[a, c]).by_account == {c: {day(4): 3.0}}  # A is Ana's
    with db.session() as s:
        next_week = load.load_parts(s, MONDAY + timedelta(days=7), settings.load(s), None, None, [a, b])
    assert next_week.by_account == {a: {day(7): 12.0}, b: {day(7): 0.5}}  # a run planned, one done then


def test_a_day_over_its_capacity(db):
    a, *_ = _book(db)
    with db.session() as s:
        milestones.create(s, account_id=a, title="Long", planned_on=day(4), run_type=RunType.LONG)
        milestones.create(s, account_id=a, title="Sprint", planned_on=day(4), run_type=RunType.SPRINT)
    friday = parts(db).week.days[4]
    assert (friday.hours, friday.over) == (7.0, True)  # 6.4 h a day


def test_races_take_the_health_already_read(db):
    with db.session() as s:
        near = accounts.create(s, name="Near", renewal=TODAY + timedelta(days=10)).id
        far = accounts.create(s, name="Far", renewal=TODAY + timedelta(days=40)).id
        read_now = health.health_many(s, [near, far], TODAY)
        known = {near: replace(read_now[near], score=12)}
        got = {r.account_id: r.health for r in week.races(s, TODAY, known=known)}
        assert got == {near: 12, far: read_now[far].score}
        assert week.week_plan(s, MONDAY, TODAY, scores=known).races[0].health == 12


def test_the_days_hours_leave_out_the_runs_asked_for(db):
    """Realign previews count the day's hours without the runs being moved."""
    a, b, c, _d, c_run = _book(db)
    with db.session() as s:
        prefs = settings.load(s)
        whole = load.daily_hours(s, day(0), day(6), prefs)
        without = load.daily_hours(s, day(0), day(6), prefs, leave_out=[c_run])
        mine = load.daily_hours(s, day(0), day(6), prefs, owner="ana")
    assert whole == {day(0): 7.0, day(1): 3.0, day(2): 3.0, day(3): 0.5, day(5): 2.0}
    assert without == {day(0): 7.0, day(1): 3.0, day(3): 0.5, day(5): 2.0}  # C's Wednesday run left out
    assert mine == {day(0): 7.0, day(1): 3.0, day(3): 0.5, day(5): 2.0}  # Ana's and the unassigned


def test_races_and_missed_training_of_some_accounts_for_an_owner(db):
    with db.session() as s:
        ana = accounts.create(s, name="Ana's", owner="ana", renewal=TODAY + timedelta(days=30)).id
        bob = accounts.create(s, name="Bob's", owner="bob", renewal=TODAY + timedelta(days=30)).id
        free = accounts.create(s, name="Free", renewal=TODAY + timedelta(days=121)).id  # beyond the horizon
        checkins.create(s, account_id=free, held_on=TODAY - timedelta(days=14))  # quiet since exactly 14 days
        races, missed = week.races_and_missed(s, TODAY, {ana, bob, free}, owner="ana")
        assert [r.account_id for r in races] == [ana]
        assert [(q.account_id, q.days_since) for q in missed] == [(ana, None), (free, 14)]
        races, missed = week.races_and_missed(s, TODAY, {bob})
        assert [r.account_id for r in races] == [bob] and [q.account_id for q in missed] == [bob]
