"""What each record type is called in menus and undo texts, and the short name of one record."""

from datetime import date
from typing import Any

from csplanner.core.changes import RecordType
from csplanner.core.present import date_long, one_line, value_label

NOUNS: dict[RecordType, str] = {
    RecordType.ACCOUNT: "account",
    RecordType.STAKEHOLDER: "stakeholder",
    RecordType.DISCOVERY_NOTE: "discovery note",
    RecordType.MILESTONE: "milestone",
    RecordType.OBSTACLE: "obstacle",
    RecordType.CHECK_IN: "check-in",
    RecordType.SEASON: "season",
    RecordType.FORECAST: "forecast",
    RecordType.NEXT_STEP: "next step",
}


def short(text: object, limit: int = 40) -> str:
    return one_line(str(text or ""), limit)


def on_day(value: object) -> str:
    return date_long(value) if isinstance(value, date) else str(value or "")


def title(record_type: RecordType, values: dict[str, Any]) -> str:
    """The short name used in "Add milestone 'Kickoff'"."""
    if record_type in (RecordType.ACCOUNT, RecordType.STAKEHOLDER):
        return short(values.get("name"))
    if record_type == RecordType.DISCOVERY_NOTE:
        return short(values.get("text"), 30)
    if record_type == RecordType.CHECK_IN:
        return f"{value_label(str(values.get('kind') or 'call'))} on {on_day(values.get('held_on'))}"
    if record_type == RecordType.FORECAST:
        return f"{value_label(str(values.get('outcome') or 'renew'))} on {on_day(values.get('taken_on'))}"
    if record_type == RecordType.SEASON:
        return f"Season {values.get('number')}"
    if record_type == RecordType.NEXT_STEP:
        return short(values.get("text"))
    return short(values.get("title"))

