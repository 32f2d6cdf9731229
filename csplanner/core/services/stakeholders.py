"""Stakeholders: who is on the customer's team, and who has left it."""

from datetime import date
from typing import Any

from sqlmodel import Session

from csplanner.core import validate as v
from csplanner.core.enums import ObstacleKind, Severity, StakeholderRole, StakeholderStatus
from csplanner.core.errors import DomainError
from csplanner.core.models import Stakeholder
from csplanner.core.present import value_label
from csplanner.core.services import children, records

# Losing one of these is exec turnover: the app offers to open an obstacle.
KEY_ROLES = (StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION)


def check(session: Session, f: dict[str, Any], _id: int | None, today: date | None = None) -> dict[str, Any]:
    f["account_id"] = children.account_id(session, f)
    f["name"] = v.text(f.get("name"), "name", required=True, max_len=200)
    f["title"] = v.text(f.get("title"), "title", max_len=200)
    f["role"] = v.an_enum(f.get("role") or StakeholderRole.OTHER, StakeholderRole, "role")
    f["email"] = v.email(f.get("email"))
    f["location"] = v.text(f.get("location"), "location", max_len=200)
    f["status"] = v.an_enum(f.get("status") or StakeholderStatus.ACTIVE, StakeholderStatus, "status")
    f["left_on"] = v.a_date(f.get("left_on"), "left_on")
    if f["status"] == StakeholderStatus.LEFT and f["left_on"] is None:
        f["left_on"] = v.a_date(today, "left_on", required=True)  # left without a date: left today
    if f["status"] == StakeholderStatus.ACTIVE:
        f["left_on"] = None
    f["cadence_days"] = _cadence(f.get("cadence_days"))
    return f


def _cadence(value: object) -> int | None:
    """Their own days between calls: empty follows the role, 0 means no cadence."""
    if value is None or value == "":
        return None
    try:
        days = int(str(value).strip())
    except ValueError:
        raise DomainError(f"The cadence '{value}' is not a whole number of days.", "cadence_days") from None
    if not 0 <= days <= 365:
        raise DomainError("A cadence is between 0 (none) and 365 days.", "cadence_days")
    return days


def create(session: Session, *, today: date | None = None, **values: Any) -> Stakeholder:
    return records.create(session, Stakeholder, check, values, today)


def update(session: Session, stakeholder_id: int, *, today: date | None = None, **changes: Any) -> Stakeholder:
    return records.update(session, Stakeholder, check, stakeholder_id, changes, today)


def delete(session: Session, stakeholder_id: int) -> None:
    records.delete(session, Stakeholder, stakeholder_id)


def for_account(session: Session, account_id: int) -> list[Stakeholder]:
    return children.for_account(session, Stakeholder, account_id, Stakeholder.status, Stakeholder.name)


def turnover_draft(before: dict[str, Any], after: Stakeholder, today: date) -> dict[str, Any] | None:
    """If this edit marked an exec sponsor or champion as left, a pre-filled exec-turnover obstacle."""
    became_left = before.get("status") != StakeholderStatus.LEFT and after.status == StakeholderStatus.LEFT
    if not became_left or after.role not in KEY_ROLES:
        return None
    role = value_label(after.role)
    return {
        "account_id": after.account_id,
        "kind": ObstacleKind.EXEC_TURNOVER,
        "severity": Severity.HIGH if after.role == StakeholderRole.EXEC_SPONSOR else Severity.MEDIUM,
        "title": f"{role} {after.name} left",
        "opened_on": after.left_on or today,
        "mitigation": f"Find and onboard a new {role.lower()}; re-confirm goals and success criteria.",
    }
