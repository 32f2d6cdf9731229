"""Who reads the plan. The customer version is cut down here, before any drawing, so the
renderer cannot leak what it never receives."""

from dataclasses import replace
from enum import StrEnum

from csplanner.core.errors import DomainError
from csplanner.export.plan_data import PlanData


class Audience(StrEnum):
    CUSTOMER = "customer"  # sent to the customer: the shared plan only
    INTERNAL = "internal"  # for the CSM or their manager: everything


DESCRIPTION = {
    Audience.CUSTOMER: "For the customer: goal, success criteria, calendar, milestones with outcomes, "
                       "people and next steps. Leaves out health, ARR, obstacles, discovery notes, "
                       "check-in summaries, people who left and internal milestone notes.",
    Audience.INTERNAL: "Internal, for you or your manager: everything, including health, ARR, "
                       "obstacles, discovery notes and check-ins.",
}


def parse(text: str) -> Audience:
    try:
        return Audience(text.strip().lower())
    except ValueError:
        raise DomainError(f"Audience must be 'customer' or 'internal', not '{text}'.", "audience") from None


def for_audience(data: PlanData, audience: Audience) -> PlanData:
    if audience == Audience.INTERNAL:
        return data
    return replace(
        data,
        stage=None, segment="", regions="", arr_minor=None, currency="", health=None,
        notes=None, obstacles=None, checkins=None,
        # people who left are simply not listed; contact details stay internal
        people=tuple(replace(p, email="", location="") for p in data.people if p.left_on is None),
        runs=tuple(replace(r, notes="") for r in data.runs),
        next_steps=tuple(replace(t, summary="", sentiment=None) for t in data.next_steps),
        planned_talks=tuple(replace(t, summary="", next_steps="", sentiment=None) for t in data.planned_talks),
        calendar=replace(data.calendar, bars=[]),  # obstacle bars carry their titles
    )
