"""Health: pinned scores for hand-built accounts, explanations that say the real figures."""

import re
from datetime import date, timedelta

import pytest

from csplanner.core import health
from csplanner.core.enums import MilestoneStatus, ObstacleKind, Severity, StakeholderRole
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, checkins, milestones, obstacles, stakeholders

TODAY = date(2026, 11, 25)
SIGNED = TODAY - timedelta(days=182)
RACE_DAY = TODAY + timedelta(days=183)  # half the contract gone


def build(db, name="Acme", *, runs="perfect", last_checkin=3, obstacle=None, signed=SIGNED, race_day=RACE_DAY,
          team=True):
    """An account with 4 runs due in the last 8 weeks (done on their day, or all missed) and 4 ahead;
    with `team`, an exec sponsor and a champion who were both at the last check-in."""
    with db.session() as s:
        a = accounts.create(s, name=name, contract_signed=signed, renewal=race_day)
        people = [stakeholders.create(s, account_id=a.id, name=f"{name} {role}", role=role).id
                  for role in (StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION)] if team else []
        if runs != "empty":
            for i in range(4):
                day = TODAY - timedelta(days=7 * (i + 1))
                m = milestones.create(s, account_id=a.id, title=f"Past run {i}", planned_on=day)
                if runs == "perfect":
                    milestones.mark(s, m.id, MilestoneStatus.DONE, on=day)
                milestones.create(s, account_id=a.id, title=f"Next run {i}", planned_on=TODAY + timedelta(days=7 * (i + 1)))
        if last_checkin is not None:
            checkins.create(s, account_id=a.id, held_on=TODAY - timedelta(days=last_checkin), attendee_ids=people)
        if obstacle is not None:
            obstacles.create(s, account_id=a.id, title="Outage", opened_on=TODAY - timedelta(days=5),
                             severity=obstacle[0], kind=obstacle[1])
        return a.id


def health_of(db, aid):
    with db.session() as s:
        return health.account_health(s, aid, TODAY)


def test_weights_live_in_one_place_and_sum_to_one():
    assert health.WEIGHTS == {"compliance": 0.25, "obstacles": 0.25, "checkins": 0.15, "progress": 0.15,
                              "coverage": 0.20}
    assert sum(health.WEIGHTS.values()) == pytest.approx(1.0)


def test_perfect_compliance_scores_100(db):
    h = health_of(db, build(db))
    assert h.score == 100
    assert h.part("compliance").explanation == "4 of 4 runs due in the last 8 weeks were done on time."
    assert h.part("progress").explanation.endswith("on pace.")


def test_everything_missed(db):
    h = health_of(db, build(db, runs="missed"))
    assert h.part("compliance").score == 0
    assert h.part("progress").score == pytest.approx(0.3)  # 0 % done with 49.9 % of the time gone
    assert h.score == 60  # 0.25 * 0 + 0.25 * 100 + 0.15 * 100 + 0.15 * 0.3 + 0.2 * 100
    assert h.weakest.key in {"compliance", "progress"}
    assert "0 of 8 runs done (0%)" in h.part("progress").explanation
    assert "50 points behind" in h.part("progress").explanation


def test_a_critical_open_escalation_empties_the_obstacles_part(db):
    h = health_of(db, build(db, obstacle=(Severity.CRITICAL, ObstacleKind.ESCALATION)))
    assert h.part("obstacles").score == 0
    assert h.score == 75
    assert h.weakest.key == "obstacles"
    assert h.part("obstacles").explanation == (
        "1 open obstacle: 1 critical (1 escalation or exec turnover), costing 100 points.")


def test_a_resolved_obstacle_costs_nothing(db):
    aid = build(db, obstacle=(Severity.CRITICAL, ObstacleKind.ESCALATION))
    with db.session() as s:
        ob = obstacles.for_account(s, aid)[0]
        obstacles.update(s, ob.id, resolved_on=TODAY)
    assert health_of(db, aid).score == 100


def test_no_checkin_for_60_days(db):
    h = health_of(db, build(db, last_checkin=60))
    assert h.part("checkins").score == 0
    assert h.part("coverage").score == 80  # both contacts red after 60 days: 2 × 10
    assert h.score == 81  # 100 - 0.15 * 100 - 0.2 * 20
    assert h.weakest.key == "checkins"
    assert h.part("checkins").explanation.startswith("Last check-in 60 days ago")


def test_checkins_fall_evenly_between_14_and_60_days(db):
    assert health_of(db, build(db, "A", last_checkin=14)).part("checkins").score == 100
    assert health_of(db, build(db, "B", last_checkin=37)).part("checkins").score == 50
    assert health_of(db, build(db, "C", last_checkin=None, signed=TODAY - timedelta(days=10))).part(
        "checkins").explanation.startswith("No check-in yet, 10 days since the contract was signed")


def test_empty_plan(db):
    h = health_of(db, build(db, runs="empty"))
    assert h.part("compliance").score == 50  # nothing due: neutral, not a free 100
    assert "neutral" in h.part("compliance").explanation
    assert h.part("progress").score == 0
    assert h.score == 72  # 0.25 * 50 + 0.25 * 100 + 0.15 * 100 + 0.15 * 0 + 0.2 * 100 = 72.5
    assert h.weakest.key == "progress"


def test_a_late_run_counts_half(db):
    aid = build(db, runs="missed")
    with db.session() as s:
        first = milestones.between(s, TODAY - timedelta(days=7), TODAY - timedelta(days=7))[0]
        milestones.mark(s, first.id, MilestoneStatus.DONE, on=TODAY)
    part = health_of(db, aid).part("compliance")
    assert part.score == pytest.approx(12.5)
    assert part.explanation == "0 of 4 runs due in the last 8 weeks were done on time; 1 done late counts half."


