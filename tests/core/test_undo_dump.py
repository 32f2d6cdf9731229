"""Undoing a delete puts back the record and everything that hung off it, with the same ids."""

from datetime import date

from sqlmodel import select

from csplanner.core.models import Account, CheckIn, Milestone, Obstacle, ObstacleMilestone, Stakeholder
from csplanner.core.services import accounts, checkins, milestones, obstacles, undo_dump, stakeholders


def test_account_delete_and_restore_roundtrip(db):
    with db.session() as s:
        a = accounts.create(s, name="Acme", goal="Close books in 2 days").id
        stakeholders.create(s, account_id=a, name="Ana")
        m = milestones.create(s, account_id=a, title="Kickoff", planned_on=date(2026, 1, 8)).id
        o = obstacles.create(s, account_id=a, title="Outage", opened_on=date(2026, 1, 9), milestone_ids=[m]).id
        checkins.create(s, account_id=a, held_on=date(2026, 1, 10), summary="Good call")
    with db.session() as s:
        rows = undo_dump.dump(s, Account, a)
        accounts.delete(s, a)
    with db.session() as s:
        assert s.exec(select(Milestone)).all() == []
        undo_dump.restore(s, rows)
    with db.session() as s:
        assert accounts.get(s, a).goal == "Close books in 2 days"
        assert [x.name for x in s.exec(select(Stakeholder)).all()] == ["Ana"]
        assert s.exec(select(CheckIn)).one().summary == "Good call"
        assert s.get(Obstacle, o) is not None
        assert s.exec(select(ObstacleMilestone)).one() == ObstacleMilestone(obstacle_id=o, milestone_id=m)


def test_milestone_restore_brings_back_its_obstacle_links(db):
    with db.session() as s:
        a = accounts.create(s, name="Acme").id
        m = milestones.create(s, account_id=a, title="Kickoff", planned_on=date(2026, 1, 8)).id
        o = obstacles.create(s, account_id=a, title="Outage", opened_on=date(2026, 1, 9), milestone_ids=[m]).id
        rows = undo_dump.dump(s, Milestone, m)
        milestones.delete(s, m)
    with db.session() as s:
        undo_dump.restore(s, rows)
        assert obstacles.linked_milestones(s, o) == [m]
