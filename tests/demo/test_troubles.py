"""Obstacles: a few open fires, most of the history resolved."""

from csplanner.core.enums import Severity
from tests.conftest import TODAY


def test_obstacles(data):
    rows = data["obstacle"]
    assert any(o.resolved_on is None for o in rows) and any(o.resolved_on for o in rows)
    assert all(o.mitigation and o.opened_on <= TODAY for o in rows)
    assert any(o.resolved_on is None and o.severity in (Severity.HIGH, Severity.CRITICAL) for o in rows)
    linked = {link.obstacle_id for link in data["obstacle_milestone"]}
    assert 0 < len(linked) < len(rows)
