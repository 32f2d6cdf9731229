"""My week after an edit: one account's rows read again and merged into the plan shown equal the
whole plan read again, section by section, with names that sort differently in upper case."""

from datetime import date, timedelta

from csplanner.core import week
from csplanner.core.enums import Severity
from csplanner.core.models import Account, Milestone
from csplanner.core.services import accounts, checkins, milestones, obstacles

TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = date(2026, 11, 23)


def test_merging_one_accounts_rows_read_again_equals_the_whole_week_read_again(db):
    with db.session() as s:
        ids = []
        # '_' sorts before letters in lower case and after them in upper case
        for n, name in enumerate(["AcmeCorp", "Acme_EU", "Acme_AP"]):
            a = accounts.create(s, name=name, renewal=TODAY + timedelta(days=30 + n))
            ids.append(a.id)
            milestones.create(s, account_id=a.id, title="Run", planned_on=TODAY + timedelta(days=1))
            milestones.create(s, account_id=a.id, title="Late run", planned_on=TODAY - timedelta(days=9 - n))
            obstacles.create(s, account_id=a.id, title="Gap", opened_on=TODAY - timedelta(days=3),
                             severity=Severity.HIGH)
            checkins.create(s, account_id=a.id, held_on=TODAY - timedelta(days=20), summary="Last call")
            checkins.create(s, account_id=a.id, held_on=TODAY + timedelta(days=2), summary="Planned call")
        before = week.week_plan(s, MONDAY, TODAY)
        assert [i.account_name for i in dict(before.days)[TODAY + timedelta(days=1)]] == [
            "Acme_AP", "Acme_EU", "AcmeCorp"]
        assert [o.account_name for o in before.obstacles] == ["Acme_AP", "Acme_EU", "AcmeCorp"]
        assert [q.account_name for q in before.missed_training] == ["Acme_AP", "Acme_EU", "AcmeCorp"]
        assert len(before.overdue) == len(before.checkins) == len(before.races) == 3

        edited = s.get(Account, ids[1])
        edited.name, edited.name_key = "Acme_EV", "acme_ev"  # renamed: every section shows it
        s.add(edited)
        s.flush()
        part = week.week_plan(s, MONDAY, TODAY, {ids[1]})
        whole = week.week_plan(s, MONDAY, TODAY)
        merged = week.merged(before, part, [ids[1]])
        assert merged.days == whole.days
        assert merged.overdue == whole.overdue and merged.checkins == whole.checkins
        assert merged.obstacles == whole.obstacles and merged.races == whole.races
        assert merged.missed_training == whole.missed_training
        assert merged == whole


def test_my_week_for_one_owner_shows_theirs_and_the_unassigned(db):
    with db.session() as s:
        for name, owner in (("Ana's", "ana"), ("Bob's", "bob"), ("Nobody's", "")):
            a = accounts.create(s, name=name, owner=owner, renewal=TODAY + timedelta(days=30))
            milestones.create(s, account_id=a.id, title="Run", planned_on=TODAY)
        mine = week.week_plan(s, MONDAY, TODAY, owner="ana")
        everyone = week.week_plan(s, MONDAY, TODAY)
    assert [i.account_name for i in dict(mine.days)[TODAY]] == ["Ana's", "Nobody's"]
    assert [r.account_name for r in mine.races] == ["Ana's", "Nobody's"]
    assert [q.account_name for q in mine.missed_training] == ["Ana's", "Nobody's"]  # never checked in
    assert [i.account_name for i in dict(everyone.days)[TODAY]] == ["Ana's", "Bob's", "Nobody's"]


def test_quiet_accounts_and_races_of_some_accounts_only(db):
    with db.session() as s:
        ids = [accounts.create(s, name=name, renewal=TODAY + timedelta(days=10)).id for name in ("Ada", "Bea", "Cy")]
        assert [q.account_name for q in week.missed_training(s, TODAY, account_ids=[ids[1]])] == ["Bea"]
        assert [r.account_name for r in week.races(s, TODAY, account_ids=[ids[0], ids[2]])] == ["Ada", "Cy"]
        assert [q.account_name for q in week.missed_training(s, TODAY)] == ["Ada", "Bea", "Cy"]


def test_merging_rows_an_account_gains_or_loses_equals_the_whole_week_read_again(db):
    """An account with no rows in a list gets its first (at its place among the others'), one
    loses its last, and lists of accounts not edited are the very lists shown before."""
    with db.session() as s:
        ids = {}
        for n, name in enumerate(["Ada", "Bea", "Cy"]):
            ids[name] = accounts.create(s, name=name, renewal=TODAY + timedelta(days=20 + n)).id
        for name, days in (("Ada", 0), ("Cy", 2)):
            milestones.create(s, account_id=ids[name], title="Run", planned_on=TODAY + timedelta(days=days))
            milestones.create(s, account_id=ids[name], title="Late", planned_on=TODAY - timedelta(days=9 + days))
            checkins.create(s, account_id=ids[name], held_on=TODAY + timedelta(days=days))
            obstacles.create(s, account_id=ids[name], title="Gap", opened_on=TODAY - timedelta(days=5 + days),
                             severity=Severity.HIGH)
        gone = milestones.create(s, account_id=ids["Cy"], title="Only run", planned_on=TODAY + timedelta(days=3))
        before = week.week_plan(s, MONDAY, TODAY)
        bea = ids["Bea"]  # her first run (between Ada's and Cy's), overdue run, check-in and obstacle
        milestones.create(s, account_id=bea, title="Run", planned_on=TODAY + timedelta(days=1))
        milestones.create(s, account_id=bea, title="Late", planned_on=TODAY - timedelta(days=10))
        checkins.create(s, account_id=bea, held_on=TODAY + timedelta(days=1))
        obstacles.create(s, account_id=bea, title="Gap", opened_on=TODAY - timedelta(days=6), severity=Severity.HIGH)
        s.delete(s.get(Milestone, gone.id))  # Cy's last run of that day
        s.flush()
        merged = week.merged(before, week.week_plan(s, MONDAY, TODAY, {bea, ids["Cy"]}), [bea, ids["Cy"]])
        whole = week.week_plan(s, MONDAY, TODAY)
        dee = accounts.create(s, name="Dee").id  # no runs, check-ins, obstacles nor race day
        untouched = week.merged(whole, week.week_plan(s, MONDAY, TODAY, {dee}), [dee])
    assert merged == whole
    assert [i.account_name for i in merged.overdue] == ["Cy", "Bea", "Ada"]
    assert [c.account_name for c in merged.checkins] == ["Ada", "Bea", "Cy"]
    assert [o.account_name for o in merged.obstacles] == ["Cy", "Bea", "Ada"]
    assert dict(merged.days)[TODAY + timedelta(days=3)] == []
    assert untouched.overdue is whole.overdue and untouched.checkins is whole.checkins
    assert untouched.obstacles is whole.obstacles and untouched.races is whole.races
    assert [q.account_name for q in untouched.missed_training] == ["Bea", "Cy", "Dee"]  # Ada had one today
