"""Injuries and bad weather: obstacles, with the runs they hurt.

Most of an account's obstacles are history, resolved within days or weeks. The open ones are the
book's few fires, all opened in the last three months: the generator hands out `fire` (a
severity) to some at-risk accounts, an "injury" story gets an escalation that hurts the next
planned runs, and a champion who left without a successor is open exec turnover.
"""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from csplanner.core.enums import MilestoneStatus, ObstacleKind, RunType, Severity, StakeholderRole
from csplanner.core.present import value_label
from csplanner.demo.dates import weekday
from csplanner.demo.text import Fill
from csplanner.demo.words import OBSTACLES

if TYPE_CHECKING:
    from csplanner.demo.book import Generator

PAST = {"strong": (0, 0, 1, 1, 2), "steady": (0, 1, 1, 2), "at_risk": (1, 1, 2, 3)}  # resolved ones, by form
PAST_SEVERITY_W = {"strong": (40, 40, 15, 5), "steady": (25, 45, 22, 8), "at_risk": (10, 30, 40, 20)}
KINDS = (ObstacleKind.PRODUCT_GAP, ObstacleKind.ESCALATION, ObstacleKind.OTHER)
FIRE_AGE_DAYS = (3, 90)  # an open obstacle is this many days old
INJURY_HORIZON_DAYS = 56  # the injury hurts the planned runs of the next eight weeks
INJURY_RUNS = 3  # ...at least this many, or the account cannot carry the story


def hurt_runs(milestones: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """The planned runs an injury opened now would hurt: the next few weeks', race day aside."""
    horizon = today + timedelta(days=INJURY_HORIZON_DAYS)
    return [m for m in milestones if m["status"] == MilestoneStatus.PLANNED.value and today <= m["planned_on"] <= horizon
            and m["run_type"] != RunType.RACE.value][:4]


def obstacles(
    gen: "Generator", account_id: int, form: str, fire: Severity | None, injury: bool, kickoff: date,
    until: date, people: dict[str, Any], milestones: list[dict[str, Any]], fx: Fill,
) -> None:
    r = gen.rng
    today = gen.today
    items: list[tuple[ObstacleKind, Severity, str, str, date, date | None, list[dict[str, Any]] | None]] = []
    for role, full, left_on, successor in people["departures"]:
        role_label = value_label(role.value)
        title, mitigation = OBSTACLES[ObstacleKind.EXEC_TURNOVER][0]
        resolved = successor[1] if successor else None
        severity = Severity.HIGH if role == StakeholderRole.EXEC_SPONSOR or successor is None else Severity.MEDIUM
        items.append((
            ObstacleKind.EXEC_TURNOVER, severity,
            fx.fill(title, role=role_label, name=full),
            fx.fill(mitigation, role=role_label, role_lower=role_label.lower()),
            left_on, resolved, None,
        ))
    used: set[str] = {item[2] for item in items}

    def text(kind: ObstacleKind, still_open: bool = False) -> tuple[str, str]:
        # one account does not hit the same obstacle twice, nor do two of the book's fires read alike
        avoid = used | gen.open_titles if still_open else used
        for _ in range(8):
            title, mitigation = r.choice(OBSTACLES[kind])
            if fx.fill(title) not in avoid:
                break
        title = fx.fill(title)
        used.add(title)
        if still_open:
            gen.open_titles.add(title)
        return title, fx.fill(mitigation)

    for _ in range(r.choice(PAST[form])):
        length = r.randint(3, 60)
        latest = (until - kickoff).days - length - 1
        if latest < 3:
            break
        kind = r.choices(KINDS, (40, 32, 28))[0]
        opened = weekday(kickoff + timedelta(days=r.randint(3, latest)))
        severity = r.choices(tuple(Severity), PAST_SEVERITY_W[form])[0]
        items.append((kind, severity, *text(kind), opened, min(opened + timedelta(days=length), until), None))
    if fire is not None:
        kind = r.choices(KINDS, (40, 35, 25))[0]
        opened = max(kickoff, weekday(today - timedelta(days=r.randint(*FIRE_AGE_DAYS))))
        items.append((kind, fire, *text(kind, still_open=True), min(opened, today), None, None))
    if injury:
        opened = max(kickoff, weekday(today - timedelta(days=r.randint(4, 18))))
        items.append((ObstacleKind.ESCALATION, Severity.HIGH, *text(ObstacleKind.ESCALATION, still_open=True),
                      min(opened, today), None, hurt_runs(milestones, today)))

    for kind, severity, title, mitigation, opened, resolved, hurt in items:
        obstacle_id = gen.add("obstacle", {
            "account_id": account_id, "kind": kind.value, "severity": severity.value, "title": title,
            "opened_on": opened, "resolved_on": resolved, "mitigation": mitigation,
        })
        if hurt is None and r.random() < 0.6:
            end = (resolved or today) + timedelta(days=21)
            near = [m for m in milestones if opened - timedelta(days=10) <= m["planned_on"] <= end
                    and m["status"] != MilestoneStatus.DONE.value]
            if not near:
                near = [m for m in milestones if opened <= m["planned_on"] <= end]
            hurt = r.sample(near, min(len(near), r.randint(1, 3)))
        for m in hurt or ():
            gen.rows["obstacle_milestone"].append({"obstacle_id": obstacle_id, "milestone_id": m["id"]})
            gen.counts["obstacle_milestone"] += 1
