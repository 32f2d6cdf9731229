"""What every per-account record shares: it belongs to an existing account."""

from typing import Any

from sqlmodel import Session, select

from csplanner.core.errors import DomainError
from csplanner.core.validate import MAX_ID
from csplanner.core.models import Account


def account_id(session: Session, f: dict[str, Any]) -> int:
    value = f.get("account_id")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID or session.get(Account, value) is None:
        raise DomainError("Choose an existing account.", "account_id")
    return value


def for_account(session: Session, model: type, account: int, *order: Any) -> list:
    return list(session.exec(select(model).where(model.account_id == account).order_by(*order)).all())
