"""What users read for an enum value, and, apart from it, what they read for a field's name.

The two are kept apart because they collide: the phase `renewal` is "Renewal", while the
account field `renewal` is "Renewal (race day)".
"""

from csplanner.core.enums import RunType

# Values whose label is not simply the value with its first letter up ('exec_sponsor' -> 'Exec sponsor').
VALUE_LABELS: dict[str, str] = {
    "qbr": "QBR",
    "on_site": "On-site",
    "csm": "CSM",
    "no_value": "Did not see the value",
    "acquired": "Acquired or closed",
    "customer": "The customer",
}

FIELD_LABELS: dict[str, str] = {
    "arr_minor": "ARR",
    "contract_signed": "Contract signed",
    "planned_on": "Planned on",
    "done_on": "Done on",
    "opened_on": "Opened on",
    "resolved_on": "Resolved on",
    "held_on": "Date",
    "noted_on": "Date",
    "left_on": "Left on",
    "renewal": "Renewal (race day)",
    "run_type": "Run type",
    "next_steps": "Next steps",
    "success_criteria": "Success criteria",
    "arr_start_minor": "ARR at start",
    "arr_result_minor": "ARR at the result",
    "new_arr_minor": "New ARR",
}

SENTIMENTS = {1: "Positive", 0: "Neutral", -1: "Negative"}

RUN_MEANINGS = {
    RunType.SPRINT: "quick win",
    RunType.MEDIUM: "mid-term initiative",
    RunType.LONG: "long-term change",
    RunType.RACE: "renewal",
}


def _capitalized(name: str) -> str:
    return name.replace("_", " ").capitalize()


def value_label(value: str) -> str:
    """An enum value as users read it: 'exec_sponsor' -> 'Exec sponsor', phase 'renewal' -> 'Renewal'."""
    text = str(value)
    return VALUE_LABELS.get(text) or _capitalized(text)


def field_label(name: str) -> str:
    """A field's name as users read it: 'renewal' -> 'Renewal (race day)', 'arr_minor' -> 'ARR'."""
    return FIELD_LABELS.get(name) or _capitalized(name)


def run_legend(run_type: RunType) -> str:
    """'Sprint · quick win': a run type and what it stands for, for legends."""
    return f"{value_label(run_type)} · {RUN_MEANINGS[RunType(run_type)]}"


def hurt_label(injury: bool) -> str:
    """What an obstacle is to the runner: an injury (people, escalations) or bad weather (around them)."""
    return "Injury" if injury else "Bad weather"


def sentiment_label(sentiment: int | None) -> str:
    """+1, 0, -1 -> 'Positive', 'Neutral', 'Negative'; not recorded: ''."""
    return SENTIMENTS.get(sentiment, "") if sentiment is not None else ""


# A run's state as a mark beside its title, so it never rests on colour alone (issue 19).
STATUS_MARKS = {"done": "✓", "missed": "✗", "skipped": "–"}
OVERDUE_MARK = "!"


def status_mark(status: str, overdue: bool = False) -> str:
    """'✓' done, '✗' missed, '–' skipped (also struck through), '!' planned and overdue, '' planned."""
    if overdue and str(status) == "planned":
        return OVERDUE_MARK
    return STATUS_MARKS.get(str(status), "")
