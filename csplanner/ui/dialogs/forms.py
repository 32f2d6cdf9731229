"""Which fields each record type's dialog shows, and what a new one starts with."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

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
)
from csplanner.core.changes import RecordType
from csplanner.ui.dialogs.fields import (
    CheckInput,
    DateInput,
    EnumInput,
    Input,
    LineInput,
    MoneyInput,
    SentimentInput,
    SharedInput,
    TextInput,
)
from csplanner.ui.dialogs.pick_input import CadenceInput, HurtRunsInput, attendees_input
from csplanner.ui.nouns import NOUNS, title


@dataclass(frozen=True)
class RecordForm:
    record_type: RecordType
    # today -> the dialog's inputs as (label, input) in tab order
    inputs: Callable[[date], list[tuple[str, Input]]]
    # today -> values a new record starts with
    defaults: Callable[[date], dict[str, Any]]
    # where the cursor starts in a new one (None: the first input); a check-in starts in its summary
    start_in: str | None = None

    @property
    def noun(self) -> str:
        """"milestone": what menus and undo texts say."""
        return NOUNS[self.record_type]

    def title(self, values: dict[str, Any]) -> str:
        """The short name used in "Edit milestone 'Kickoff'"."""
        return title(self.record_type, values)


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
        ("O&wner", LineInput("owner", "Login name of who looks after it; empty: Unassigned", max_len=100)),
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
        ("&Cadence (days)", CadenceInput()),
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
        ("", SharedInput("shared_with_customer", "Sh&ared with the customer (on their copy of the plan)")),
    ]


def obstacle_inputs(today: date) -> list[tuple[str, Input]]:
    return [
        ("&Title", LineInput("title", "e.g. New CIO questions the project")),
        ("&Kind", EnumInput("kind", ObstacleKind)),
        ("&Severity", EnumInput("severity", Severity)),
        ("&Opened on", DateInput("opened_on", today)),
        ("&Resolved on", DateInput("resolved_on", today)),
        ("&Mitigation", TextInput("mitigation", "What are you doing about it?", lines=4)),
        ("&Hurts runs", HurtRunsInput()),
    ]


def checkin_inputs(today: date) -> list[tuple[str, Input]]:
    return [
        ("&Date", DateInput("held_on", today)),
        ("&Kind", EnumInput("kind", CheckInKind)),
        ("&Who was there", attendees_input()),
        ("S&ummary", TextInput("summary", "What was said?", lines=4)),
        ("&Next steps", TextInput("next_steps", "One per line, e.g. 'Maria: send the SOW by 2026-12-04', "
                                                "'Customer: share usage data', 'Book the QBR'")),
        ("S&entiment", SentimentInput("sentiment")),
    ]


FORMS: dict[RecordType, RecordForm] = {
    k.record_type: k
    for k in (
        RecordForm(RecordType.ACCOUNT, account_inputs, lambda today: {"currency": "USD", "stage": Stage.LAND}),
        RecordForm(RecordType.STAKEHOLDER, stakeholder_inputs, lambda today: {}),
        RecordForm(RecordType.DISCOVERY_NOTE, note_inputs, lambda today: {"noted_on": today}),
        RecordForm(RecordType.MILESTONE, milestone_inputs,
                   lambda today: {"planned_on": today, "shared_with_customer": None}),
        RecordForm(RecordType.OBSTACLE, obstacle_inputs, lambda today: {"opened_on": today}),
        RecordForm(RecordType.CHECK_IN, checkin_inputs, lambda today: {"held_on": today}, start_in="summary"),
    )
}
