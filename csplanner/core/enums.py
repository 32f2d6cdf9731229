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


# Least to most severe; sorting and drawing rank severities by this one order.
SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}
# Injuries hurt the runner (people, escalations); bad weather is around them (product gaps, other).
INJURIES = frozenset({ObstacleKind.EXEC_TURNOVER, ObstacleKind.ESCALATION})


def is_injury(kind: str) -> bool:
    return ObstacleKind(kind) in INJURIES


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
