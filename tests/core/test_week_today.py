"""My week's two lists that depend on today alone (races coming up, missed training), as the
screen reads them again after an edit: the same as the whole week's, for the accounts asked."""

from dataclasses import replace
from datetime import timedelta

from csplanner.core import health, week
from csplanner.core.services import accounts, checkins
from tests.conftest import TODAY

DAY = timedelta(days=1)


def test_races_and_missed_training_are_the_weeks_lists_for_the_accounts_and_owner_asked(db):
    with db.session() as s:
        ana = accounts.create(s, name="Ana's", owner="ana", renewal=TODAY + 30 * DAY).id
        bob = accounts.create(s, name="Bob's", owner="bob", renewal=TODAY + 10 * DAY).id
        nobody = accounts.create(s, name="Nobody's", renewal=TODAY + 20 * DAY).id
        accounts.create(s, name="Later", renewal=TODAY + 200 * DAY)
        checkins.create(s, account_id=ana, held_on=TODAY - 20 * DAY)
        checkins.create(s, account_id=bob, held_on=TODAY - 30 * DAY)
    with db.session() as s:
        everyone = week.races_and_missed(s, TODAY)
        assert everyone == (week.races(s, TODAY), week.missed_training(s, TODAY))
        assert [r.account_id for r in everyone[0]] == [bob, nobody, ana]  # soonest race first
        assert [q.account_name for q in everyone[1]] == ["Later", "Nobody's", "Bob's", "Ana's"]  # never met first
        mine = week.races_and_missed(s, TODAY, owner="ana")
        assert [r.account_id for r in mine[0]] == [nobody, ana]  # theirs and the unassigned
        assert [q.account_name for q in mine[1]] == ["Later", "Nobody's", "Ana's"]
        two = week.races_and_missed(s, TODAY, [ana, bob])
        assert ([r.account_id for r in two[0]], [q.account_id for q in two[1]]) == ([bob, ana], [bob, ana])
        read = health.account_health(s, ana, TODAY)
        known = {ana: replace(read, score=7)}  # health already read for this account is used as it is
        races, _ = week.races_and_missed(s, TODAY, [ana, bob], known=known)
        assert [(r.account_id, r.health) for r in races] == [
            (bob, health.account_health(s, bob, TODAY).score), (ana, 7)]
