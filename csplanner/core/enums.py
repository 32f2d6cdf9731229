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
