"""One My week page's data for a week, read in one call: the week's rows, its load, the open next
steps due by its end, and the health of the accounts whose runs the page shows.

My week reads the weeks either side of the one shown ahead of time with this, in a worker thread
(each read opens its own short sessions, so its own connection); what the page shows whatever the
week (races, missed training, contacts, results and forecasts due) is read once and passed in.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from csplanner.core import coach_views, read, season_views, week
from csplanner.core.cadence import Contact, to_call
from csplanner.core.db import Database
from csplanner.core.health import Health
from csplanner.core.load import LoadParts
from csplanner.core.services.next_steps import StepRow


@dataclass(frozen=True)
class WeekRead:
    plan: week.WeekPlan
    load: LoadParts
    steps: list[StepRow]  # open next steps due by the week's end (or with no date)
    health: dict[int, Health]  # of the accounts in `shown_accounts(plan, …)`
    calls: list[Contact] | None = None  # of the contacts given, those to call by the week's end


def shown_accounts(plan: week.WeekPlan, day_cap: int, list_cap: int) -> set[int]:
    """The accounts whose runs a page shows with these caps: the first `day_cap` runs of each day
    and the first `list_cap` overdue runs (their rows carry a health badge)."""
    shown = {i.account_id for _day, items in plan.days for i in items[:day_cap]}
    return shown | {i.account_id for i in plan.overdue[:list_cap]}


def read_week(db: Database, week_start: date, today: date, *, day_cap: int, list_cap: int,
              owner: str | None = None,
              races_and_missed: tuple[list[week.RaceItem], list[week.QuietAccount]] | None = None,
              contacts: Sequence[Contact] | None = None) -> WeekRead:
    """Everything one page of My week needs for the week from `week_start` (`owner`: that person's
    accounts and the unassigned ones; `races_and_missed`: those lists as read already for today;
    `contacts`: every contact's cadence as of today, to pick those to call by the week's end)."""
    plan = read.week_plan(db, week_start, today, races_and_missed=races_and_missed, owner=owner)
    load = coach_views.load_parts(db, week_start, owner)
    steps = season_views.open_steps(db, today, until=plan.week_end, owner=owner)
    health = read.health_many(db, sorted(shown_accounts(plan, day_cap, list_cap)), today)
    calls = None if contacts is None else to_call(contacts, plan.week_end)
    return WeekRead(plan, load, steps, health, calls)
