"""Who reads the plan. The customer version is cut down here, before any drawing, so the
renderer cannot leak what it never receives."""

from dataclasses import replace
from datetime import timedelta
from enum import StrEnum

from csplanner.core.calendar import AccountPlan, day_totals
from csplanner.core.enums import MilestoneStatus, StepOwner
from csplanner.core.errors import DomainError
from csplanner.core.plan_data import PlanData, PlanMilestone
from csplanner.core.present import value_label as label

CUSTOMER_OWNER = {label(StepOwner.CUSTOMER): "You"}  # the customer reads "you", not "the customer"


class Audience(StrEnum):
    CUSTOMER = "customer"  # sent to the customer: the shared plan only
    INTERNAL = "internal"  # for the CSM or their manager: everything


DESCRIPTION = {
    Audience.CUSTOMER: "For the customer: goal, success criteria, the milestones shared with them (done ones "
                       "with what changed for them, upcoming ones with their date), people and next steps. "
                       "No status words, compliance, health, ARR, forecasts, obstacles, discovery notes, "
                       "check-in summaries, people who left or internal milestones.",
    Audience.INTERNAL: "Internal, for you or your manager: everything, including health, ARR, seasons, "
                       "forecasts, obstacles, discovery notes and check-ins.",
}


def parse(text: str) -> Audience:
    try:
        return Audience(text.strip().lower())
    except ValueError:
        raise DomainError(f"Audience must be 'customer' or 'internal', not '{text}'.", "audience") from None


def for_customer(run: PlanMilestone, today: object) -> bool:
    """A shared run that is done, or planned from today on. Missed, skipped and late runs are the
    CSM's business: they never reach the customer's copy."""
    if not run.shared:
        return False
    return run.status == MilestoneStatus.DONE or (run.status == MilestoneStatus.PLANNED and not run.overdue)


def customer_calendar(plan: AccountPlan, shown: set[int]) -> AccountPlan:
    """The grid with only the shown runs, no obstacle bars, and no compliance or missed counts."""
    chips = [c for c in plan.chips if c.milestone_id in shown]
    totals = day_totals(chips)
    weeks = []
    for w in plan.weeks:
        days = [totals.get(w.start + timedelta(days=i)) for i in range(7)]
        weeks.append(replace(w, planned=sum(d.planned for d in days if d), done=sum(d.done for d in days if d),
                             missed=0, compliance=None))
    return replace(plan, chips=chips, totals=totals, weeks=weeks, bars=[], _by_day={})


def for_audience(data: PlanData, audience: Audience) -> PlanData:
    if audience == Audience.INTERNAL:
        return data
    runs = tuple(replace(r, notes="", overdue=False) for r in data.runs if for_customer(r, data.today))
    return replace(
        data,
        stage=None, segment="", regions="", arr_minor=None, currency="", health=None,
        notes=None, obstacles=None, checkins=None, seasons=None, forecast=None,
        # people who left are simply not listed; contact details stay internal
        people=tuple(replace(p, email="", location="") for p in data.people if p.left_on is None),
        runs=runs,
        next_steps=tuple(replace(t, summary="", sentiment=None) for t in data.next_steps),
        planned_talks=tuple(replace(t, summary="", next_steps="", sentiment=None) for t in data.planned_talks),
        steps=tuple(replace(s, owner=CUSTOMER_OWNER.get(s.owner, s.owner)) for s in data.steps),
        calendar=customer_calendar(data.calendar, {r.milestone_id for r in runs if r.milestone_id is not None}),
    )
