"""Milestones: the runs of the training plan."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from csplanner.core import validate as v
from csplanner.core.enums import MilestoneStatus, Phase, RunType, Team
from csplanner.core.models import Milestone
from csplanner.core.services import children, records


# Work the customer does not see on their copy of the plan (the README says the same).
INTERNAL_TEAMS = frozenset({Team.SALES, Team.LEADERSHIP})
INTERNAL_WORDS = ("forecast", "internal", "handover", "hand-over", "handoff", "hand-off", "prep")


def shared_by_default(title: str, team: object) -> bool:
    """Customer-facing runs are shared; forecasts, hand-overs, internal prep and sales or
    leadership work are not, until someone ticks "shared with the customer"."""
    if isinstance(team, str) and team in INTERNAL_TEAMS:  # a StrEnum hashes as its text: "sales" matches too
        return False
    low = (title or "").lower()
    return not any(word in low for word in INTERNAL_WORDS)


def check(session: Session, f: dict[str, Any], _id: int | None, today: date | None = None) -> dict[str, Any]:
    f["account_id"] = children.account_id(session, f)
    f["title"] = v.text(f.get("title"), "title", required=True, max_len=200)
    f["planned_on"] = v.a_date(f.get("planned_on"), "planned_on", required=True)
    f["status"] = v.an_enum(f.get("status") or MilestoneStatus.PLANNED, MilestoneStatus, "status")
    f["done_on"] = v.a_date(f.get("done_on"), "done_on")
    if f["status"] == MilestoneStatus.DONE and f["done_on"] is None:
        f["done_on"] = v.a_date(today, "done_on", required=True)  # done without a date: done today
    if f["status"] != MilestoneStatus.DONE:
        f["done_on"] = None  # only a done run has a done date
    f["run_type"] = v.an_enum(f.get("run_type") or RunType.MEDIUM, RunType, "run_type")
    f["phase"] = v.an_enum(f.get("phase") or Phase.ADOPTION, Phase, "phase")
    f["team"] = v.an_enum(f.get("team") or Team.CSM, Team, "team")
    f["outcome"] = v.text(f.get("outcome"), "outcome")
    f["notes"] = v.text(f.get("notes"), "notes")
    f["shared_with_customer"] = v.a_bool(f.get("shared_with_customer", True), "shared_with_customer")
    return f


def create(session: Session, *, today: date | None = None, **values: Any) -> Milestone:
    """A new run; unless told, shared with the customer by `shared_by_default`."""
    if values.get("shared_with_customer") is None:
        values["shared_with_customer"] = shared_by_default(str(values.get("title") or ""), values.get("team"))
    return records.create(session, Milestone, check, values, today)


def update(session: Session, milestone_id: int, *, today: date | None = None, **changes: Any) -> Milestone:
    return records.update(session, Milestone, check, milestone_id, changes, today)


def delete(session: Session, milestone_id: int) -> None:
    records.delete(session, Milestone, milestone_id)


def mark(session: Session, milestone_id: int, status: MilestoneStatus, *, today: date | None = None,
         on: date | None = None) -> Milestone:
    """Tick a run off as done (on `on`, default today), or mark it missed / skipped / planned."""
    changes: dict[str, Any] = {"status": status}
    if status == MilestoneStatus.DONE:
        changes["done_on"] = on or today
    return update(session, milestone_id, today=today, **changes)


def move(session: Session, milestone_id: int, planned_on: date, *, today: date | None = None) -> Milestone:
    return update(session, milestone_id, today=today, planned_on=planned_on)


def for_account(session: Session, account_id: int) -> list[Milestone]:
    return children.for_account(session, Milestone, account_id, Milestone.planned_on, Milestone.id)


def between(
    session: Session, start: date, end: date, account_ids: Iterable[int] | None = None
) -> list[Milestone]:
    """Milestones planned in [start, end], optionally for some accounts only."""
    q = select(Milestone).where(Milestone.planned_on >= start, Milestone.planned_on <= end)
    if account_ids is not None:
        q = q.where(col(Milestone.account_id).in_(list(account_ids)))
    return list(session.exec(q.order_by(Milestone.planned_on, Milestone.id)).all())
