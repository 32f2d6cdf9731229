"""What each kind of record is called, which service saves it, and which fields its dialog shows."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any

from sqlmodel import SQLModel

from csplanner.core.enums import (
    CheckInKind,
    MilestoneStatus,
    NoteKind,
    ObstacleKind,
    Phase,
    RunType,
    Severity,
    Stage,
    StakeholderRole,
    StakeholderStatus,
    Team,
    label,
)
from csplanner.core.models import Account, CheckIn, DiscoveryNote, Milestone, Obstacle, Stakeholder
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, stakeholders
from csplanner.ui.dialogs.fields import (
    CheckInput,
    DateInput,
    EnumInput,
    Input,
    LineInput,
    MoneyInput,
    SentimentInput,
    TextInput,
)


@dataclass(frozen=True)
class Kind:
    name: str  # "milestone": what edit_record() is asked for
    noun: str  # "milestone": what menus and undo texts say
    model: type[SQLModel]
    service: ModuleType
    # today -> the dialog's inputs as (label, input) in tab order
    inputs: Callable[[date], list[tuple[str, Input]]]
    # today -> values a new record starts with
    defaults: Callable[[date], dict[str, Any]]
    # record values -> the short name used in "Add milestone 'Kickoff'"
    title: Callable[[dict[str, Any]], str]


def short(text: object, limit: int = 40) -> str:
    one_line = " ".join(str(text or "").split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def account_inputs(today: date) -> list[tuple[str, Input]]:
    currency = LineInput("currency", "USD", max_len=3)
    currency.widget.setMaximumWidth(80)
    return [
        ("&Name", LineInput("name", "Customer name")),
        ("Se&gment", LineInput("segment", "e.g. Enterprise, Mid-market", max_len=100)),
        ("S&tage", EnumInput("stage", Stage)),
        ("&ARR", MoneyInput("arr_minor", currency)),
        ("C&urrency", currency),
        ("&Contract signed", DateInput("contract_signed", today)),
        ("&Kickoff", DateInput("kickoff", today)),
        ("&Renewal (race day)", DateInput("renewal", today)),
        ("G&oal", TextInput("goal", "What are they working towards?")),
        ("Success c&riteria", TextInput("success_criteria", "How will they know it worked?")),
        ("Reg&ions", LineInput("regions", "e.g. EMEA, NA")),
        ("", CheckInput("archived", "Arc&hived (hidden from the accounts list)")),
    ]


def stakeholder_inputs(today: date) -> list[tuple[str, Input]]:
    return [
        ("&Name", LineInput("name", "Full name")),
        ("&Title", LineInput("title", "e.g. VP Operations")),
        ("&Role", EnumInput("role", StakeholderRole)),
        ("&Email", LineInput("email", "name@example.com", max_len=320)),
        ("L&ocation", LineInput("location", "e.g. Berlin")),
        ("&Status", EnumInput("status", StakeholderStatus)),
        ("&Left on", DateInput("left_on", today)),
    ]


def note_inputs(today: date) -> list[tuple[str, Input]]:
    return [
        ("&Date", DateInput("noted_on", today)),
        ("&Kind", EnumInput("kind", NoteKind)),
        ("&Note", TextInput("text", "What did you learn?", lines=8)),
    ]


def milestone_inputs(today: date) -> list[tuple[str, Input]]:
    return [
        ("&Title", LineInput("title", "e.g. Kickoff call")),
        ("&Planned on", DateInput("planned_on", today)),
        ("&Status", EnumInput("status", MilestoneStatus)),
        ("&Done on", DateInput("done_on", today)),
        ("&Run type", EnumInput("run_type", RunType)),
        ("P&hase", EnumInput("phase", Phase)),
        ("T&eam", EnumInput("team", Team)),
        ("&Outcome", TextInput("outcome", "What changed for the customer?")),
        ("&Notes", TextInput("notes")),
    ]


def obstacle_inputs(today: date) -> list[tuple[str, Input]]:
    return [
        ("&Title", LineInput("title", "e.g. New CIO questions the project")),
        ("&Kind", EnumInput("kind", ObstacleKind)),
        ("&Severity", EnumInput("severity", Severity)),
        ("&Opened on", DateInput("opened_on", today)),
        ("&Resolved on", DateInput("resolved_on", today)),
        ("&Mitigation", TextInput("mitigation", "What are you doing about it?", lines=4)),
    ]


def checkin_inputs(today: date) -> list[tuple[str, Input]]:
    return [
        ("&Date", DateInput("held_on", today)),
        ("&Kind", EnumInput("kind", CheckInKind)),
        ("S&ummary", TextInput("summary", "What was said?", lines=4)),
        ("&Next steps", TextInput("next_steps", "Who does what next?")),
        ("S&entiment", SentimentInput("sentiment")),
    ]


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("account", "account", Account, accounts, account_inputs,
             lambda today: {"currency": "USD", "stage": Stage.LAND}, lambda v: short(v.get("name"))),
        Kind("stakeholder", "stakeholder", Stakeholder, stakeholders, stakeholder_inputs,
             lambda today: {}, lambda v: short(v.get("name"))),
        Kind("note", "discovery note", DiscoveryNote, notes, note_inputs,
             lambda today: {"noted_on": today}, lambda v: short(v.get("text"), 30)),
        Kind("milestone", "milestone", Milestone, milestones, milestone_inputs,
             lambda today: {"planned_on": today}, lambda v: short(v.get("title"))),
        Kind("obstacle", "obstacle", Obstacle, obstacles, obstacle_inputs,
             lambda today: {"opened_on": today}, lambda v: short(v.get("title"))),
        Kind("checkin", "check-in", CheckIn, checkins, checkin_inputs,
             lambda today: {"held_on": today},
             lambda v: f"{label(str(v.get('kind') or 'call'))} on {v.get('held_on')}"),
    )
}


def complete(kind: str, values: dict[str, Any], today: date) -> dict[str, Any]:
    """Dates the core would fill with the machine's today, filled with the app's today instead."""
    if kind == "milestone" and values.get("status") == MilestoneStatus.DONE and not values.get("done_on"):
        values["done_on"] = today
    if kind == "stakeholder" and values.get("status") == StakeholderStatus.LEFT and not values.get("left_on"):
        values["left_on"] = today
    return values
