"""Enumerations of the domain; stored as their text values."""

from enum import StrEnum


class Stage(StrEnum):
    """LAER: where the account is on its journey."""

    LAND = "land"
    ADOPT = "adopt"
    EXPAND = "expand"
    RENEW = "renew"


class StakeholderRole(StrEnum):
    EXEC_SPONSOR = "exec_sponsor"
    CHAMPION = "champion"
    DECISION_MAKER = "decision_maker"
    ADMIN = "admin"
    USER = "user"
    PROCUREMENT = "procurement"
    OTHER = "other"


class StakeholderStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"


class NoteKind(StrEnum):
    GOAL = "goal"
    HISTORY = "history"  # what they tried before
    SUCCESS_CRITERIA = "success_criteria"
    BLOCKER = "blocker"
    REAL_NEED = "real_need"  # what they need vs what they asked for
    OTHER = "other"


class MilestoneStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"
    SKIPPED = "skipped"


class RunType(StrEnum):
    """Quick win, mid-term initiative, long-term change, renewal."""

    SPRINT = "sprint"
    MEDIUM = "medium"
    LONG = "long"
    RACE = "race"


class Phase(StrEnum):
    KICKOFF = "kickoff"
    ONBOARDING = "onboarding"
    ADOPTION = "adoption"
    EXPANSION = "expansion"
    RENEWAL = "renewal"


class Team(StrEnum):
    CSM = "csm"
    SERVICES = "services"
    SUPPORT = "support"
    PRODUCT = "product"
    SALES = "sales"
    LEADERSHIP = "leadership"


class ObstacleKind(StrEnum):
    EXEC_TURNOVER = "exec_turnover"
    PRODUCT_GAP = "product_gap"
    ESCALATION = "escalation"
    OTHER = "other"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class CheckInKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    QBR = "qbr"
    EMAIL = "email"
    ON_SITE = "on_site"


LABELS: dict[str, str] = {
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
    "exec_sponsor": "Exec sponsor",
    "decision_maker": "Decision maker",
    "success_criteria": "Success criteria",
    "real_need": "Real need",
    "exec_turnover": "Exec turnover",
    "product_gap": "Product gap",
    "qbr": "QBR",
    "on_site": "On-site",
    "csm": "CSM",
}


def label(value: str) -> str:
    """A human label for an enum value: 'exec_sponsor' -> 'Exec sponsor'."""
    return LABELS.get(str(value), str(value).replace("_", " ").capitalize())


class SeasonOutcome(StrEnum):
    """How a season (one contract term) ended on race day."""

    RENEWED = "renewed"
    CHURNED = "churned"


class ChurnReason(StrEnum):
    BUDGET = "budget"
    NO_VALUE = "no_value"  # did not see the value
    PRODUCT_GAP = "product_gap"
    COMPETITOR = "competitor"
    CHAMPION_LEFT = "champion_left"
    ACQUIRED = "acquired"  # merger, acquisition, company closed
    POOR_ADOPTION = "poor_adoption"
    OTHER = "other"


class ForecastOutcome(StrEnum):
    RENEW = "renew"
    EXPAND = "expand"
    CONTRACT = "contract"
    CHURN = "churn"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class StepOwner(StrEnum):
    """Who does a next step: us, the customer, or one named stakeholder."""

    US = "us"
    CUSTOMER = "customer"
    STAKEHOLDER = "stakeholder"


LABELS.update({
    "no_value": "Did not see the value",
    "champion_left": "Champion left",
    "acquired": "Acquired or closed",
    "poor_adoption": "Poor adoption",
    "us": "Us",
    "customer": "The customer",
    "arr_start_minor": "ARR at start",
    "arr_result_minor": "ARR at the result",
    "race_day": "Race day",
    "due_on": "Due on",
    "taken_on": "Taken on",
    "new_race_day": "New race day",
    "new_arr_minor": "New ARR",
})
