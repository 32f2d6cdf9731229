"""One My week page's data read in one call: the same as each read alone, and the health of
exactly the accounts whose runs the page shows."""

from datetime import date, timedelta

from csplanner.core import coach_views, read, season_views, week, week_read
from csplanner.core.services import accounts, milestones

MONDAY = date(2026, 11, 23)
TODAY = date(2026, 11, 25)


def _book(db):
    """Runs of Ada and Bea on Monday, of Cy on Tuesday; overdue runs of Dee and Eve."""
    with db.session() as s:
        ids = {n: accounts.create(s, name=n, renewal=TODAY + timedelta(days=40)).id for n in ("Ada", "Bea", "Cy", "Dee", "Eve")}
        for name, day in (("Ada", MONDAY), ("Bea", MONDAY), ("Cy", MONDAY + timedelta(days=1))):
            milestones.create(s, account_id=ids[name], title="Run", planned_on=day)
        for name, day in (("Dee", TODAY - timedelta(days=20)), ("Eve", TODAY - timedelta(days=10))):
            milestones.create(s, account_id=ids[name], title="Late", planned_on=day)
    return ids


def test_the_page_read_in_one_call_equals_each_read_alone(db):
    _book(db)
    got = week_read.read_week(db, MONDAY, TODAY, day_cap=25, list_cap=12)
    assert got.plan == read.week_plan(db, MONDAY, TODAY)
    assert got.load == coach_views.load_parts(db, MONDAY)
    assert got.steps == season_views.open_steps(db, TODAY, until=MONDAY + timedelta(days=6))
    assert got.health == read.health_many(db, sorted(got.health), TODAY) and len(got.health) == 5
    kept = ([], [])
    assert week_read.read_week(db, MONDAY, TODAY, day_cap=25, list_cap=12, races_and_missed=kept).plan.races == []


def test_health_of_the_first_runs_of_each_day_and_of_the_first_overdue_ones(db):
    ids = _book(db)
    plan = read.week_plan(db, MONDAY, TODAY)
    assert week_read.shown_accounts(plan, 2, 2) == set(ids.values())
    assert week_read.shown_accounts(plan, 1, 1) == {ids["Ada"], ids["Cy"], ids["Dee"]}  # first by name, by day
    assert week_read.shown_accounts(plan, 0, 0) == set()
    got = week_read.read_week(db, MONDAY, TODAY, day_cap=1, list_cap=1)
    assert set(got.health) == {ids["Ada"], ids["Cy"], ids["Dee"]}


def test_an_owners_page(db):
    with db.session() as s:
        mine = accounts.create(s, name="Mine", owner="ana").id
        theirs = accounts.create(s, name="Theirs", owner="bob").id
        for aid in (mine, theirs):
            milestones.create(s, account_id=aid, title="Run", planned_on=MONDAY)
    got = week_read.read_week(db, MONDAY, TODAY, day_cap=25, list_cap=12, owner="ana")
    assert [i.account_name for _d, items in got.plan.days for i in items] == ["Mine"]
    assert set(got.load.by_account) == {mine} and set(got.health) == {mine}
    assert isinstance(got.plan, week.WeekPlan)


def test_the_contacts_to_call_by_the_weeks_end_are_picked_with_it(db):
    from csplanner.core.cadence import to_call
    from csplanner.core.enums import StakeholderRole
    from csplanner.core.services import stakeholders

    ids = _book(db)
    with db.session() as s:
        for name in ("Ada", "Bea"):
            stakeholders.create(s, account_id=ids[name], name=f"{name}'s champion", role=StakeholderRole.CHAMPION)
    everyone = coach_views.contacts(db, TODAY)
    assert everyone  # never met since the contract: due or overdue
    for monday in (MONDAY, MONDAY + timedelta(weeks=3)):
        got = week_read.read_week(db, monday, TODAY, day_cap=25, list_cap=12, contacts=everyone)
        assert got.calls == to_call(everyone, monday + timedelta(days=6))
    assert week_read.read_week(db, MONDAY, TODAY, day_cap=25, list_cap=12).calls is None  # none given
