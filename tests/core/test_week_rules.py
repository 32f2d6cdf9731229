"""My week pinned against the rules read straight off the tables on random books, and the
boundary days of its lists (overdue cut-off, the race horizon, the silence that counts as missed)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from csplanner.core import cadence, health, week
from csplanner.core.enums import CheckInKind, MilestoneStatus, ObstacleKind, RunType, Severity
from csplanner.core.models import Account, CheckIn, Milestone, Obstacle
from tests.core.books import TODAY, book_lists, insert, insert_people, module_database, scratch, teams

RANK = {Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.MEDIUM: 2, Severity.LOW: 3}


@pytest.fixture(scope="module")
def book_db(tmp_path_factory):
    yield from module_database(tmp_path_factory, "week")


def expected_plan(s, start: date, today: date) -> week.WeekPlan:
    names = {a.id: a.name for a in s.exec(select(Account).order_by(Account.id)).all() if not a.archived}
    end = start + timedelta(days=6)
    runs = [m for m in s.exec(select(Milestone).order_by(Milestone.id)).all() if m.account_id in names]

    def item(m: Milestone) -> week.MilestoneItem:
        return week.MilestoneItem(m.id, m.account_id, names[m.account_id], m.title, m.planned_on,
                                  RunType(m.run_type), MilestoneStatus(m.status),
                                  m.status == MilestoneStatus.PLANNED and m.planned_on < today, m.version)

    days = []
    for i in range(7):
        d = start + timedelta(days=i)
        on = [item(m) for m in runs if m.planned_on == d and m.status != MilestoneStatus.SKIPPED]
        on.sort(key=lambda x: (x.status != MilestoneStatus.PLANNED, x.account_name.lower(), x.title, x.milestone_id))
        days.append((d, on))
    overdue = sorted((item(m) for m in runs if m.status == MilestoneStatus.PLANNED and m.planned_on < min(start, today)),
                     key=lambda x: (x.planned_on, x.milestone_id))
    talks = [c for c in s.exec(select(CheckIn).order_by(CheckIn.held_on, CheckIn.id)).all() if c.account_id in names]
    checkins = [week.CheckInItem(c.id, c.account_id, names[c.account_id], c.held_on, CheckInKind(c.kind), c.summary)
                for c in talks if max(start, today) <= c.held_on <= end]
    troubles = [week.ObstacleItem(o.id, o.account_id, names[o.account_id], o.title, ObstacleKind(o.kind),
                                  Severity(o.severity), o.opened_on)
                for o in s.exec(select(Obstacle).order_by(Obstacle.id)).all()
                if o.account_id in names and o.resolved_on is None and o.opened_on <= end]
    troubles.sort(key=lambda o: (RANK[o.severity], o.opened_on, o.account_name.lower(), o.obstacle_id))
    races = []
    for a in sorted(s.exec(select(Account)).all(), key=lambda a: (a.renewal or date.min, a.id)):
        if a.id in names and a.renewal is not None and today <= a.renewal <= today + timedelta(days=120):
            h = health.account_health(s, a.id, today)
            races.append(week.RaceItem(a.id, a.name, a.renewal, (a.renewal - today).days, a.arr_minor, a.currency,
                                       h.score, h.weakest.name))
    quiet = []
    for aid, name in names.items():
        held = [c.held_on for c in talks if c.account_id == aid and c.held_on <= today]
        if not held:
            quiet.append(week.QuietAccount(aid, name, None, None))
        elif (today - max(held)).days >= 14:
            quiet.append(week.QuietAccount(aid, name, max(held), (today - max(held)).days))
    quiet.sort(key=lambda q: (q.days_since is not None, -(q.days_since or 0), q.account_name.lower()))
    return week.WeekPlan(start, today, days, overdue, checkins, troubles, races, quiet)


@given(book=book_lists, weeks=st.sampled_from([0, -1, 1, -2, 2]), weekday=st.sampled_from([0, 0, 0, 2, 6]),
       shift=st.sampled_from([0, -1, 1, -6, 6]))
def test_week_plan_equals_the_rules_read_off_the_tables(book_db, book, weeks, weekday, shift):
    today = TODAY + timedelta(days=shift)
    start = date(2026, 11, 23) + timedelta(weeks=weeks, days=weekday)
    with scratch(book_db) as s:
        insert(s, book)
        # two check-ins with notes on one account, so the items carry text
        s.add(CheckIn(account_id=s.exec(select(Account.id)).first(), held_on=start + timedelta(days=6),
                      kind=CheckInKind.QBR, summary="Quarterly review"))
        s.flush()
        expected = expected_plan(s, start, today)
        plan = week.week_plan(s, start, today)
        assert plan.days == expected.days
        assert plan.overdue == expected.overdue
        assert plan.checkins == expected.checkins
        assert plan.obstacles == expected.obstacles
        assert plan.races == expected.races
        assert plan.missed_training == expected.missed_training
        assert plan == expected
        assert week.races(s, today) == expected.races
        assert week.missed_training(s, today) == expected.missed_training


def test_week_plan_dates_and_counts():
    plan = week.WeekPlan(date(2026, 12, 28), TODAY, [(date(2026, 12, 28), [1, 2]), (date(2026, 12, 29), [3])],
                         [], [], [], [], [])
    assert plan.week_end == date(2027, 1, 3)
    assert plan.iso_week == (2026, 53)
    assert plan.due_count() == 3
    assert week.WeekPlan(date(2027, 1, 4), TODAY, [], [], [], [], [], []).iso_week == (2027, 1)


def test_race_horizon_and_missed_training_boundaries(book_db):
    with scratch(book_db) as s:
        rows = {name: Account(name=name, renewal=TODAY + timedelta(days=d) if d is not None else None)
                for name, d in (("Today", 0), ("Edge", 120), ("Beyond", 121), ("Yesterday", -1), ("None", None))}
        s.add_all(rows.values())
        s.flush()
        for name, ago in (("Today", 13), ("Edge", 14), ("Beyond", 15), ("Yesterday", 0)):
            s.add(CheckIn(account_id=rows[name].id, held_on=TODAY - timedelta(days=ago)))
        s.add(CheckIn(account_id=rows["None"].id, held_on=TODAY + timedelta(days=1)))  # planned, not held
        s.flush()
        assert [(r.account_name, r.days_to_race) for r in week.races(s, TODAY)] == [("Today", 0), ("Edge", 120)]
        assert [(q.account_name, q.last_checkin, q.days_since) for q in week.missed_training(s, TODAY)] == [
            ("None", None, None), ("Beyond", TODAY - timedelta(days=15), 15), ("Edge", TODAY - timedelta(days=14), 14)]


# --- orders and edges the random books rarely hit ----------------------------------------------


def _book(s, *accounts):
    rows = [Account(name=name, renewal=race) for name, race in accounts]
    s.add_all(rows)
    s.flush()
    return [r.id for r in rows]


def test_week_lists_are_in_date_order_whatever_order_they_were_entered(book_db):
    monday = date(2026, 11, 23)
    with scratch(book_db) as s:
        a, b = _book(s, ("Acme", TODAY + timedelta(days=30)), ("Bluefin", TODAY + timedelta(days=10)))
        for title, day in (("Late C", date(2026, 11, 12)), ("Late A", date(2026, 11, 2)), ("Late B", date(2026, 11, 9))):
            s.add(Milestone(account_id=a, title=title, planned_on=day))
        for day in (date(2026, 11, 29), date(2026, 11, 27), TODAY):
            s.add(CheckIn(account_id=b, held_on=day, summary=str(day)))
        s.flush()
        plan = week.week_plan(s, monday, TODAY)
    assert [i.title for i in plan.overdue] == ["Late A", "Late B", "Late C"]
    assert [c.held_on for c in plan.checkins] == [TODAY, date(2026, 11, 27), date(2026, 11, 29)]
    assert [r.account_name for r in plan.races] == ["Bluefin", "Acme"]


def test_the_weeks_last_day_counts_and_todays_run_is_not_overdue(book_db):
    monday = date(2026, 11, 23)
    with scratch(book_db) as s:
        (a,) = _book(s, ("Acme", None))
        s.add_all([Milestone(account_id=a, title="Sunday run", planned_on=date(2026, 11, 29)),
                   Milestone(account_id=a, title="Today's run", planned_on=TODAY),
                   Milestone(account_id=a, title="Next Monday", planned_on=date(2026, 11, 30)),
                   Obstacle(account_id=a, title="Opens Sunday", opened_on=date(2026, 11, 29)),
                   Obstacle(account_id=a, title="Opens Monday after", opened_on=date(2026, 11, 30))])
        s.flush()
        plan = week.week_plan(s, monday, TODAY)
    days = dict(plan.days)
    assert [(i.title, i.overdue) for i in days[TODAY]] == [("Today's run", False)]
    assert [i.title for i in days[date(2026, 11, 29)]] == ["Sunday run"]
    assert [o.title for o in plan.obstacles] == ["Opens Sunday"]
    assert plan.due_count() == 2


def test_names_sort_by_their_lower_case_letters(book_db):
    """'Acme_EU' before 'AcmeCorp': the underscore sorts between upper and lower case letters."""
    with scratch(book_db) as s:
        corp, eu = _book(s, ("AcmeCorp", None), ("Acme_EU", None))
        for aid in (corp, eu):
            s.add_all([Milestone(account_id=aid, title="Run", planned_on=TODAY),
                       Obstacle(account_id=aid, title="Gap", opened_on=TODAY)])
        s.flush()
        plan = week.week_plan(s, date(2026, 11, 23), TODAY)
    assert [i.account_name for i in dict(plan.days)[TODAY]] == ["Acme_EU", "AcmeCorp"]
    assert [o.account_name for o in plan.obstacles] == ["Acme_EU", "AcmeCorp"]
    assert [q.account_name for q in plan.missed_training] == ["Acme_EU", "AcmeCorp"]


# --- one account read again after an edit, merged into the plan shown --------------------------


@given(book=book_lists, weeks=st.sampled_from([0, -1, 1]), shift=st.sampled_from([0, -1, 6]), who=st.integers(0, 3),
       edit=st.sampled_from(["done", "planned", "move", "talk", "resolve", "archive", "rename"]),
       staff=teams)
def test_the_plan_merged_with_one_accounts_rows_read_again_equals_the_whole_plan_read_again(
        book_db, book, weeks, shift, who, edit, staff):
    """What My week does after an edit: only the touched account is read again (`Change.account_ids`)."""
    today = TODAY + timedelta(days=shift)
    start = date(2026, 11, 23) + timedelta(weeks=weeks)
    with scratch(book_db) as s:
        ids = insert(s, book)
        aid = ids[who % len(ids)]
        insert_people(s, aid, staff)
        before = week.week_plan(s, start, today)
        people_before = cadence.contacts(s, today)
        account = s.get(Account, aid)
        runs = s.exec(select(Milestone).where(Milestone.account_id == aid)).all()
        if edit in ("done", "planned"):
            for m in runs:
                m.status = MilestoneStatus(edit)
                m.done_on = today if edit == "done" else None
        elif edit == "move":
            for m in runs:
                m.planned_on += timedelta(days=3)
        elif edit == "talk":
            s.add(CheckIn(account_id=aid, held_on=today))
        elif edit == "resolve":
            for o in s.exec(select(Obstacle).where(Obstacle.account_id == aid)).all():
                o.resolved_on = today
        elif edit == "archive":
            account.archived = not account.archived
        else:
            account.name = f"A renamed {aid}"
        s.add_all([account, *runs])
        s.flush()
        part = week.week_plan(s, start, today, {aid})
        assert week.merged(before, part, [aid]) == week.week_plan(s, start, today)
        # the same plan again, this time's races and missed training handed in
        assert week.week_plan(s, start, today, races_and_missed=(part.races, part.missed_training)).races == part.races
        again = cadence.contacts(s, today, [aid], live_only=True)
        assert cadence.merged(people_before, again, [aid]) == cadence.contacts(s, today)
