"""One CSV row -> the account fields (and contact) it holds, or the reasons it cannot be imported.

Pure: no database. `read_row` turns raw cells into clean values with the same rules the
account service applies, so the preview can say every row's fate before anything is written.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pycountry

from csplanner.core import names, validate as v
from csplanner.core.csv_import.dates import DateError, parse_date
from csplanner.core.csv_import.headers import DATE_FIELDS
from csplanner.core.csv_import.money import MoneyError, parse_money, to_minor
from csplanner.core.enums import Stage, StakeholderRole
from csplanner.core.errors import DomainError
from csplanner.core.present.labels import field_label

MAX_NAME = 200
MAX_SEGMENT = 100
DATE_NAMES = {"contract_signed": "contract start date", "kickoff": "kickoff date", "renewal": "renewal date"}

STAGES: dict[str, Stage] = {
    **dict.fromkeys(("land", "landing", "onboarding", "onboard", "kickoff", "new", "implementation"), Stage.LAND),
    **dict.fromkeys(("adopt", "adoption", "adopting", "active", "live", "engaged"), Stage.ADOPT),
    **dict.fromkeys(("expand", "expansion", "expanding", "growth", "upsell"), Stage.EXPAND),
    **dict.fromkeys(("renew", "renewal", "renewing", "renewed"), Stage.RENEW),
}
ROLES: dict[str, StakeholderRole] = {
    **dict.fromkeys(("execsponsor", "executivesponsor", "sponsor", "exec"), StakeholderRole.EXEC_SPONSOR),
    **dict.fromkeys(("champion",), StakeholderRole.CHAMPION),
    **dict.fromkeys(("decisionmaker", "economicbuyer", "buyer"), StakeholderRole.DECISION_MAKER),
    **dict.fromkeys(("admin", "administrator"), StakeholderRole.ADMIN),
    **dict.fromkeys(("user", "enduser"), StakeholderRole.USER),
    **dict.fromkeys(("procurement", "purchasing"), StakeholderRole.PROCUREMENT),
}


def name_key(name: str) -> str:
    """Names compared the way a person would: Unicode case folding, NFC, single spaces."""
    return names.key(" ".join(name.split()))  # the accounts' own rule (core.names), spaces collapsed


@dataclass
class RowValues:
    """What one row says. `account` holds only the fields its cells filled in."""

    name: str = ""
    account: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] | None = None
    reasons: list[str] = field(default_factory=list)
    arr_currency: str | None = None  # from a symbol in the ARR cell


def _known_currency(code: str) -> bool:
    return len(code) == 3 and pycountry.currencies.get(alpha_3=code) is not None


def _stage(cell: str, out: RowValues) -> None:
    key = "".join(ch for ch in cell.casefold() if ch.isalnum())
    if key in STAGES:
        out.account["stage"] = STAGES[key]
    else:
        out.reasons.append(f"unknown stage '{cell}' (use Land, Adopt, Expand or Renew)")


def _text(cell: str, key: str, out: RowValues, max_len: int = v.MAX_TEXT) -> None:
    if len(cell) > max_len:
        out.reasons.append(f"{field_label(key).lower()} is too long ({len(cell)} characters; at most {max_len})")
    else:
        out.account[key] = cell


def _contact(cells: dict[str, str], out: RowValues) -> None:
    if not any(cells.get(k) for k in ("contact_name", "contact_title", "contact_email")):
        return
    name = cells.get("contact_name", "")
    if not name:
        out.reasons.append("contact without a name")
        return
    title = cells.get("contact_title", "")
    if len(name) > MAX_NAME or len(title) > MAX_NAME:
        out.reasons.append(f"contact {'name' if len(name) > MAX_NAME else 'title'} is too long (at most {MAX_NAME})")
        return
    contact: dict[str, Any] = {"name": name, "title": title}
    try:
        contact["email"] = v.email(cells.get("contact_email", ""))
    except DomainError:
        out.reasons.append(f"contact email '{cells.get('contact_email')}' is not valid")
        return
    role_key = "".join(ch for ch in cells.get("contact_role", "").casefold() if ch.isalnum())
    contact["role"] = ROLES.get(role_key, StakeholderRole.OTHER)
    out.contact = contact


def read_row(cells: dict[str, str], *, date_order: str | None, column_currency: str | None = None) -> RowValues:
    """Clean values from a row's cells (field -> raw text). Reasons collect every problem found."""
    cells = {k: c.strip() for k, c in cells.items()}
    out = RowValues(name=" ".join(cells.get("name", "").split()))
    if not out.name:
        out.reasons.append("empty name")
    elif len(out.name) > MAX_NAME:
        out.reasons.append(f"name is too long ({len(out.name)} characters; at most {MAX_NAME})")
    for key in DATE_FIELDS:
        if cells.get(key):
            try:
                out.account[key] = parse_date(cells[key], date_order)
            except DateError as exc:
                out.reasons.append(f"bad {DATE_NAMES[key]}: {exc}")
    currency = cells.get("currency", "").upper()
    if currency and not _known_currency(currency):
        out.reasons.append(f"unknown currency '{cells['currency']}'")
        currency = ""
    if cells.get("arr"):
        try:
            money = parse_money(cells["arr"])
        except MoneyError as exc:
            out.reasons.append(str(exc))
            money = None
        if money is not None:
            out.arr_currency = money.currency
            code = currency or money.currency or column_currency
            if money.currency and not _known_currency(money.currency):
                out.reasons.append(f"unknown currency '{money.currency}' in ARR '{cells['arr']}'")
            elif currency and money.currency and money.currency != currency:
                out.reasons.append(f"ARR '{cells['arr']}' is in {money.currency} but the currency column says {currency}")
            else:
                out.account["arr_amount"] = money.amount
                if code:
                    out.account["currency"] = code
    if currency:
        out.account["currency"] = currency
    if cells.get("segment"):
        _text(cells["segment"], "segment", out, MAX_SEGMENT)
    for key in ("goal", "success_criteria", "regions"):
        if cells.get(key):
            _text(cells[key], key, out)
    if cells.get("owner"):
        _text(cells["owner"].strip(), "owner", out, 100)
    if cells.get("stage"):
        _stage(cells["stage"], out)
    _contact(cells, out)
    return out


def finish(values: RowValues, existing: dict[str, Any] | None) -> dict[str, Any]:
    """The account fields to write: ARR in minor units of the currency it ends up in, dates in order.

    `existing` is the account's current fields for an update (its currency and dates count),
    None for a new account. Raises DomainError when the dates contradict each other.
    """
    changes = dict(values.account)
    amount = changes.pop("arr_amount", None)
    currency = changes.get("currency") or (existing or {}).get("currency") or "USD"
    if amount is not None:
        changes["arr_minor"] = v.money_minor(to_minor(amount, currency), "arr_minor")
    merged = {**(existing or {}), **changes}
    dates: dict[str, date | None] = {k: merged.get(k) for k in DATE_FIELDS}
    v.not_before(dates["renewal"], dates["contract_signed"], "renewal", "contract_signed", strictly=True)
    v.not_before(dates["kickoff"], dates["contract_signed"], "kickoff", "contract_signed")
    v.not_before(dates["renewal"], dates["kickoff"], "renewal", "kickoff", strictly=True)
    return changes
