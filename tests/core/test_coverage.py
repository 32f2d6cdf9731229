"""Relationship coverage: each gap's exact cost, and a new account that cannot look green."""

from datetime import date, timedelta

import pytest

from csplanner.core import coverage, health
from csplanner.core.coverage import Coverage
from csplanner.core.enums import MilestoneStatus, ObstacleKind, Severity, StakeholderRole, StakeholderStatus
from csplanner.core.present import Band, band
from csplanner.core.services import accounts, checkins, milestones, obstacles, stakeholders

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("figures", "expected"), [
    (Coverage(active=3, sponsors=1), 100),
    (Coverage(active=0), 15),  # nobody 60 + no sponsor 25
    (Coverage(active=1, sponsors=1), 60),  # single-threaded
    (Coverage(active=2, sponsors=0), 75),
    (Coverage(active=3, sponsors=1, champion_left_on=TODAY), 75),
    (Coverage(active=3, sponsors=1, due=1), 95),
    (Coverage(active=3, sponsors=1, overdue=2), 80),
    (Coverage(active=3, sponsors=1, due=1, overdue=3), 70),  # 5 + 30 capped at 30
    (Coverage(active=1, sponsors=0, champion_left_on=TODAY, overdue=1), 0),  # 40 + 25 + 25 + 10
])
def test_each_gap_costs_its_points(figures, expected):
    assert coverage.score(figures)[0] == expected


def test_the_sentence_names_the_gaps():
    text = coverage.score(Coverage(active=1, sponsors=0, champion_left_on=date(2026, 11, 1), due=1))[1]
    assert text == ("Single-threaded: one active stakeholder (−40), no active exec sponsor (−25), "
                    "champion left on 2026-11-01 (−25), 1 contact due for a call (−5).")


def test_a_new_account_with_nobody_is_not_green(db):
    with db.session() as s:
        a = accounts.create(s, name="Fresh", contract_signed=TODAY - timedelta(days=3),
                            renewal=TODAY + timedelta(days=362))
        h = health.account_health(s, a.id, TODAY)
    assert h.part("coverage").score == 15
    assert band(h.score) != Band.GREEN
    assert h.score == 56  # 0.25 * 50 + 0.25 * 100 + 0.15 * 100 + 0.15 * 0 + 0.2 * 15 = 55.5


def test_figures_from_the_book(db):
    signed = TODAY - timedelta(days=200)
    with db.session() as s:
        a = accounts.create(s, name="Alder", contract_signed=signed)
        sponsor = stakeholders.create(s, account_id=a.id, name="Sam", role=StakeholderRole.EXEC_SPONSOR).id
        stakeholders.create(s, account_id=a.id, name="Cleo", role=StakeholderRole.CHAMPION,
                            status=StakeholderStatus.LEFT, left_on=TODAY - timedelta(days=90))
        stakeholders.create(s, account_id=a.id, name="Old", role=StakeholderRole.CHAMPION,
                            status=StakeholderStatus.LEFT, left_on=TODAY - timedelta(days=91))
        checkins.create(s, account_id=a.id, held_on=TODAY - timedelta(days=30), attendee_ids=[sponsor])
        got = coverage.figures(s, [a.id], {a.id: signed}, TODAY)[a.id]
        assert got == Coverage(active=1, sponsors=1, champion_left_on=TODAY - timedelta(days=90), due=1)
        # a week before Cleo left, both champions were still there and nobody had been met for 103 days
        then = TODAY - timedelta(days=97)
        assert coverage.figures(s, [a.id], {a.id: signed}, then)[a.id] == Coverage(active=3, sponsors=1, overdue=3)


