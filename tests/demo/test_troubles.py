"""Obstacles: a few open fires, most of the history resolved, and one injury to realign the plan around."""

from datetime import timedelta

from csplanner.core.enums import MilestoneStatus, ObstacleKind, Severity
from tests.conftest import TODAY


def open_obstacles(data):
    live = {a.id for a in data["account"] if not a.archived}
    return [o for o in data["obstacle"] if o.resolved_on is None and o.account_id in live]


def test_obstacles(data):
    rows = data["obstacle"]
    assert any(o.resolved_on is None for o in rows) and any(o.resolved_on for o in rows)
    assert all(o.mitigation and o.opened_on <= TODAY for o in rows)
    assert any(o.resolved_on is None and o.severity in (Severity.HIGH, Severity.CRITICAL) for o in rows)
    linked = {link.obstacle_id for link in data["obstacle_milestone"]}
    assert 0 < len(linked) < len(rows)


def test_a_few_fires_and_none_of_them_old(data):
    fires = open_obstacles(data)
    assert 0 < len(fires) <= 10
    assert len({o.account_id for o in fires}) >= len(fires) - 2  # spread over accounts, not piled on one
    assert sum(o.severity == Severity.CRITICAL for o in fires) <= 2
    assert all((TODAY - o.opened_on).days <= 120 for o in fires)
    assert sum(o.resolved_on is not None for o in data["obstacle"]) >= 0.8 * len(data["obstacle"])
    assert all(o.resolved_on is not None for o in data["obstacle"] if o.account_id not in
               {a.id for a in data["account"] if not a.archived})  # a churned account's troubles are closed


def test_an_injury_hurts_several_planned_runs(data):
    runs = {m.id: m for m in data["milestone"]}
    hurt: dict[int, list] = {}
    for link in data["obstacle_milestone"]:
        hurt.setdefault(link.obstacle_id, []).append(runs[link.milestone_id])
    injuries = [o for o in open_obstacles(data) if o.kind in (ObstacleKind.ESCALATION, ObstacleKind.EXEC_TURNOVER)
                and sum(m.status == MilestoneStatus.PLANNED and TODAY <= m.planned_on <= TODAY + timedelta(weeks=8)
                        for m in hurt.get(o.id, [])) >= 3]
    assert 1 <= len(injuries) <= 3
    assert all((TODAY - o.opened_on).days <= 21 for o in injuries)  # fresh: the plan has not moved yet