def test_todays_run_counts_once_ticked(db):
    aid = build(db)
    with db.session() as s:
        m = milestones.create(s, account_id=aid, title="Today", planned_on=TODAY)
    assert health_of(db, aid).part("compliance").explanation.startswith("4 of 4")  # not late yet
    with db.session() as s:
        milestones.mark(s, m.id, MilestoneStatus.DONE, on=TODAY)
    assert health_of(db, aid).part("compliance").explanation.startswith("5 of 5")


def _numbers(text):
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


@pytest.mark.parametrize("kwargs", [
    {}, {"runs": "missed"}, {"runs": "empty"}, {"last_checkin": 30}, {"last_checkin": 70},
    {"obstacle": (Severity.HIGH, ObstacleKind.PRODUCT_GAP)}, {"obstacle": (Severity.LOW, ObstacleKind.EXEC_TURNOVER)},
])
def test_each_explanation_matches_its_value(db, kwargs):
    """Recompute every part's score from the figures its sentence states."""
    h = health_of(db, build(db, **kwargs))
    for p in h.parts:
        n = _numbers(p.explanation)
        if p.key == "compliance":
            late = n[4] if "late" in p.explanation else 0
            expected = 50 if "neutral" in p.explanation else 100 * (n[0] + late / 2) / n[1]
        elif p.key == "obstacles":
            expected = 100 if p.explanation == "No open obstacles." else max(0, 100 - n[-1])
        elif p.key == "checkins":
            expected = min(100, max(0, 100 * (60 - n[0]) / 46))
        elif p.key == "coverage":
            expected = max(0, 100 - sum(float(c) for c in re.findall(r"−(\d+)", p.explanation)))
        elif "No runs" in p.explanation:
            expected = 0
        else:
            done_pct, gone_pct = n[2], n[3]
            expected = max(0, 100 - 2 * max(0, gone_pct - done_pct))
        assert p.score == pytest.approx(expected, abs=1.5), p.explanation
    assert h.score == round(sum(p.score * p.weight for p in h.parts))


def test_health_many_matches_one_by_one_and_skips_archived(db):
    ids = [build(db, "A"), build(db, "B", runs="missed"), build(db, "C", last_checkin=45)]
    with db.session() as s:
        accounts.update(s, ids[2], archived=True)
        everyone = health.health_many(s, None, TODAY)
        asked = health.health_many(s, ids, TODAY)
        assert set(everyone) == set(ids[:2])
        assert set(asked) == set(ids)  # asked for by id: archived ones too
        for aid in ids:
            assert asked[aid] == health.account_health(s, aid, TODAY)
        assert health.health_many(s, [], TODAY) == {}
        with pytest.raises(DomainError, match="no longer exists"):
            health.account_health(s, 999, TODAY)


def test_health_read_again_the_same_day_follows_what_changed_meanwhile(db):
    """The statements are built once a day: read again after an edit, one account, a few and every
    account alike show it; another day is read as of that day."""
    a, b = build(db, "A"), build(db, "B")
    with db.session() as s:
        before = health.health_many(s, [a], TODAY)[a]
        everyone = health.health_many(s, None, TODAY)
        obstacles.create(s, account_id=a, title="Outage", opened_on=TODAY, severity=Severity.CRITICAL)
        s.flush()
        after = health.health_many(s, [a], TODAY)[a]
        assert after.part("obstacles").score < before.part("obstacles").score == 100.0
        assert health.health_many(s, None, TODAY)[a] == after
        assert health.health_many(s, [b, a], TODAY) == {a: after, b: everyone[b]}
        yesterday = health.health_many(s, [a], TODAY - timedelta(days=1))[a]
        assert yesterday.part("obstacles").score == 100.0  # opened today: not open yesterday
        assert health.health_many(s, [a], TODAY)[a] == after


def test_snapshot_week_upserts_and_builds_a_trend(db):
    aid = build(db, last_checkin=40)
    with db.session() as s:
        for weeks_ago in (2, 1, 0):
            assert health.snapshot_week(s, TODAY - timedelta(weeks=weeks_ago)) == 1
    with db.session() as s:
        everyone = [p.id for p in stakeholders.for_account(s, aid)]
        checkins.create(s, account_id=aid, held_on=TODAY, attendee_ids=everyone)
        assert health.snapshot_week(s, TODAY) == 1  # same week: refreshed, not added
    with db.session() as s:
        points = health.trend(s, aid)
        assert [d for d, _ in points] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
        assert points[-1][1] == 100 and points[0][1] < 100
        assert len(health.trend(s, aid, weeks=2)) == 2


def test_backfill_reconstructs_missing_past_weeks_and_keeps_recorded_ones(db):
    aid = build(db, last_checkin=40)  # the check-in was fresh four weeks ago
    with db.session() as s:
        s.add(health.HealthSnapshot(account_id=aid, week_start=date(2026, 11, 16), score=7))
    with db.session() as s:
        assert health.backfill(s, TODAY, weeks=6) == 4  # weeks -5 … -2; -1 was recorded
        assert health.backfill(s, TODAY, weeks=6) == 0
        points = dict(health.trend(s, aid))
    assert points[date(2026, 11, 16)] == 7
    assert date(2026, 11, 23) not in points  # this week is snapshot_week's job
    # five weeks back the check-in was 5 days old and later runs were not yet due
    with db.session() as s:
        then = health.account_health(s, aid, TODAY - timedelta(weeks=5))
    assert points[date(2026, 10, 19)] == then.score
    assert then.part("checkins").score == 100 and points[date(2026, 11, 9)] < 100
