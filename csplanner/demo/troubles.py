"""Injuries and bad weather: obstacles, with the runs they hurt."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from csplanner.core.enums import MilestoneStatus, ObstacleKind, Severity, StakeholderRole, label
from csplanner.demo.dates import weekday
from csplanner.demo.text import Fill
from csplanner.demo.words import OBSTACLES

if TYPE_CHECKING:
    from csplanner.demo.book import Generator


def obstacles(
    gen: "Generator", account_id: int, form: str, kickoff: date, until: date, people: dict[str, Any],
    milestones: list[dict[str, Any]], fx: Fill,
) -> None:
    r = gen.rng
    today = gen.today
    items: list[tuple[ObstacleKind, Severity, str, str, date, date | None]] = []
    for role, full, left_on, successor in people["departures"]:
        role_label = label(role.value)
        title, mitigation = OBSTACLES[ObstacleKind.EXEC_TURNOVER][0]
        resolved = successor[1] if successor else None
        severity = Severity.HIGH if role == StakeholderRole.EXEC_SPONSOR else Severity.MEDIUM
        if successor is None and r.random() < 0.3:
            severity = Severity.CRITICAL
        items.append((
            ObstacleKind.EXEC_TURNOVER, severity,
            fx.fill(title, role=role_label, name=full),
            fx.fill(mitigation, role=role_label, role_lower=role_label.lower()),
            left_on, resolved,
        ))
    count = r.choice({"strong": (0, 1, 1, 2), "steady": (1, 1, 2, 2, 3), "at_risk": (2, 2, 3, 4)}[form])
    window = (until - kickoff).days
    if window > 7:
        sev_w = {"strong": (40, 40, 15, 5), "steady": (25, 45, 22, 8), "at_risk": (10, 30, 40, 20)}[form]
        resolve_p = {"strong": 0.8, "steady": 0.65, "at_risk": 0.4}[form]
        for _ in range(count):
            kind = r.choices((ObstacleKind.PRODUCT_GAP, ObstacleKind.ESCALATION, ObstacleKind.OTHER), (40, 32, 28))[0]
            title, mitigation = r.choice(OBSTACLES[kind])
            severity = r.choices(tuple(Severity), sev_w)[0]
            opened = weekday(kickoff + timedelta(days=r.randint(3, window)))
            opened = min(opened, until)
            resolved: date | None = None
            if r.random() < resolve_p:
                resolved = opened + timedelta(days=r.randint(3, 70))
                if resolved >= until:
                    resolved = None if until == today else until
            items.append((kind, severity, fx.fill(title), fx.fill(mitigation), opened, resolved))
    for kind, severity, title, mitigation, opened, resolved in items:
        obstacle_id = gen.add("obstacle", {
            "account_id": account_id, "kind": kind.value, "severity": severity.value, "title": title,
            "opened_on": opened, "resolved_on": resolved, "mitigation": mitigation,
        })
        if r.random() < 0.6:
            end = (resolved or today) + timedelta(days=21)
            near = [m for m in milestones if opened - timedelta(days=10) <= m["planned_on"] <= end
                    and m["status"] != MilestoneStatus.DONE.value]
            if not near:
                near = [m for m in milestones if opened <= m["planned_on"] <= end]
            for m in r.sample(near, min(len(near), r.randint(1, 3))):
                gen.rows["obstacle_milestone"].append({"obstacle_id": obstacle_id, "milestone_id": m["id"]})
                gen.counts["obstacle_milestone"] += 1