def test_figures_read_again_follow_the_cadences_set_and_the_people_met_meanwhile(db):
    """The statement is built once per day and cadence settings: asked again the same way, the
    figures still follow what changed in the book and in the settings."""
    from csplanner.core import settings

    signed = TODAY - timedelta(days=200)
    with db.session() as s:
        a = accounts.create(s, name="Alder", contract_signed=signed)
        b = accounts.create(s, name="Birch", contract_signed=signed)
        sponsor = stakeholders.create(s, account_id=a.id, name="Sam", role=StakeholderRole.EXEC_SPONSOR).id
        stakeholders.create(s, account_id=b.id, name="Bo", role=StakeholderRole.CHAMPION)
        checkins.create(s, account_id=a.id, held_on=TODAY - timedelta(days=30), attendee_ids=[sponsor])
        assert coverage.figures(s, [a.id], {a.id: signed}, TODAY)[a.id] == Coverage(active=1, sponsors=1, due=1)
        checkins.create(s, account_id=a.id, held_on=TODAY - timedelta(days=2), attendee_ids=[sponsor])
        s.flush()
        assert coverage.figures(s, [a.id], {a.id: signed}, TODAY)[a.id] == Coverage(active=1, sponsors=1)
        prefs = settings.load(s)
        cadences = {**prefs.cadence_days, StakeholderRole.EXEC_SPONSOR: 1}
        settings.save(s, settings.CoachSettings(cadence_days=cadences))
        s.flush()
        assert coverage.figures(s, [a.id], {a.id: signed}, TODAY)[a.id] == Coverage(active=1, sponsors=1, overdue=1)
        both = coverage.figures(s, [b.id, a.id], {a.id: signed, b.id: signed}, TODAY)
        assert both == {a.id: Coverage(active=1, sponsors=1, overdue=1), b.id: Coverage(active=1, overdue=1)}


def _staffed(db, champion_met: int, champion_left: int) -> int:
    """On pace, every due run done, a check-in today, one critical obstacle (60 points before
    coverage): a sponsor met today, a champion met `champion_met` days ago and an old champion
    who left `champion_left` days ago (negative: is leaving later)."""
    with db.session() as s:
        a = accounts.create(s, name="Birch", contract_signed=TODAY - timedelta(days=182),
                            renewal=TODAY + timedelta(days=183))
        done = milestones.create(s, account_id=a.id, title="Kickoff", planned_on=TODAY - timedelta(days=7))
        milestones.mark(s, done.id, MilestoneStatus.DONE, on=TODAY - timedelta(days=7))
        milestones.create(s, account_id=a.id, title="Next", planned_on=TODAY + timedelta(days=7))
        obstacles.create(s, account_id=a.id, title="Outage", opened_on=TODAY - timedelta(days=5),
                         severity=Severity.CRITICAL, kind=ObstacleKind.OTHER)
        sponsor = stakeholders.create(s, account_id=a.id, name="Sam", role=StakeholderRole.EXEC_SPONSOR).id
        champion = stakeholders.create(s, account_id=a.id, name="Cleo", role=StakeholderRole.CHAMPION).id
        stakeholders.create(s, account_id=a.id, name="Old", role=StakeholderRole.CHAMPION,
                            status=StakeholderStatus.LEFT, left_on=TODAY - timedelta(days=champion_left))
        checkins.create(s, account_id=a.id, held_on=TODAY, attendee_ids=[sponsor])
        checkins.create(s, account_id=a.id, held_on=TODAY - timedelta(days=champion_met), attendee_ids=[champion])
        return a.id


@pytest.mark.parametrize(("met", "left", "figures", "part", "total", "colour"), [
    # champion met 13 days ago: ok; the old champion left 91 days ago: forgotten
    (13, 91, Coverage(active=2, sponsors=1), 100, 80, Band.GREEN),
    # left 90 days ago still costs 25: exactly on the green band's lowest score
    (13, 90, Coverage(active=2, sponsors=1, champion_left_on=TODAY - timedelta(days=90)), 75, 75, Band.GREEN),
    (14, 90, Coverage(active=2, sponsors=1, champion_left_on=TODAY - timedelta(days=90), due=1), 70, 74, Band.AMBER),
    (20, 91, Coverage(active=2, sponsors=1, due=1), 95, 79, Band.GREEN),
    (21, 91, Coverage(active=2, sponsors=1, overdue=1), 90, 78, Band.GREEN),
    (21, 0, Coverage(active=2, sponsors=1, champion_left_on=TODAY, overdue=1), 65, 73, Band.AMBER),
    # leaving tomorrow: still there, never met, 182 days since signing: overdue
    (13, -1, Coverage(active=3, sponsors=1, overdue=1), 90, 78, Band.GREEN),
])
def test_cadence_and_departure_boundaries_move_the_score_exactly(db, met, left, figures, part, total, colour):
    aid = _staffed(db, met, left)
    with db.session() as s:
        signed = {aid: TODAY - timedelta(days=182)}
        assert coverage.figures(s, [aid], signed, TODAY) == {aid: figures}
        one = health.account_health(s, aid, TODAY)
        assert health.health_many(s, None, TODAY) == {aid: one}
    assert (one.part("coverage").score, one.score, band(one.score)) == (part, total, colour)
