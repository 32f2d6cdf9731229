"""My week after an edit: one account's rows read again and merged into the plan shown equal the
whole plan read again, section by section, with names that sort differently in upper case."""

from datetime import date, timedelta

from csplanner.core import week
from csplanner.core.enums import Severity
from csplanner.core.models import Account
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
