"""The coach's read-models for screens: each opens its own short session, returns plain rows.

The ui calls these (never a session): realign previews, the week's load and the planner's
proposal, contact cadences, and the people and runs a dialog offers to pick from.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from csplanner.core import cadence, load, planner, realign
from csplanner.core import settings as coach_settings
from csplanner.core.db import Database
from csplanner.core.enums import MilestoneStatus, StakeholderRole, StakeholderStatus
from csplanner.core.models import Account, Obstacle
from csplanner.core.services import checkins, obstacles, records, stakeholders


@dataclass(frozen=True, slots=True)
class Choice:
    """One line of a pick list: a run or a person."""

    id: int
    text: str
    enabled: bool = True  # done runs and people who left are shown, not offered


def settings(db: Database) -> coach_settings.CoachSettings:
    with db.session() as s:
        return coach_settings.load(s)


def week_hours(db: Database, week_start: date) -> float:
    with db.session() as s:
        return coach_settings.week_hours(s, week_start)


def week_load(db: Database, week_start: date, owner: str | None = None) -> load.WeekLoad:
    """The week's hours: everyone's, or (owner given) that person's and the unassigned accounts'."""
    with db.session() as s:
        prefs = coach_settings.load(s)
        return load.week_load(s, week_start, prefs, coach_settings.week_hours(s, week_start), owner)


def load_parts(db: Database, week_start: date, owner: str | None = None,
               account_ids: Iterable[int] | None = None) -> load.LoadParts:
    """The week's hours per account (`account_ids`: theirs alone, to merge into the parts shown)."""
    with db.session() as s:
        prefs = coach_settings.load(s)
        return load.load_parts(s, week_start, prefs, coach_settings.week_hours(s, week_start), owner, account_ids)


def proposal(db: Database, week_start: date, today: date, owner: str | None = None) -> planner.Proposal:
    with db.session() as s:
        return planner.propose(s, week_start, today, coach_settings.week_hours(s, week_start), owner)


def preview(db: Database, account_id: int, today: date, mode: realign.Mode, **how: Any) -> realign.Preview:
    with db.session() as s:
        return realign.preview(s, account_id, today, mode, **how)


def contacts(db: Database, today: date, account_ids: Iterable[int] | None = None, *,
             live_only: bool = False, owner: str | None = None) -> list[cadence.Contact]:
    with db.session() as s:
        return cadence.contacts(s, today, None if account_ids is None else list(account_ids), live_only=live_only,
                                owner=owner)


def merged_contacts(found: list[cadence.Contact], part: list[cadence.Contact],
                    account_ids: Iterable[int]) -> list[cadence.Contact]:
    return cadence.merged(found, part, account_ids)


def who_to_call(db: Database, today: date, week_end: date) -> list[cadence.Contact]:
    with db.session() as s:
        return cadence.who_to_call(s, today, week_end)


@dataclass(frozen=True)
class ObstacleInfo:
    obstacle_id: int
    account_id: int
    account_name: str
    title: str
    race_day: date | None
    hurt: list[int]  # linked runs


def obstacle_info(db: Database, obstacle_id: int) -> ObstacleInfo:
    with db.session() as s:
        ob = records.get(s, Obstacle, obstacle_id)
        account = records.get(s, Account, ob.account_id)
        return ObstacleInfo(obstacle_id, ob.account_id, account.name, ob.title, account.renewal,
                            obstacles.linked_milestones(s, obstacle_id))


def run_choices(db: Database, account_id: int) -> list[Choice]:
    """The account's runs, in plan order, for "Hurts runs": only planned ones can be picked."""
    with db.session() as s:
        return [Choice(r.id, f"{r.planned_on.isoformat()} · {r.title}", r.status == MilestoneStatus.PLANNED)
                for r in realign.runs_of(s, account_id)]


def linked_runs(db: Database, obstacle_id: int) -> list[int]:
    with db.session() as s:
        return obstacles.linked_milestones(s, obstacle_id)


def people_choices(db: Database, account_id: int) -> list[Choice]:
    """The account's people, for a check-in's attendees (people who left: shown, not offered)."""
    from csplanner.core.present import value_label

    with db.session() as s:
        out = []
        for p in stakeholders.for_account(s, account_id):
            assert p.id is not None
            role = value_label(StakeholderRole(p.role))
            active = p.status == StakeholderStatus.ACTIVE
            out.append(Choice(p.id, f"{p.name} ({role})" + ("" if active else " · left"), active))
        return out


def attendees(db: Database, checkin_id: int) -> list[int]:
    with db.session() as s:
        return checkins.attendees(s, checkin_id)

